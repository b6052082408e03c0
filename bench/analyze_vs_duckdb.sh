#!/usr/bin/env bash
# Side-by-side benchmark: `analyze` (java -Xmx256m) versus DuckDB's group-by on the same 2M-event log.
# Usage: bench/analyze_vs_duckdb.sh [EVENTS=2000000] [RUNS=5]
# Env: BENCH_DIR (scratch folder to reuse; default a new mktemp dir), SHARED_BENCH (folder with gen_events.py
# and duckdb_peer.mjs; default ../shared/bench next to the repo), JAVA_OPTS (default -Xmx256m).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
[ -f "$SHARED/gen_events.py" ] || SHARED=/work/shared/bench
EVENTS=${1:-2000000}
RUNS=${2:-5}
S=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/analyze-bench.XXXXXX")}
mkdir -p "$S"
LOG="$S/events-$EVENTS.ndjson"
if [ ! -s "$LOG" ]; then
  echo "generating $EVENTS events into $LOG ..." >&2
  python3 "$SHARED/gen_events.py" "$EVENTS" "$LOG" 42
fi
cp -f "$SHARED/duckdb_peer.mjs" "$S/"
if [ ! -d "$S/node_modules/@duckdb/node-api" ]; then
  echo "installing @duckdb/node-api into $S ..." >&2
  (cd "$S" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null)
fi
JAR="$ROOT/target/incident-bot.jar"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
exec python3 "$ROOT/bench/compare.py" "$S" "$LOG" "$JAR" "$RUNS"
