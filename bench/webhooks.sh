#!/usr/bin/env bash
# Benchmark of webhook intake: the bot's jar on loopback with a temporary H2 store and the stand-in Slack
# (shared/acceptance/fake_slack.py), N alerts over several groups from concurrent clients; prints alerts/s
# held, p50/p99 response time, then checks nothing was lost: every alert stored, one incident per group.
#   bench/webhooks.sh [ALERTS=20000] [ALERT_GROUPS=20] [BATCH=1] [CONCURRENCY=8]
# LOADGEN=wrk (Debian package wrk) replaces the Python clients for the measured run: one alert per delivery for
# WRK_SECONDS (default 10), so the load generator takes far less of the two cores than the bot it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
# ALERT_GROUPS, not GROUPS: bash keeps the user's group ids in GROUPS
ALERTS=${1:-${ALERTS:-20000}}; GROUPS_N=${2:-${ALERT_GROUPS:-20}}; BATCH=${3:-${BATCH:-1}}; CONC=${4:-${CONCURRENCY:-8}}
WARMUP=${WARMUP:-20000}  # alerts sent before measuring: a running bot is past its JIT warm-up (C2 still recompiles H2 after 6,000)
FAKE=${FAKE_SLACK:-../shared/acceptance/fake_slack.py}
JAR=${JAR:-target/incident-bot.jar}
[ -f "$JAR" ] || mvn -B -q -DskipTests package
tmp=$(mktemp -d /tmp/bench-webhooks.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
BOT_PORT=$(port); SLACK_PORT=$(port); TOKEN=bench-token
python3 "$FAKE" --port "$SLACK_PORT" --record "$tmp/calls.jsonl" >/dev/null 2>&1 &
FAKE_PID=$!
env PORT=$BOT_PORT BIND=127.0.0.1 SLACK_BOT_TOKEN=xoxb-bench SLACK_SIGNING_SECRET=bench SLACK_API_URL=http://127.0.0.1:$SLACK_PORT/api/ \
    INCIDENT_CHANNEL=C0BENCH WEBHOOK_TOKEN=$TOKEN DATABASE_URL="jdbc:h2:file:$tmp/db/bot${H2_OPTS:-}" \
    java ${BENCH_JVM_OPTS:-} -jar "$JAR" serve >"$tmp/bot.log" 2>&1 &
BOT_PID=$!
cleanup() { kill "$BOT_PID" "$FAKE_PID" 2>/dev/null || true; wait "$BOT_PID" "$FAKE_PID" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$BOT_PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
# warm-up: the JIT, pools and the first incidents of a separate group set
python3 bench/webhook_load.py --url "http://127.0.0.1:$BOT_PORT" --token $TOKEN --alerts "$WARMUP" --groups 3 --batch "$BATCH" --prefix warm- \
    --concurrency "$CONC" >/dev/null || true
cpu() { awk '{print $14 + $15}' "/proc/$BOT_PID/stat"; }
# CPU ticks per thread name (digits dropped): the fields after the parenthesised name, which may itself hold spaces
threads() {
  for t in /proc/$BOT_PID/task/*; do echo "$(tr ' ' '_' <"$t/comm") $(sed 's/.*) //' "$t/stat" | awk '{print $12+$13}')"; done |
    awk '{gsub(/[0-9]+$/, "", $1); a[$1] += $2} END {for (k in a) print k, a[k]}'
}
threads >"$tmp/threads0"
cpu0=$(cpu)
if [ "${LOADGEN:-python}" = wrk ]; then
  echo "bench: wrk for ${WRK_SECONDS:-10} s, 1 alert per delivery, $GROUPS_N groups, $CONC connections"
  TOKEN=$TOKEN GROUPS=$GROUPS_N wrk -t2 -c"$CONC" -d"${WRK_SECONDS:-10}"s -s bench/webhook_wrk.lua "http://127.0.0.1:$BOT_PORT" \
      | tee "$tmp/wrk.txt" | grep -E '^wrk:'
  MEASURED=$(sed -n 's/^WRK_OK=//p' "$tmp/wrk.txt")
else
  MEASURED=$ALERTS
  echo "bench: $ALERTS alerts, $GROUPS_N groups, $BATCH per delivery, $CONC clients"
  python3 bench/webhook_load.py --url "http://127.0.0.1:$BOT_PORT" --token $TOKEN --alerts "$ALERTS" --groups "$GROUPS_N" \
      --batch "$BATCH" --concurrency "$CONC" | tee "$tmp/result.json"
fi
cpu1=$(cpu); tick=$(getconf CLK_TCK)
echo "bot CPU: $(( (cpu1 - cpu0) * 1000 / tick )) ms for $MEASURED alerts ($(python3 -c "print(round(($cpu1-$cpu0)*1e6/$tick/$MEASURED))") µs CPU per alert); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v s="$(cat "$tmp/threads0")" 'BEGIN {n = split(s, l, "\n"); for (i = 1; i <= n; i++) {split(l[i], f, " "); b[f[1]] = f[2]}}
  {d = $2 - b[$1]; if (d > 20) print "  thread", $1, d}' <(threads) | sort -k3 -n -r | head -8 >&2
curl -fs "http://127.0.0.1:$BOT_PORT/metrics" >"$tmp/metrics.txt"
received=$(awk '/^incidentbot_alerts_received_total\{source="alertmanager"/ {print int($2)}' "$tmp/metrics.txt")
commits=$(awk '/^incidentbot_alerts_store_commits_total/ {print int($2)}' "$tmp/metrics.txt")
groups_held=$(awk '/^incidentbot_alerts_store_groups_total/ {print int($2)}' "$tmp/metrics.txt")
[ -n "$commits" ] && [ "$commits" -gt 0 ] && echo "group commit: $groups_held groups of deliveries in $commits transactions ($(python3 -c "print(round($groups_held/$commits, 1))") per transaction)"
sleep 4  # the storm windows end and the outbox drains
kill "$BOT_PID"; wait "$BOT_PID" 2>/dev/null || true
h2() { java -cp "$JAR" org.h2.tools.Shell -url "jdbc:h2:file:$tmp/db/bot" -sql "$1" | sed -n 2p | tr -d ' '; }
stored=$(h2 "SELECT COUNT(*) FROM alerts WHERE fingerprint LIKE 'bench-%' AND group_id IN (SELECT id FROM alert_groups)")
# wrk stops with deliveries in flight that it does not count: what the bot counted as received is the reference
expected=$MEASURED
[ "${LOADGEN:-python}" = wrk ] && expected=$(( received - WARMUP ))
incidents=$(h2 "SELECT COUNT(*) FROM incidents")
posts=$(grep -c '"chat.postMessage"' "$tmp/calls.jsonl" || true)
# the run's alerts are new (the warm-up's fingerprints start with warm-): each must be stored once
groups_total=$(( GROUPS_N > 3 ? GROUPS_N : 3 ))
echo "check: metrics counted $received alerts received (warm-up included); store holds $stored distinct alerts (want $expected);" \
     "$incidents incidents (want $groups_total, one per group); $posts Slack posts"
[ "$stored" = "$expected" ] && [ "$incidents" = "$groups_total" ] && echo "nothing lost" || { echo "MISMATCH"; exit 1; }
