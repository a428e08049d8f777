#!/usr/bin/env bash
# The executor's figures (issue 7), side by side in one run against a local API: a step call over a
# plain WebClient call (20,000 each, interleaved, after 5,000 warm-up), then three healthy
# connectors alone, beside a slow one (200 calls of 2 s at once) and beside a failing one (503,
# its breaker open). Loopback only; bounded; stops by itself.
#   bench/executor-calls.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$("$ROOT/switchboard" jdk)"; export JAVA_HOME
./switchboard build >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
mvn -B -o verify -Dit.jit.options= -pl step-executor -Dit.test=ExecutorCallBench -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "^(direct WebClient|executor step|executor overhead|3 healthy connectors)"
