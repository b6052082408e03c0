-- wrk script for bench/webhooks.sh with LOADGEN=wrk: one Alertmanager v4 delivery per request with BATCH new alerts
-- (default 1; alerts/s and WRK_OK count alerts),
-- a fingerprint unique across threads (PREFIX w<thread>-<n>; PREFIX defaults to "bench-", and differs per wrk process when
-- several run at once), deliveries rotating over GROUPS groups.
local threads = {}
local groups = tonumber(os.getenv("GROUPS") or "20")
local prefix = os.getenv("PREFIX") or "bench-"
local batch = tonumber(os.getenv("BATCH") or "1")

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
  n = n + 1
  local g = n % groups
  local alerts = {}
  for k = 1, batch do
    local fp = prefix .. string.format("w%02d-%08d-%03d", tid, n, k)
    alerts[k] = '{"status":"firing","fingerprint":"' .. fp .. '","labels":{"alertname":"BenchAlert' .. g
      .. '","severity":"critical","instance":"' .. fp .. '","service":"bench"},"annotations":{"summary":"bench alert ' .. fp
      .. '"},"startsAt":"2026-11-22T21:50:46Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example.com/graph"}'
  end
  local body = '{"version":"4","status":"firing","receiver":"bot","groupKey":"{}:{alertname=\\"BenchAlert' .. g .. '\\"}",'
    .. '"groupLabels":{"alertname":"BenchAlert' .. g .. '"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am",'
    .. '"truncatedAlerts":0,"alerts":[' .. table.concat(alerts, ",") .. ']}'
  return wrk.format(nil, "/webhooks/alertmanager", nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests, %d non-2xx or errors, %.0f alerts/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests * batch / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("WRK_OK=%d\n", (summary.requests - summary.errors.status - summary.errors.timeout) * batch))
end
