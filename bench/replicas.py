#!/usr/bin/env python3
"""Benchmark of replicas: the same load against H2 (one bot), PostgreSQL with one replica and PostgreSQL with two.

For each setup: start a throwaway PostgreSQL cluster of its own (initdb + pg_ctl, as user postgres when run as root)
where needed, the Slack stand-in (shared/acceptance/fake_slack.py) and the bot's jar (one or two processes, each on
its own port, one store), then
  1. webhook intake: ALERTS distinct firing alerts over GROUPS Alertmanager groups, one alert per delivery, from
     CONCURRENCY keep-alive clients split over the replicas (client i talks to replica i % n), after a warm-up;
  2. slash-command acks: COMMANDS signed `/incident declare` commands from the same number of clients;
and print alerts/s held, p50/p99 of both; on PostgreSQL wait until the replicas ran every acknowledged declare (how
long that took is printed), on H2 wait 10 s; then stop the bots (SIGTERM) and count that nothing was lost: every
alert stored once, one incident per alert group, and every declare either stored, or answered "overloaded" in its
ack, or answered on its response_url that the stop left it unrun (the Slack stand-in's record).

  bench/replicas.py [--setups h2,pg1,pg2] [--alerts 20000] [--groups 20] [--concurrency 50] [--commands 1000]

The load generator is Python: CONCURRENCY threads over --procs processes (the GIL would otherwise cap it); it shares
the two cores with the bots, so the figures are a floor. Loopback only; everything is removed at the end."""
import argparse, glob, re, hashlib, hmac, http.client, json, multiprocessing as mp, os, shutil, signal, socket, subprocess
import sys, tempfile, threading, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET, TOKEN = "bench-secret", "bench-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """A cluster of its own in a temp dir, fsync off (as the tests' and the acceptance check's), trust on loopback."""

    def __init__(self, top):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: float(p.split("/")[4]))
        if not bins:
            sys.exit("no PostgreSQL server binaries (apt-get install postgresql)")
        self.bin, self.port, self.home = os.path.dirname(bins[-1]), free_port(), os.path.join(top, "pg")
        os.mkdir(self.home)
        self.sudo = []
        if os.geteuid() == 0:
            os.chmod(top, 0o755)
            shutil.chown(self.home, "postgres", "postgres")
            self.sudo = ["runuser", "-u", "postgres", "--"]
        self.data = os.path.join(self.home, "data")
        self.pg("initdb", "-D", self.data, "-U", "postgres", "-E", "UTF8", "--no-sync", "--auth=trust")
        self.pg("pg_ctl", "-D", self.data, "-l", os.path.join(self.home, "log"), "-w", "-o",
                "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" % (self.port, self.home), "start")
        self.pg("psql", "-h", self.home, "-p", str(self.port), "-U", "postgres", "-q", "-c", "CREATE DATABASE incidents")
        self.url = "jdbc:postgresql://127.0.0.1:%d/incidents" % self.port

    def pg(self, tool, *args):
        return subprocess.run(self.sudo + [os.path.join(self.bin, tool), *args], cwd=self.home, check=True,
                              capture_output=True, text=True, timeout=120).stdout

    def count(self, sql):
        return int(self.pg("psql", "-h", self.home, "-p", str(self.port), "-U", "postgres", "-d", "incidents", "-tAc", sql).strip())

    def stop(self):
        subprocess.run(self.sudo + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "immediate", "stop"],
                       cwd=self.home, capture_output=True, timeout=60)


def h2_count(jar, url, sql):
    out = subprocess.run(["java", "-cp", jar, "org.h2.tools.Shell", "-url", url, "-sql", sql],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return int(out.splitlines()[1].strip())


def alert_body(prefix, j, groups, batch=1):
    """Delivery j: `batch` new firing alerts of group j mod groups, as Alertmanager sends a group's notification."""
    g = j % groups
    alerts = [{"status": "firing", "fingerprint": "%s%08d" % (prefix, i),
               "labels": {"alertname": "BenchAlert%d" % g, "severity": "critical", "instance": "h-%d" % i},
               "annotations": {"summary": "bench alert %d" % i}, "startsAt": "2026-11-22T21:50:46Z",
               "endsAt": "0001-01-01T00:00:00Z"} for i in range(j * batch, j * batch + batch)]
    return json.dumps({"version": "4", "status": "firing", "receiver": "bot", "groupKey": '{}:{alertname="BenchAlert%d"}' % g,
                       "groupLabels": {"alertname": "BenchAlert%d" % g}, "commonLabels": {}, "commonAnnotations": {},
                       "externalURL": "http://am", "truncatedAlerts": 0, "alerts": alerts}).encode()


