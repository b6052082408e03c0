#!/usr/bin/env bash
# Outside data, side by side (issue 12 item 4): RiskLoc's synthetic sets S and L and the Squeeze B0 sample case,
# turned into request logs for our analyzer, and RiskLoc's own implementations of the localisation methods run on
# the same cases; one F1 table at the end (bench/README.md, "Outside data").
#
# Usage: bench/outside/run.sh [RISKLOC_GIT_DIR] [SQUEEZE_GIT_DIR]
#   defaults: /work/.mirror/shaido987+riskloc/repo and /work/.mirror/NetManAIOps+Squeeze/repo (bare git dirs)
# Env: WORK     scratch folder for their code, the generated data and the results (default /tmp/outside-bench);
#               nothing is written into the repository
#      CASES    cases per synthetic set that every method runs on: the first CASES of the set (default 20)
#      GENERATE cases generated per set, the first GENERATE of the README's 1000 (default 100; the generator
#               draws every case from one seeded stream, so a shorter run yields exactly the first cases)
#      OURS     cases per set our analyzer runs on, for the extra "every case" line (default CASES)
#      TARGET   requests in a case's incident bucket for our analyzer's log (to_requests.py; default 100000;
#               0 = unscaled, the case's own volumes as requests: ~20-28M records and ~1.6 min a case of S or L,
#               and no better, see bench/README "Outside figures, unscaled")
#      METHODS  default "adtributor r_adtributor autoroot riskloc squeeze hotspot"
#      TIMEOUT  seconds per case and method before it counts as no answer (default 120)
#      PYTHON   a Python with numpy, pandas, scipy, pyyaml, loguru (default /usr/bin/python3: Debian's
#               python3-numpy python3-pandas python3-scipy python3-yaml python3-loguru)
# Needs Java 17 and Maven for the jar. Their data/RS folder is never read.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/outside"
RISKLOC_GIT=${1:-/work/.mirror/shaido987+riskloc/repo}
SQUEEZE_GIT=${2:-/work/.mirror/NetManAIOps+Squeeze/repo}
WORK=${WORK:-/tmp/outside-bench}
CASES=${CASES:-20}
GENERATE=${GENERATE:-100}
OURS=${OURS:-$CASES}
METHODS=${METHODS:-adtributor r_adtributor autoroot riskloc squeeze hotspot}
TIMEOUT=${TIMEOUT:-120}
TARGET=${TARGET:-100000}
PY=${PYTHON:-/usr/bin/python3}
mkdir -p "$WORK/data" "$WORK/results" "$WORK/scratch"

# their code, as a work tree outside the repository
if [ ! -f "$WORK/riskloc/run.py" ]; then
  mkdir -p "$WORK/riskloc"
  git --git-dir="$RISKLOC_GIT" archive HEAD | tar -x -C "$WORK/riskloc"
fi

# the sets, with the arguments of RiskLoc's README (only --num differs: the first GENERATE cases)
generate() {
  local name=$1; shift
  if [ "$(ls "$WORK/data/$name" 2>/dev/null | grep -c '^[0-9]*\.csv$')" -lt "$GENERATE" ]; then
    rm -rf "${WORK:?}/data/$name"
    (cd "$WORK/riskloc" && "$PY" generate_dataset.py --num "$GENERATE" --dataset-name "$name" --data-root "$WORK/data" "$@" >/dev/null)
  fi
}
generate S --seed 121
generate L --seed 122 --dims 10 24 10 15 --noise-level 0.0 0.1 --anomaly-severity 0.5 1.0 --anomaly-deviation 0.0 0.0 \
  --num-anomaly 1 5 --num-anomaly-elements 1 1 --only-last-layer
# H (--num 100 --seed 123 --dims 10 5 250 20 8 12) is not run: 24M leaves a case, see bench/README.md

# the B0 sample case, from the Squeeze repository's history (the full B0-B4/D sets are on Zenodo)
mkdir -p "$WORK/data/B0"
for f in 1451019300.csv injection_info.csv; do
  git --git-dir="$SQUEEZE_GIT" show "fd9ef84:data/B_cuboid_layer_1_n_ele_1/$f" > "$WORK/data/B0/$f"
done

[ -f "$ROOT/target/incident-bot.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests -Dcds.skip=true package)

for set in B0 S L; do
  for m in $METHODS; do
    "$PY" "$HERE/baselines.py" "$WORK/riskloc" "$WORK/data" "$set" "$m" "$WORK/results/$set-$m.jsonl" \
      --limit "$CASES" --timeout "$TIMEOUT"
  done
  "$PY" "$HERE/ours.py" "$WORK/riskloc" "$WORK/data" "$set" "$ROOT/target/incident-bot.jar" \
    "$WORK/results/$set-ours.jsonl" --limit "$OURS" --target "$TARGET" --scratch "$WORK/scratch"
  # the first mapping tried, every deviation a failure whichever way it went (a sensitivity line)
  "$PY" "$HERE/ours.py" "$WORK/riskloc" "$WORK/data" "$set" "$ROOT/target/incident-bot.jar" \
    "$WORK/results/$set-ours_both.jsonl" --limit "$CASES" --target "$TARGET" --deviation both --scratch "$WORK/scratch"
done
"$PY" "$HERE/summarize.py" "$WORK/results" B0 S L
