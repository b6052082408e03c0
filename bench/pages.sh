#!/usr/bin/env bash
# Web pages with 10,000 incidents in the store: p50/p99 of /incidents (first, filtered, deep page), an incident page
# and /stats over HTTP with a valid session. See bench/pages.py for the options; e.g. bench/pages.sh --requests 500
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/incident-bot.jar ] || mvn -B -q -DskipTests package
exec python3 bench/pages.py --fake-slack "${FAKE_SLACK:-../shared/acceptance/fake_slack.py}" "$@"
