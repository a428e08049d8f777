#!/usr/bin/env bash
# Webhook delivery latency (issue 8's target: delivered <= 50 ms p99 after RunFinished at 50 runs/s):
# WebhookDeliveryBench in one JVM (the orchestrator's Spring context, an embedded broker, the
# standalone's H2-backed store, a local receiver): async runs of a step-less tool at a fixed rate,
# 20 s warm-up then 60 s measured. Loopback only; bounded; stops by itself.
#   bench/webhooks.sh [runs-per-sec=50] [seconds=60]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RATE="${1:-50}"; SECONDS_="${2:-60}"
JAVA_HOME="$("$ROOT/switchboard" jdk)"; export JAVA_HOME
./switchboard build >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
mvn -B -o verify -Dit.jit.options= -pl run-orchestrator -Dit.test=WebhookDeliveryBench -Dtest=none -Dbench.rate="$RATE" \
    -Dbench.seconds="$SECONDS_" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "^webhook"
