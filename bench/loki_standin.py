#!/usr/bin/env python3
"""A Loki stand-in for the benchmark: serves GET /loki/api/v1/query_range from an NDJSON file (each line's
"timestamp" is its entry time) in Loki's documented response shape, forward direction, at most `limit` entries a
page, start inclusive and end exclusive as Loki does. The query is not evaluated: every line belongs to one stream
{service="checkout", job="api"}.

  loki_standin.py PORT FILE"""
import bisect, calendar, json, sys, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def ns(iso):
    base, frac = iso.rstrip("Z").split(".") if "." in iso else (iso.rstrip("Z"), "0")
    return calendar.timegm(time.strptime(base, "%Y-%m-%dT%H:%M:%S")) * 10**9 + int((frac + "000000000")[:9])


def param_ns(v):
    return int(v) if v.isdigit() else ns(v)


lines = [l.rstrip("\n") for l in open(sys.argv[2]) if l.strip()]
times = [ns(json.loads(l)["timestamp"]) for l in lines]
order = sorted(range(len(lines)), key=times.__getitem__)
times = [times[i] for i in order]
lines = [lines[i] for i in order]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        u = urllib.parse.urlparse(self.path)
        if u.path != "/loki/api/v1/query_range":
            self.send_error(404)
            return
        q = dict(urllib.parse.parse_qsl(u.query))
        start, end = param_ns(q["start"]), param_ns(q["end"])
        limit = int(q.get("limit", 100))
        i = bisect.bisect_left(times, start)
        j = min(bisect.bisect_left(times, end), i + limit)
        values = [[str(times[k]), lines[k]] for k in range(i, j)]
        body = json.dumps({"status": "success", "data": {"resultType": "streams", "result":
                          ([{"stream": {"service": "checkout", "job": "api"}, "values": values}] if values else []),
                          "stats": {}}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
