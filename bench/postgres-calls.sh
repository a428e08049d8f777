#!/usr/bin/env bash
# Issue 9's Postgres figure, side by side in one run against a local embedded Postgres: a SELECT 1
# step through the executor's PostgresStepCaller over a direct JDBC SELECT 1 on a warm Hikari pool
# (20,000 each, interleaved, after 5,000 warm-up). Loopback only; bounded; stops by itself.
#   bench/postgres-calls.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$("$ROOT/switchboard" jdk)"; export JAVA_HOME
./switchboard build >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
mvn -B -o verify -Dit.jit.options= -pl step-executor -Dit.test=PostgresCallBench -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "^(direct JDBC|postgres step)"
