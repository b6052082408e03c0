#!/usr/bin/env python3
"""Load generator for the bot's webhook intake (stdlib only, loopback only, bounded in count and time).

Sends N distinct firing alerts spread over G Alertmanager groups, B alerts per delivery, from C threads that
each keep one HTTP connection alive; prints alerts/s held, p50/p99 response time and every non-2xx answer."""
import argparse, http.client, json, threading, time, sys, urllib.parse

p = argparse.ArgumentParser()
p.add_argument("--url", required=True, help="the bot, e.g. http://127.0.0.1:3000 (loopback only)")
p.add_argument("--token", required=True)
p.add_argument("--alerts", type=int, default=20000)
p.add_argument("--groups", type=int, default=20)
p.add_argument("--batch", type=int, default=1, help="alerts per delivery")
p.add_argument("--concurrency", type=int, default=8)
p.add_argument("--max-seconds", type=float, default=300)
p.add_argument("--prefix", default="bench-", help="fingerprint prefix: the warm-up uses its own, so the run adds new alerts")
a = p.parse_args()
u = urllib.parse.urlparse(a.url)
if u.hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit("refusing to load anything but loopback")
a.alerts = min(a.alerts, 1_000_000)

def body(start, n):
    """A delivery of alerts start..start+n-1, all in one group (as Alertmanager sends them); deliveries rotate over groups."""
    g = (start // a.batch) % a.groups
    alerts = [{"status": "firing", "fingerprint": "%s%08d" % (a.prefix, i),
               "labels": {"alertname": "BenchAlert%d" % g, "severity": "critical", "instance": "host-%d" % i, "service": "bench"},
               "annotations": {"summary": "bench alert %d" % i}, "startsAt": "2026-11-22T21:50:46Z",
               "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.example.com/graph"} for i in range(start, start + n)]
    return json.dumps({"version": "4", "status": "firing", "receiver": "bot", "groupKey": "{}:{alertname=\"BenchAlert%d\"}" % g,
                       "groupLabels": {"alertname": "BenchAlert%d" % g}, "commonLabels": {}, "commonAnnotations": {},
                       "externalURL": "http://am", "truncatedAlerts": 0, "alerts": alerts}).encode()

# deliveries: (first alert index, count); a delivery's alerts are all in one group, as Alertmanager sends them
jobs = []
i = 0
while i < a.alerts:
    n = min(a.batch, a.alerts - i)
    jobs.append((i, n))
    i += n
bodies = [body(s, n) for s, n in jobs]
lock = threading.Lock()
next_job = [0]
lat, errors, sent = [], [], [0]
deadline = time.time() + a.max_seconds
headers = {"Content-Type": "application/json", "Authorization": "Bearer " + a.token}

def worker():
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    while time.time() < deadline:
        with lock:
            j = next_job[0]
            if j >= len(jobs):
                break
            next_job[0] += 1
        t = time.perf_counter()
        try:
            conn.request("POST", "/webhooks/alertmanager", bodies[j], headers)
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t
            with lock:
                lat.append(dt)
                if r.status // 100 != 2:
                    errors.append("%d %s" % (r.status, data[:120]))
                else:
                    sent[0] += jobs[j][1]
        except OSError as e:
            with lock:
                errors.append(repr(e))
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

t0 = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(a.concurrency)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - t0
lat.sort()
pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
print(json.dumps({"alerts": a.alerts, "accepted": sent[0], "deliveries": len(lat), "batch": a.batch, "groups": a.groups,
                  "concurrency": a.concurrency, "seconds": round(elapsed, 2), "alerts_per_s": round(sent[0] / elapsed),
                  "p50_ms": round(pct(0.50), 2), "p99_ms": round(pct(0.99), 2), "max_ms": round(lat[-1] * 1000, 2) if lat else None,
                  "errors": len(errors), "first_errors": errors[:3]}))
sys.exit(1 if errors or sent[0] != a.alerts else 0)
