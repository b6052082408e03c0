#!/usr/bin/env python3
"""Alert -> analysis posted: how long from an Alertmanager delivery to the root cause (and chart) in the incident's
thread, with the bot reading a one-hour window of N records from a log source.

  alert_analysis.py file N SCRATCH [HEAP]   a rotated set: api.ndjson.2.gz, api.ndjson.1.gz (gzip) and api.ndjson
  alert_analysis.py loki N SCRATCH [HEAP]   loki_standin.py serving the same records in pages of 5,000 lines

It starts ../shared/acceptance/fake_slack.py and the bot (java -XmxHEAP -jar target/incident-bot.jar) on loopback,
delivers one alert, and prints the seconds until the summary post and the chart upload, the culprit, and the
bot's peak RSS (VmHWM). Exits non-zero when the planted cause (version=2.4.1) is not the root cause."""
import gzip, json, os, shutil, random, re, signal, socket, subprocess, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "acceptance")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)


def generate(folder, n, now):
    """N requests over the hour before NOW; from now-15 min version 2.4.1 takes 30% of traffic, 6x slower, 25%
    timeouts; region ap-south-1 is 30% slower all along. Oldest third gzip-rotated twice, the rest plain."""
    rng = random.Random(42)
    start = now - 3600
    regions = ["eu-west-1", "us-east-1", "ap-south-1"]
    endpoints = ["/api/cart", "/api/checkout", "/api/payment", "/api/shipping"]
    parts = [[], [], []]
    for i in range(n):
        t = start + i * 3600.0 / n
        region = regions[i % 3]
        version = "2.4.1" if t >= now - 900 and rng.random() < 0.3 else "2.4.0"
        ms = max(5.0, rng.gauss(80, 20)) * (1.3 if region == "ap-south-1" else 1.0)
        status = "error" if rng.random() < 0.01 else "ok"
        if version == "2.4.1":
            ms *= 6
            status = "timeout" if rng.random() < 0.25 else status
        parts[min(2, i * 3 // n)].append('{"timestamp":"%s","service":"checkout","endpoint":"%s","region":"%s","version":"%s","latency_ms":%.1f,"status":"%s"}'
                                         % (iso(t), endpoints[i % 4], region, version, ms, status))
    files = [("api.ndjson.2.gz", parts[0], now - 2400), ("api.ndjson.1.gz", parts[1], now - 1200), ("api.ndjson", parts[2], now)]
    for name, rows, mtime in files:
        path = os.path.join(folder, name)
        with (gzip.open(path, "wt", compresslevel=1) if name.endswith(".gz") else open(path, "w")) as f:
            f.write("\n".join(rows) + "\n")
        os.utime(path, (mtime, mtime))
    return [r for p in parts for r in p]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read()


def main():
    kind, n, scratch = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    heap = sys.argv[4] if len(sys.argv) > 4 else "512m"
    os.makedirs(scratch, exist_ok=True)
    shutil.rmtree(os.path.join(scratch, "db"), ignore_errors=True)  # a fresh store: the alert must open a new incident
    logs = os.path.join(scratch, "logs")
    os.makedirs(logs, exist_ok=True)
    now = time.time()
    t = time.time()
    rows = generate(logs, n, now)
    print("generated %d records in %.1f s" % (n, time.time() - t), flush=True)
    procs = []
    try:
        sport = free_port()
        procs.append(subprocess.Popen([sys.executable, os.path.join(SHARED, "fake_slack.py"), "--port", str(sport)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        sources = os.path.join(scratch, "sources.yml")
        if kind == "file":
            src = 'sources:\n  - name: checkout-api\n    type: file\n    path: "%s/api.ndjson*"\n    lookback: PT45M\n' % logs
        else:
            lport = free_port()
            ndjson = os.path.join(scratch, "loki.ndjson")
            with open(ndjson, "w") as f:
                f.write("\n".join(rows) + "\n")
            procs.append(subprocess.Popen([sys.executable, os.path.join(HERE, "loki_standin.py"), str(lport), ndjson],
                                          stdout=subprocess.DEVNULL))
            ready = time.time() + 120  # the stand-in parses every line's time first
            while time.time() < ready:
                try:
                    get("http://127.0.0.1:%d/loki/api/v1/query_range?query=x&start=0&end=1&limit=1" % lport)
                    break
                except OSError:
                    time.sleep(0.2)
            src = ('sources:\n  - name: checkout-loki\n    type: loki\n    url: "http://127.0.0.1:%d"\n'
                   '    query: \'{service="${service}"}\'\n    lookback: PT45M\n    pageSize: 5000\n' % lport)
        open(sources, "w").write(src)
        bport = free_port()
        env = dict(os.environ, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench", INCIDENT_CHANNEL="C0INCIDENT",
                   SLACK_API_URL="http://127.0.0.1:%d/api/" % sport, PORT=str(bport), BIND="127.0.0.1",
                   WEBHOOK_TOKEN="bench-token", DATABASE_URL="jdbc:h2:file:%s/db/bot" % scratch, LOG_SOURCES=sources)
        bot = subprocess.Popen(["java", "-Xmx" + heap, "-jar", os.path.join(ROOT, "target", "incident-bot.jar")], env=env,
                               stdout=open(os.path.join(scratch, "bot.log"), "w"), stderr=subprocess.STDOUT)
        procs.append(bot)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                get("http://127.0.0.1:%d/health" % bport)
                break
            except OSError:
                time.sleep(0.1)
        starts = iso(now - 900)
        labels = {"alertname": "CheckoutLatencyHigh", "service": "checkout", "severity": "critical"}
        body = json.dumps({"receiver": "bot", "status": "firing", "version": "4", "groupKey": "{}:{alertname=\"CheckoutLatencyHigh\"}",
                           "groupLabels": {"alertname": "CheckoutLatencyHigh"}, "commonLabels": labels, "commonAnnotations": {},
                           "externalURL": "http://am", "truncatedAlerts": 0,
                           "alerts": [{"status": "firing", "labels": labels, "annotations": {"summary": "p95 above 400 ms"},
                                       "startsAt": starts, "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "b3nch0001",
                                       "generatorURL": "http://prom"}]}).encode()
        req = urllib.request.Request("http://127.0.0.1:%d/webhooks/alertmanager" % bport, data=body, method="POST",
                                     headers={"Authorization": "Bearer bench-token", "Content-Type": "application/json"})
        t0 = time.time()
        urllib.request.urlopen(req, timeout=10).read()
        answered = time.time() - t0
        summary = chart = None
        while time.time() < t0 + 120 and chart is None:
            calls = json.loads(get("http://127.0.0.1:%d/calls" % sport))
            for c in calls:
                p = c.get("params") or {}
                if summary is None and c["method"] == "chat.postMessage" and p.get("thread_ts") and "Root cause (computed" in str(p.get("text")):
                    summary = (c["at"] - t0, p.get("text"))
                if chart is None and c["method"] == "upload" and c.get("png"):
                    chart = c["at"] - t0
            time.sleep(0.05)
        hwm = "?"
        try:
            hwm = re.search(r"VmHWM:\s+(\d+) kB", open("/proc/%d/status" % bot.pid).read()).group(1)
            hwm = "%d MB" % (int(hwm) // 1024)
        except (OSError, AttributeError):
            pass
        print("%s source, %d records, -Xmx%s: webhook answered in %.2f s; summary in the thread after %s s; chart after %s s; bot peak RSS %s"
              % (kind, n, heap, answered, "%.2f" % summary[0] if summary else "-", "%.2f" % chart if chart else "-", hwm))
        if summary:
            print("  " + summary[1][:160])
        timing = [l.strip() for l in open(os.path.join(scratch, "bot.log")) if "analysed INC" in l]
        if timing:
            print("  bot: " + timing[0][timing[0].find("analysed"):])
        ok = summary and "version=2.4.1" in summary[1]
        sys.exit(0 if ok else 1)
    finally:
        for p in reversed(procs):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
