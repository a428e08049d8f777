#!/usr/bin/env bash
# The run engine's figures (issue 6): per-step overhead of a sync 1-step run over a direct call
# at a fixed rate, async 3-step throughput with consumer lag sampled every second, and Mongo
# writes per step, measured side by side in one run by bench/RunLoad.java against a target API it
# serves on loopback. The load generator shares the machine's cores with the system under test.
# Starts its own standalone on a temporary data dir; loopback only; stops everything it starts.
#   bench/run-engine.sh [rate=20] [seconds=60] [runs-per-sec=50] [run-seconds=300] [port=18080]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RATE="${1:-20}"; SECONDS_="${2:-60}"; RUN_RATE="${3:-50}"; RUN_SECONDS="${4:-300}"; PORT="${5:-18080}"
# shellcheck source=bench/standalone.sh
. "$ROOT/bench/standalone.sh"
TOKEN="$("$ROOT/switchboard" token --sub bench --role admin --data-dir "$DATA")"
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
"$JAVA_BIN" "$ROOT/bench/RunLoad.java" "$TOKEN" "$PORT" "$RATE" "$SECONDS_" "$RUN_RATE" "$RUN_SECONDS"
