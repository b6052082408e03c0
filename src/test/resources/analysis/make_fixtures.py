#!/usr/bin/env python3
"""Writes the analyzer's test fixtures (deterministic: fixed seeds). Run from this folder:
    python3 make_fixtures.py
Each file plants one situation; the tests in dev.incidentbot.analysis assert what the analyzer must find."""
import gzip, json, math, random
from datetime import datetime, timedelta, timezone

T0 = datetime(2025, 9, 12, 14, 0, 0, tzinfo=timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def lognorm(r, median, sigma=0.3):
    return median * math.exp(r.gauss(0, sigma))


def ndjson_new_version():
    """NDJSON: version v2.1 is deployed at 14:30:00 (takes half the traffic) and is 5x slower; v2.0 unchanged."""
    r = random.Random(1)
    out = []
    for i in range(600):
        t = T0 + timedelta(seconds=6 * i)
        after = t >= T0 + timedelta(minutes=30)
        ver = "v2.1" if after and i % 2 == 0 else "v2.0"
        ep = r.choice(["/quote", "/score", "/approve"])
        ms = lognorm(r, 80) * (5 if ver == "v2.1" else 1)
        status = "OK" if r.random() > 0.01 else "Error"
        out.append(json.dumps({"timestamp": iso(t), "endpoint": ep, "latency_ms": round(ms, 1), "status": status,
                               "version": ver, "trace_id": "%016x" % r.getrandbits(64)}))
    data = "\n".join(out) + "\n"
    open("ndjson-new-version.ndjson", "w").write(data)
    with gzip.open("ndjson-new-version.ndjson.gz", "wt") as f:
        f.write(data)


def no_anomaly():
    """NDJSON: one steady distribution for an hour, 1% errors: nothing to blame."""
    r = random.Random(2)
    with open("no-anomaly.ndjson", "w") as f:
        for i in range(1200):
            t = T0 + timedelta(seconds=3 * i)
            f.write(json.dumps({"timestamp": iso(t), "endpoint": r.choice(["/a", "/b", "/c"]),
                                "pod": r.choice(["p1", "p2", "p3"]), "responseTimeMs": int(lognorm(r, 100)),
                                "status": 500 if r.random() < 0.01 else 200}) + "\n")


def combination_logfmt():
    """logfmt, epoch-second timestamps: from 14:30 only endpoint=/x on pod=p2 is slow (8x)."""
    r = random.Random(3)
    base = int(T0.timestamp())
    with open("combination.logfmt", "w") as f:
        for i in range(1800):
            ts = base + 2 * i
            ep = r.choice(["/x", "/y", "/z"])
            pod = r.choice(["p1", "p2", "p3"])
            ms = lognorm(r, 50)
            if ts >= base + 1800 and ep == "/x" and pod == "p2":
                ms *= 8
            f.write('ts=%d level=info endpoint=%s pod=%s duration_ms=%d request_id=%s msg="request done"\n'
                    % (ts, ep, pod, ms, "%012x" % r.getrandbits(48)))


def decoy_csv():
    """CSV, epoch-ms timestamps: /export is always slow (about 2 s, before and after); from 14:30 region eu
    (an existing region) gets 4x slower. The cause is region=eu, not /export."""
    r = random.Random(4)
    base = int(T0.timestamp() * 1000)
    with open("decoy.csv", "w") as f:
        f.write("time,endpoint,region,elapsed_ms,result,client_ip\n")
        for i in range(2400):
            ts = base + 1500 * i
            ep = r.choice(["/export", "/list", "/get", "/put"])
            region = r.choice(["eu", "us", "ap"])
            ms = lognorm(r, 2000 if ep == "/export" else 60)
            if ts >= base + 1_800_000 and region == "eu":
                ms *= 4
            f.write("%d,%s,%s,%.1f,%s,10.1.%d.%d\n" % (ts, ep, region, ms, "success", r.randint(0, 255),
                                                       r.randint(0, 255)))


def failures_only_tsv():
    """TSV: from 14:30 upstream 10.0.3.7:8080 answers 503 for 30% of its requests; latency does not change."""
    r = random.Random(5)
    with open("failures-only.tsv", "w") as f:
        f.write("timestamp\tmethod\tpath\tupstream\tstatus\trequest_time_ms\n")
        for i in range(2400):
            t = T0 + timedelta(milliseconds=1500 * i)
            up = r.choice(["10.0.3.5:8080", "10.0.3.6:8080", "10.0.3.7:8080"])
            status = 200
            if t >= T0 + timedelta(minutes=30) and up == "10.0.3.7:8080" and r.random() < 0.3:
                status = 503
            elif r.random() < 0.005:
                status = 500
            f.write("%s\tGET\t%s\t%s\t%d\t%d\n" % (iso(t).replace("Z", ".000Z"), r.choice(["/a", "/b"]), up, status,
                                                   lognorm(r, 40)))


def access_log_seconds():
    """nginx combined log with a trailing request time in seconds and rt=/upstream= extras: from 14:30 upstream
    10.0.3.9:8080 is 6x slower."""
    r = random.Random(6)
    with open("access-seconds.log", "w") as f:
        for i in range(1800):
            t = T0 + timedelta(seconds=2 * i)
            up = r.choice(["10.0.3.8:8080", "10.0.3.9:8080"])
            rt = lognorm(r, 0.045)
            if t >= T0 + timedelta(minutes=30) and up == "10.0.3.9:8080":
                rt *= 6
            f.write('192.168.%d.%d - - [%s] "GET /api/v1/items?id=%d HTTP/1.1" 200 %d "-" "curl/8.0" %.3f '
                    'rt=%.3f upstream=%s\n' % (r.randint(0, 255), r.randint(0, 255),
                                               t.strftime("%d/%b/%Y:%H:%M:%S +0000"), r.randint(1, 9999),
                                               r.randint(200, 5000), rt, rt, up))


def nested_units_json():
    """Pretty-printed JSON array with nested objects (kubernetes.pod, http.status) and latency strings with
    units (63.0ms, 1.2s, 850us): from 14:30 pod api-2 is slow."""
    r = random.Random(7)
    recs = []
    for i in range(600):
        t = T0 + timedelta(seconds=6 * i)
        pod = r.choice(["api-1", "api-2", "api-3"])
        ms = lognorm(r, 60)
        if t >= T0 + timedelta(minutes=30) and pod == "api-2":
            ms *= 10
        if ms >= 1000:
            dur = "%.1fs" % (ms / 1000)
        elif ms < 1:
            dur = "%dus" % (ms * 1000)
        else:
            dur = "%.1fms" % ms
        recs.append({"@timestamp": iso(t), "kubernetes": {"pod": pod, "namespace": "prod"},
                     "http": {"status": 200, "route": r.choice(["/q", "/r"])}, "duration": dur})
    open("nested-units.json", "w").write(json.dumps(recs, indent=2) + "\n")


def recovery():
    """NDJSON: from 14:30 to 14:50 half the traffic goes to a slow version v9 (6x), then it is gone: two changes,
    the report must bound the incident to 14:30-14:50."""
    r = random.Random(9)
    with open("recovery.ndjson", "w") as f:
        for i in range(4800):
            t = T0 + timedelta(seconds=i)
            bad = T0 + timedelta(minutes=30) <= t < T0 + timedelta(minutes=50)
            ver = r.choice(["v8", "v9"]) if bad else "v8"
            ms = lognorm(r, 100) * (6 if ver == "v9" else 1)
            f.write(json.dumps({"timestamp": iso(t), "endpoint": r.choice(["/a", "/b"]), "latency_ms": int(ms),
                                "status": "OK", "version": ver}) + "\n")


ndjson_new_version()
recovery()
no_anomaly()
combination_logfmt()
decoy_csv()
failures_only_tsv()
access_log_seconds()
nested_units_json()
