#!/usr/bin/env python3
"""Web pages under a full store: seeds N incidents (default 10,000) with 5 timeline entries each into a fresh H2 store,
starts the bot's jar on it, signs in with a session row written straight to the store (its id known to this script,
stored hashed as the bot does), and GETs each page REQUESTS times over one keep-alive connection, after WARMUP untimed
requests. Prints p50/p99/max per page in milliseconds. Goal: p99 < 100 ms.

  python3 bench/pages.py [--incidents 10000] [--requests 300] [--warmup 100] [--jar target/incident-bot.jar]
"""
import argparse, hashlib, http.client, os, random, shutil, socket, subprocess, sys, tempfile, time
from datetime import datetime, timedelta, timezone

ap = argparse.ArgumentParser()
ap.add_argument("--incidents", type=int, default=10000)
ap.add_argument("--requests", type=int, default=300)
ap.add_argument("--warmup", type=int, default=100)
ap.add_argument("--jar", default="target/incident-bot.jar")
ap.add_argument("--fake-slack", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "acceptance", "fake_slack.py"))
a = ap.parse_args()

def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]

tmp = tempfile.mkdtemp(prefix="bench-pages-")
db = os.path.join(tmp, "db", "incident-bot")
env = dict(os.environ, BIND="127.0.0.1", SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench",
           INCIDENT_CHANNEL="C0BENCH", WEBHOOK_TOKEN="bench", DATABASE_URL="jdbc:h2:file:" + db)
procs = []

def start_bot():
    p = port()
    log = open(os.path.join(tmp, "bot.log"), "a")
    proc = subprocess.Popen(["java", "-jar", a.jar, "serve"], env=dict(env, PORT=str(p)), stdout=log, stderr=subprocess.STDOUT)
    procs.append(proc)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", p, timeout=2); c.request("GET", "/health")
            if c.getresponse().status == 200: return proc, p
        except OSError:
            time.sleep(0.2)
    sys.exit("the bot did not start; see " + tmp + "/bot.log")

def stop(proc):
    proc.terminate(); proc.wait(20)

try:
    sp = port()
    fake = subprocess.Popen([sys.executable, a.fake_slack, "--port", str(sp)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(fake)
    env["SLACK_API_URL"] = "http://127.0.0.1:%d/api/" % sp
    stop(start_bot()[0])  # creates the schema (Flyway), then the seed goes straight into the file

    rnd = random.Random(15)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    ts = lambda t: "TIMESTAMP WITH TIME ZONE '%s'" % t.strftime("%Y-%m-%d %H:%M:%S+00")
    sql, incidents, timeline = [], [], []
    sevs, mid = ["SEV1", "SEV2", "SEV3", "SEV4"], None
    for n in range(1, a.incidents + 1):
        iid = "INC-2026-%05d" % n
        declared = now - timedelta(minutes=(a.incidents - n) * 50)  # ~10,000 incidents over a year, newest last
        sev = sevs[rnd.choice([0, 1, 1, 2, 2, 2, 3, 3])]
        resolved = declared + timedelta(minutes=rnd.randint(5, 3000)) if n < a.incidents - 20 else None
        status = "RESOLVED" if resolved else rnd.choice(["INVESTIGATING", "IDENTIFIED", "MONITORING"])
        title = "Checkout latency on %s <p95> & errors #%d" % (rnd.choice(["api", "search", "payments", "risk-score"]), n)
        incidents.append("('%s','%s',NULL,'%s','%s','U0ALICE','U0ALICE','slack',TRUE,%s,%s,%s,NULL,%s,NULL,'C0BENCH',NULL,NULL)" % (
            iid, title.replace("'", "''"), sev, status, ts(declared), ts(declared), ts(resolved) if resolved else "NULL",
            "'rolled back'" if resolved else "NULL"))
        ack = declared + timedelta(minutes=rnd.randint(1, 90))
        for k, (at, kind, text) in enumerate([(declared, "DECLARED", "Declared " + sev), (ack, "STATUS", "Looking into it"),
                                              (ack + timedelta(minutes=3), "COMMANDER", "U0ALICE is commander"),
                                              (ack + timedelta(minutes=9), "STATUS", "Rolling back v1.3")]
                                             + ([(resolved, "RESOLVED", "Resolved: rolled back")] if resolved else [])):
            timeline.append("('%s',%s,'%s','U0ALICE','%s')" % (iid, ts(at), kind, text))
        if n == a.incidents // 2: mid = iid
    for i in range(0, len(incidents), 500):
        sql.append("INSERT INTO incidents (id,title,description,severity,status,commander,declared_by,source,human_touched,"
                   "declared_at,last_update_at,resolved_at,root_cause,resolution,analysis_json,channel_id,message_ts,incident_channel_id) VALUES\n"
                   + ",\n".join(incidents[i:i + 500]) + ";")
    for i in range(0, len(timeline), 1000):
        sql.append("INSERT INTO timeline_entries (incident_id, at, kind, actor, text) VALUES\n" + ",\n".join(timeline[i:i + 1000]) + ";")
    session = "b" * 43  # any 43-character URL-safe id: the store only knows its SHA-256
    sql.append("INSERT INTO web_sessions (id_hash, user_id, created_at, expires_at) VALUES ('%s','U0BENCH',%s,%s);" % (
        hashlib.sha256(session.encode()).hexdigest(), ts(now), ts(now + timedelta(hours=12))))
    script = os.path.join(tmp, "seed.sql")
    open(script, "w").write("\n".join(sql))
    t0 = time.time()
    subprocess.run(["java", "-cp", a.jar, "org.h2.tools.RunScript", "-url", "jdbc:h2:file:" + db, "-script", script], check=True)
    print("seeded %d incidents, %d timeline entries in %.1f s" % (len(incidents), len(timeline), time.time() - t0))

    bot, bp = start_bot()
    conn = http.client.HTTPConnection("127.0.0.1", bp, timeout=10)
    cookie = {"Cookie": "incidentbot_session=" + session}
    pages = [("/incidents (first page)", "/incidents"), ("/incidents?severity=SEV2&status=resolved", "/incidents?severity=SEV2&status=resolved"),
             ("/incidents?page=150 (deep page)", "/incidents?page=150"), ("/incidents/{ID}", "/incidents/" + mid), ("/stats", "/stats")]
    print("%-42s %8s %8s %8s %10s" % ("page (%d incidents)" % a.incidents, "p50 ms", "p99 ms", "max ms", "bytes"))
    for name, path in pages:
        times, size = [], 0
        for i in range(a.warmup + a.requests):
            t = time.perf_counter()
            conn.request("GET", path, headers=cookie)
            r = conn.getresponse(); body = r.read()
            dt = (time.perf_counter() - t) * 1000
            if r.status != 200: sys.exit("%s answered %d: %s" % (path, r.status, body[:200]))
            if i >= a.warmup: times.append(dt); size = len(body)
        times.sort()
        q = lambda p: times[min(len(times) - 1, int(round(p * len(times))) - 1)]
        print("%-42s %8.1f %8.1f %8.1f %10d" % (name, q(0.5), q(0.99), times[-1], size))
    stop(bot)
finally:
    for p in procs:
        if p.poll() is None: p.kill(); p.wait()
    if os.environ.get("KEEP"): print("kept", tmp)
    else: shutil.rmtree(tmp, ignore_errors=True)
