#!/usr/bin/env bash
# The analyzer against the generated corpus with known truth (issue 12): every kind in every format at every size
# up to MAX records, SEEDS seeds each (steady logs 4x as many), printed as a table per kind.
# Usage: bench/corpus.sh [MAX=1000000] [SEEDS=3] [--misses]
# Env: CORPUS_DIR (scratch folder for one log at a time; default a new mktemp dir), JAVA_OPTS (default -Xmx1g).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAX=${1:-1000000}
SEEDS=${2:-3}
MISSES=${3:-}
DIR=${CORPUS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/corpus.XXXXXX")}
cd "$ROOT"
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
CP_FILE="$DIR/classpath.txt"
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" 2>/dev/null \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx1g} -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" \
  dev.incidentbot.analysis.corpus.CorpusRun "$MAX" "$SEEDS" "$DIR/logs" $MISSES