def command_body(text, fport, n):
    return urllib.parse.urlencode({"token": "x", "team_id": "T0BENCH", "team_domain": "bench", "channel_id": "C0BENCH",
                                   "channel_name": "incidents", "user_id": "U0BENCH", "user_name": "bench", "command": "/incident",
                                   "text": text, "response_url": "http://127.0.0.1:%d/response/%d" % (fport, n),
                                   "trigger_id": "1.2.%d" % n}).encode()


def signed(body):
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


def load_part(kind, ports, jobs, threads, args, out):
    """One load process: `threads` clients, each on its own keep-alive connection to one replica, share `jobs`."""
    lock, nxt, lat, errs, refused = threading.Lock(), [0], [], [], []

    def client(k):
        port = ports[k % len(ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if nxt[0] >= len(jobs):
                    return
                j = jobs[nxt[0]]
                nxt[0] += 1
            if kind == "alert":
                path, body, headers = "/webhooks/alertmanager", alert_body(args.prefix, j, args.groups, args.batch), \
                    {"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN}
            else:
                body = command_body("declare BenchDecl-%06d bench load sev4" % j, args.fport, j)
                path, headers = "/slack/events", signed(body)
            t = time.perf_counter()
            try:
                conn.request("POST", path, body, headers)
                r = conn.getresponse()
                answer = r.read()
                with lock:
                    lat.append(time.perf_counter() - t)
                    if r.status != 200:
                        errs.append(r.status)
                    elif b"overloaded" in answer:
                        refused.append(j)
            except OSError as e:
                with lock:
                    errs.append(repr(e))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    ts = [threading.Thread(target=client, args=(k,)) for k in range(threads)]
    for t in ts: t.start()
    for t in ts: t.join()
    out.put((lat, errs, refused))


def load(kind, ports, n, args, start=0):
    """n requests from args.concurrency clients over args.procs processes; (per second, p50 ms, p99 ms, errors,
    requests answered "overloaded")."""
    q, procs = mp.Queue(), []
    per = [list(range(start + p, start + n, args.procs)) for p in range(args.procs)]
    t0 = time.perf_counter()
    for p in range(args.procs):
        # client k of process p is client p + k * procs overall, so replicas get an equal share of clients
        part_ports = [ports[(p + k * args.procs) % len(ports)] for k in range(len(ports))]
        procs.append(mp.Process(target=load_part, args=(kind, part_ports, per[p], args.concurrency // args.procs, args, q)))
    for pr in procs: pr.start()
    results = [q.get() for _ in procs]
    for pr in procs: pr.join()
    took = time.perf_counter() - t0
    lat = sorted(x for r in results for x in r[0])
    errs = [e for r in results for e in r[1]]
    refused = sum(len(r[2]) for r in results)
    pct = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))] * 1000
    return n / took, pct(0.5), pct(0.99), errs, refused


def wrk_alerts(ports, args):
    """The intake phase with wrk (bench/webhook_wrk.lua), one wrk process per replica for --seconds; wrk takes far less
    of the two cores than Python's clients. Returns (alerts/s, p50 ms, p99 ms, errors): rates summed, p50 the mean and
    p99 the highest of the replicas'."""
    lua = os.path.join(ROOT, "bench", "webhook_wrk.lua")
    procs = []
    for r, port in enumerate(ports):
        env = dict(os.environ, TOKEN=TOKEN, GROUPS=str(args.groups), PREFIX="bench-r%d-" % r, BATCH=str(args.batch))
        procs.append(subprocess.Popen(["wrk", "-t%d" % (2 // len(ports)), "-c%d" % (args.concurrency // len(ports)),
                                       "-d%ds" % args.seconds, "-s", lua, "http://127.0.0.1:%d" % port],
                                      env=env, stdout=subprocess.PIPE, text=True))
    rate, p50s, p99, errs = 0.0, [], 0.0, []
    for pr in procs:
        out = pr.communicate(timeout=args.seconds + 120)[0]
        line = next(l for l in out.splitlines() if l.startswith("wrk: "))
        n, e, r, q50, q99 = re.match(r"wrk: (\d+) requests, (\d+) non-2xx or errors, ([\d.]+) alerts/s, "
                                     r"p50 ([\d.]+) ms, p99 ([\d.]+) ms", line).groups()
        rate += float(r)
        p50s.append(float(q50))
        p99 = max(p99, float(q99))
        errs += ["wrk errors"] * int(e)
    return rate, sum(p50s) / len(p50s), p99, errs


def cpu_by_command():
    """CPU seconds used so far by every process, summed per command name (java, postgres, wrk, python3...)."""
    tick, out = os.sysconf("SC_CLK_TCK"), {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = open("/proc/%s/stat" % pid).read()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            out[name] = out.get(name, 0) + (int(rest[11]) + int(rest[12])) / tick
    return out


def received(port):
    """Alerts the replica's webhooks accepted so far, from its /metrics."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    return sum(int(float(l.split()[-1])) for l in text.splitlines() if l.startswith("incidentbot_alerts_received_total"))


def told_not_run(record):
    """Bench declares the bot answered, on their response_url, that a stop left unrun (so nothing was changed)."""
    n = 0
    with open(record) as f:
        for line in f:
            c = json.loads(line)
            if c.get("method") == "response_url" and "did not run" in json.dumps(c.get("params")) and "BenchDecl-0" in json.dumps(c.get("params")):
                n += 1
    return n


def run(setup, args, jar, fake):
    top = tempfile.mkdtemp(prefix="bench-replicas-")
    pg, bots, fake_proc = None, [], None
    try:
        if setup == "h2":
            store = {"DATABASE_URL": "jdbc:h2:file:%s/db/bot" % top}
        else:
            pg = Postgres(top)
            store = {"DATABASE_URL": pg.url, "DATABASE_USER": "postgres"}
        args.fport = free_port()
        fake_proc = subprocess.Popen([sys.executable, fake, "--port", str(args.fport), "--record", os.path.join(top, "slack.jsonl")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ports = []
        for r in range(2 if setup == "pg2" else 1):
            port = free_port()
            env = dict(os.environ, PORT=str(port), BIND="127.0.0.1", SLACK_BOT_TOKEN="xoxb-bench-%d" % r, SLACK_SIGNING_SECRET=SECRET,
                       SLACK_API_URL="http://127.0.0.1:%d/api/" % args.fport, INCIDENT_CHANNEL="C0BENCH", WEBHOOK_TOKEN=TOKEN, **store)
            log = open(os.path.join(top, "bot%d.log" % r), "w")
            bots.append(subprocess.Popen(["java", *args.jvm.split(), "-jar", jar, "serve"], env=env, stdout=log, stderr=log))
            ports.append(port)
            for _ in range(300):  # one at a time: the second replica finds the schema migrated
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    c.request("GET", "/health")
                    if c.getresponse().status == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            else:
                sys.exit("%s: replica %d did not become healthy; see %s" % (setup, r, log.name))
        args.prefix = "warm-"
        load("alert", ports, -(-args.warmup // args.batch), args)  # the JIT, the pools, the warm-up's own incidents
        load("command", ports, 200, args, start=900000)
        args.prefix = "bench-"
        cpu0 = cpu_by_command()
        if args.loadgen == "wrk":
            before = sum(received(p) for p in ports)
            a_rate, a50, a99, a_err = wrk_alerts(ports, args)
            time.sleep(2)  # wrk stops with deliveries in flight that it does not count; the bots' own counters do
            expected_alerts = sum(received(p) for p in ports) - before
        else:
            deliveries = -(-args.alerts // args.batch)
            d_rate, a50, a99, a_err, _ = load("alert", ports, deliveries, args)
            a_rate, expected_alerts = d_rate * args.batch, deliveries * args.batch
        cpu1 = cpu_by_command()
        cpu_ms = {k: round((cpu1[k] - cpu0.get(k, 0)) * 1000 / expected_alerts, 2) for k in cpu1 if cpu1[k] - cpu0.get(k, 0) > 0.5}
        c_rate, c50, c99, c_err, c_refused = load("command", ports, args.commands, args)
        if setup == "h2":  # H2's file is the bot's alone while it runs: count in it after the stop
            count = lambda sql: h2_count(jar, store["DATABASE_URL"], sql)
        else:
            count = pg.count
        declared_sql = "SELECT COUNT(*) FROM incidents WHERE title LIKE 'BenchDecl-0%'"
        t0, took = time.perf_counter(), None
        while setup != "h2" and time.perf_counter() - t0 < 120:  # the work pools run the acknowledged declares
            if count(declared_sql) + c_refused >= args.commands:
                took = time.perf_counter() - t0
                break
            time.sleep(0.5)
        if setup == "h2":
            time.sleep(10)
        for b in bots:
            b.send_signal(signal.SIGTERM)
        codes = [b.wait(timeout=30) for b in bots]
        stored = count("SELECT COUNT(*) FROM alerts WHERE fingerprint LIKE 'bench-%'")
        groups = count("SELECT COUNT(DISTINCT incident_id) FROM alerts WHERE fingerprint LIKE 'bench-%'")
        declared = count(declared_sql)
        told_again = told_not_run(os.path.join(top, "slack.jsonl"))
        lost = stored != expected_alerts or groups != args.groups or declared + c_refused + told_again != args.commands or a_err or c_err
        load_avg = open("/proc/loadavg").read().split()[:3]
        print(json.dumps({"setup": setup, "replicas": len(bots), "alerts_per_s": round(a_rate), "alert_p50_ms": round(a50, 1),
                          "alert_p99_ms": round(a99, 1), "acks_per_s": round(c_rate), "ack_p50_ms": round(c50, 1),
                          "ack_p99_ms": round(c99, 1), "non_200": len(a_err) + len(c_err),
                          "loadgen": args.loadgen, "cpu_ms_per_alert": cpu_ms, "stored_alerts": "%d/%d" % (stored, expected_alerts), "alert_incidents": "%d/%d" % (groups, args.groups),
                          "declared": "%d/%d" % (declared, args.commands), "refused_overloaded": c_refused, "told_not_run_at_stop": told_again,
                          "declares_done_s": None if took is None else round(took, 1), "sigterm_exit": codes,
                          "nothing_lost": not lost, "loadavg": " ".join(load_avg)}), flush=True)
        return not lost
    finally:
        for b in bots:
            if b.poll() is None:
                b.kill()
        if fake_proc:
            fake_proc.kill()
        if pg:
            pg.stop()
        if os.environ.get("KEEP"):
            print("kept", top, file=sys.stderr)
        else:
            shutil.rmtree(top, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--setups", default="h2,pg1,pg2")
    p.add_argument("--alerts", type=int, default=20000)
    p.add_argument("--warmup", type=int, default=10000)
    p.add_argument("--groups", type=int, default=20)
    p.add_argument("--batch", type=int, default=1,
                   help="new alerts per delivery (Alertmanager sends a group's alerts in one notification); p50/p99 are per delivery")
    p.add_argument("--commands", type=int, default=1000)
    p.add_argument("--concurrency", type=int, default=50)
    p.add_argument("--procs", type=int, default=2, help="load processes the clients are spread over")
    p.add_argument("--jvm", default=os.environ.get("BENCH_JVM_OPTS", ""), help="options for the bots' JVMs")
    p.add_argument("--loadgen", choices=("python", "wrk"), default="python",
                   help="the intake phase's clients: Python's (--alerts) or wrk (Debian package wrk) for --seconds")
    p.add_argument("--seconds", type=int, default=15, help="how long wrk sends alerts")
    p.add_argument("--jar", help="the bot's jar (default target/incident-bot.jar), e.g. another build for before/after")
    a = p.parse_args()
    jar = a.jar or os.path.join(ROOT, "target", "incident-bot.jar")
    fake = os.path.join(ROOT, "..", "shared", "acceptance", "fake_slack.py")
    if not os.path.exists(jar):
        sys.exit("build the jar first: mvn -B -q -DskipTests -Dcds.skip=true package")
    ok = all([run(s.strip(), a, jar, fake) for s in a.setups.split(",")])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
