#!/usr/bin/env bash
# Times the analysis chart (ChartRenderer): first render in a fresh JVM, then warm renders, on a generated log
# with a planted cause.   bench/chart.sh [EVENTS] [RUNS]   (defaults 200000 events, 30 warm runs)
# BENCH_DIR=/tmp/x keeps the generated log between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-200000}
runs=${2:-30}
dir=${BENCH_DIR:-$(mktemp -d)}
log="$dir/chart-events-$events.ndjson"
if [ ! -f "$log" ]; then
  python3 ../shared/bench/gen_events.py "$events" "$log" 42 >/dev/null 2>&1 \
    || python3 /tmp/shared/bench/gen_events.py "$events" "$log" 42 >/dev/null
fi
if [ ! -f target/incident-bot.jar ]; then
  mvn -B -q -DskipTests package
fi
if [ ! -f target/test-classes/dev/incidentbot/analysis/render/ChartBench.class ]; then
  mvn -B -q -DskipTests test-compile
fi
java -cp target/incident-bot.jar:target/test-classes dev.incidentbot.analysis.render.ChartBench "$log" "$runs"
