#!/usr/bin/env python3
"""Times DuckDB (node duckdb_peer.mjs fullgs FILE) and `java -Xmx256m -jar incident-bot.jar analyze --format json
FILE` alternately, prints both medians, the ratio, and whether analyze found the planted cause."""
import json, os, shlex, statistics, subprocess, sys, time

scratch, log, jar, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
java = ["java"] + shlex.split(os.environ.get("JAVA_OPTS", "-Xmx256m")) + ["-jar", jar, "analyze", "--format", "json", log]
duck = ["node", os.path.join(scratch, "duckdb_peer.mjs"), "fullgs", log]


def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=scratch)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), r.stderr[-2000:]))
    return dt, r.stdout


with open(log, "rb") as f:  # warm the page cache for both
    while f.read(1 << 24):
        pass
timed(duck)
_, out = timed(java)
d_times, j_times = [], []
for i in range(runs):
    d_times.append(timed(duck)[0])
    dt, out = timed(java)
    j_times.append(dt)
rep = json.loads(out)
rc = rep.get("rootCause") or {}
found = rc.get("attributes") == {"modelVersion": "v1.3"} and str(rc.get("startedAt", "")).startswith("2025-08-01T18:05")
size = os.path.getsize(log)
dm, jm = statistics.median(d_times), statistics.median(j_times)
print("file: %s (%.0f MB, %d records)" % (log, size / 1e6, rep["input"]["records"]))
print("duckdb  (node-api, fullgs) runs: %s  median %.3f s" % (" ".join("%.3f" % t for t in d_times), dm))
print("analyze (%s) runs: %s  median %.3f s" % (os.environ.get("JAVA_OPTS", "-Xmx256m"),
                                                  " ".join("%.3f" % t for t in j_times), jm))
print("ratio analyze/duckdb: %.2f (%s)" % (jm / dm, "analyze is faster" if jm <= dm else "analyze is slower"))
print("found planted cause modelVersion=v1.3 from 18:05: %s (got %s from %s)" % (
    "yes" if found else "NO", rc.get("attributes"), rc.get("startedAt")))
sys.exit(0 if found else 1)
