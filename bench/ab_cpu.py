#!/usr/bin/env python3
"""Alternates two builds of `analyze` on one log and compares them by CPU time as well as wall time.

Usage: bench/ab_cpu.py JAR_A JAR_B LOG [RUNS=15]
Runs `java $JAVA_OPTS -jar JAR analyze --format json LOG` for A and B in turn (one untimed run of each first),
and prints per jar the median and best wall time and user+sys CPU time (the process's rusage, JIT and GC
threads included). CPU time is less sensitive than wall time to other work on a shared machine, which is why
this exists next to compare.py. Exits non-zero when the two jars' reports differ in any byte."""
import os, shlex, statistics, subprocess, sys, time

jar_a, jar_b, log = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 15
opts = shlex.split(os.environ.get("JAVA_OPTS", "-Xmx256m"))


def cpu_of(jar):
    """One run under wait4 so its rusage is the child's alone."""
    cmd = ["java"] + opts + ["-jar", jar, "analyze", "--format", "json", log]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):
        sys.exit("failed (%d): %s" % (code, " ".join(cmd)))
    return wall, ru.ru_utime + ru.ru_stime, out


with open(log, "rb") as f:  # warm the page cache
    while f.read(1 << 24):
        pass
first = {j: cpu_of(j)[2] for j in (jar_a, jar_b)}
same = first[jar_a] == first[jar_b]
res = {jar_a: ([], []), jar_b: ([], [])}
for i in range(runs):
    for j in ((jar_a, jar_b) if i % 2 == 0 else (jar_b, jar_a)):
        wall, cpu, out = cpu_of(j)
        same = same and out == first[j]
        res[j][0].append(wall)
        res[j][1].append(cpu)
for name, j in (("A", jar_a), ("B", jar_b)):
    w, c = res[j]
    print("%s %s: wall median %.3f best %.3f s; user+sys CPU median %.3f best %.3f s (%d runs)" % (
        name, j, statistics.median(w), min(w), statistics.median(c), min(c), runs))
wa, wb = statistics.median(res[jar_a][0]), statistics.median(res[jar_b][0])
ca, cb = statistics.median(res[jar_a][1]), statistics.median(res[jar_b][1])
print("B/A: wall %.3f, CPU %.3f" % (wb / wa, cb / ca))
print("reports byte for byte the same: %s" % ("yes" if same else "NO"))
sys.exit(0 if same else 1)
