#!/usr/bin/env bash
# Start-up of `serve`: wall-clock from launching the JVM to the first 200 on /health, N times, median printed.
# The store is migrated once by an untimed first start, as for a replica replacing a dead one; FRESH=1 gives each
# start an empty store instead (Flyway runs every migration). JVM options come from bin/incident-bot unless
# LAUNCH is set, e.g. LAUNCH="java -jar target/incident-bot.jar" for the plain jar.
#   bench/startup.sh [RUNS=7]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-${RUNS:-7}}
FAKE=${FAKE_SLACK:-../shared/acceptance/fake_slack.py}
[ -f target/incident-bot.jar ] || mvn -B -q -DskipTests package
LAUNCH=${LAUNCH:-bin/incident-bot}
tmp=$(mktemp -d /tmp/bench-startup.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SLACK_PORT=$(port)
python3 "$FAKE" --port "$SLACK_PORT" >/dev/null 2>&1 &
FAKE_PID=$!
BOT_PID=
cleanup() { [ -n "$BOT_PID" ] && kill "$BOT_PID" 2>/dev/null; kill "$FAKE_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# One start: prints milliseconds to the first healthy answer and the log's "store ready" line if there is one.
once() {
  local db=$1 bot_port
  bot_port=$(port)
  local t0
  t0=$(date +%s%N)
  env PORT=$bot_port BIND=127.0.0.1 SLACK_BOT_TOKEN=xoxb-bench SLACK_SIGNING_SECRET=bench \
      SLACK_API_URL=http://127.0.0.1:$SLACK_PORT/api/ INCIDENT_CHANNEL=C0BENCH WEBHOOK_TOKEN=bench \
      DATABASE_URL="jdbc:h2:file:$db" $LAUNCH serve >"$tmp/bot.log" 2>&1 &
  BOT_PID=$!
  python3 - "$bot_port" <<'EOF'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/health"
deadline = time.time() + 60
while time.time() < deadline:
    try:
        if urllib.request.urlopen(url, timeout=1).status == 200:
            sys.exit(0)
    except Exception:
        time.sleep(0.01)
sys.exit(1)
EOF
  local t1 cpu
  t1=$(date +%s%N)
  # CPU the JVM used up to then (all threads, user + system, 10 ms ticks): steadier than wall-clock on a shared machine
  cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$BOT_PID/stat")
  kill "$BOT_PID"; wait "$BOT_PID" 2>/dev/null || true; BOT_PID=
  echo "$(( (t1 - t0) / 1000000 )) $cpu"
}

once "$tmp/warm/bot" >/dev/null   # migrates the shared store; also warms the page cache for the jar
walls=(); cpus=()
for i in $(seq 1 "$RUNS"); do
  if [ "${FRESH:-0}" = 1 ]; then db="$tmp/fresh$i/bot"; else db="$tmp/warm/bot"; fi
  read -r wall cpu < <(once "$db")
  walls+=("$wall"); cpus+=("$cpu")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
echo "to healthy, wall ms: ${walls[*]}  median $(median "${walls[@]}")"
echo "to healthy, CPU ms:  ${cpus[*]}  median $(median "${cpus[@]}")"
echo "($LAUNCH, $([ "${FRESH:-0}" = 1 ] && echo fresh || echo migrated) store, load average $(cut -d' ' -f1 /proc/loadavg))"
