#!/usr/bin/env bash
# Cold secret resolve over HTTP (the executor's cache miss): the secrets service with a real broker
# and Mongo wire server, 3000 warm-up then 2000 measured resolves, interleaving a shared and a
# private secret. The executor's warm-cache figure is printed by SecretResolverIT in every build.
#   bench/secrets-resolve.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$("$ROOT/switchboard" jdk)"; export JAVA_HOME
./switchboard build >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
mvn -B -q -o verify -Dit.jit.options= -pl secrets-service -Dit.test=ResolveLatencyBench -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep "cold secret resolve"
