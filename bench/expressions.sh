#!/usr/bin/env bash
# Expression evaluation on a pooled GraalJS context (issue 6): four rounds of 50,000 calls, the
# last one the steady-state figure. Runs in one JVM; stops by itself.
#   bench/expressions.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$("$ROOT/switchboard" jdk)"; export JAVA_HOME
./switchboard build >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
mvn -B -o test -Dit.jit.options= -pl expressions -Dtest=ExpressionLatencyBench -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep -E "^expression round"
