#!/usr/bin/env bash
# GET connector latency at a fixed rate, through the gateway and straight to the registry,
# interleaved in one run (issue 4's target: p50 <= 5 ms through the gateway at 200 req/s).
# The load generator shares the machine's two cores with the system under test.
# Starts its own standalone on a temporary data dir; loopback only; stops everything it starts.
#   bench/registry-get.sh [rate=200] [seconds=30] [port=18080]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RATE="${1:-200}"; SECONDS_="${2:-30}"; PORT="${3:-18080}"
# shellcheck source=bench/standalone.sh
. "$ROOT/bench/standalone.sh"
"$ROOT/switchboard" apply -f "$ROOT/examples/jsonplaceholder.yaml" --url "http://127.0.0.1:$PORT" --data-dir "$DATA" >/dev/null
TOKEN="$("$ROOT/switchboard" token --sub bench --role user --data-dir "$DATA")"
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
GATEWAY="gateway=http://127.0.0.1:$PORT/api/v1/connectors/demo/jsonplaceholder"
REGISTRY="registry=http://127.0.0.1:$((PORT + 1))/api/v1/connectors/demo/jsonplaceholder"
# A freshly started standalone is still compiling for its first minute or two; one extra
# discarded pass at the full load lets the figures describe a warm system.
"$JAVA_BIN" "$ROOT/bench/RateLoad.java" "$TOKEN" "$((RATE * 2))" "$SECONDS_" "$GATEWAY" "$REGISTRY" >/dev/null
echo "== through the gateway alone at $RATE/s"
"$JAVA_BIN" "$ROOT/bench/RateLoad.java" "$TOKEN" "$RATE" "$SECONDS_" "$GATEWAY"
echo "== gateway and registry side by side, $RATE/s each"
"$JAVA_BIN" "$ROOT/bench/RateLoad.java" "$TOKEN" "$((RATE * 2))" "$SECONDS_" "$GATEWAY" "$REGISTRY"
