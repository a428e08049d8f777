#!/usr/bin/env bash
# What 10,000 runs paused at an approval step cost (issue 8): heap after a full GC per paused
# run and live threads, before and after, measured by bench/PausedRuns.java against a standalone
# it starts on a temporary data dir; loopback only; stops everything it starts.
#   bench/paused-runs.sh [count=10000] [port=18080]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
COUNT="${1:-10000}"; PORT="${2:-18080}"
# shellcheck source=bench/standalone.sh
. "$ROOT/bench/standalone.sh"
TOKEN="$("$ROOT/switchboard" token --sub bench --role admin --data-dir "$DATA")"
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
"$JAVA_BIN" "$ROOT/bench/PausedRuns.java" "$TOKEN" "$PORT" "$COUNT" "$PID" "$(dirname "$JAVA_BIN")/jcmd"
