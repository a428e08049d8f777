#!/usr/bin/env bash
# SFTP put throughput (issue 9): 1,000 small files, 8 at a time as a looped step makes them, through
# the executor's SFTP caller and side by side through a plain SSHD client, against a local SSHD
# server, 3 alternating rounds after a warm-up. Loopback only; bounded; stops by itself.
#   bench/files-sftp.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$("$ROOT/switchboard" jdk)"; export JAVA_HOME
./switchboard build >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
mvn -B -o verify -Dit.jit.options= -pl step-executor -Dit.test=SftpPutBench -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "^(sftp step puts|direct sshd puts)"
