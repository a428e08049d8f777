#!/usr/bin/env bash
# The console's runs list with 10,000 runs stored (issue 12): list queries timed with 200 runs and
# with COUNT more, side by side (bench/ConsoleRunsList.java), against a standalone it starts on a
# temporary data dir; loopback only; stops everything it starts.
#   bench/console-runs.sh [count=10000] [port=18080]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
COUNT="${1:-10000}"; PORT="${2:-18080}"
# shellcheck source=bench/standalone.sh
. "$ROOT/bench/standalone.sh"
TOKEN="$("$ROOT/switchboard" token --sub bench --role admin --data-dir "$DATA")"
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
"$JAVA_BIN" "$ROOT/bench/ConsoleRunsList.java" "$TOKEN" "$PORT" "$COUNT"
