#!/usr/bin/env bash
# Measures the standalone: time from launch to a healthy gateway (as the launcher reports it,
# after the build), first start on an empty data dir and restarts on the same dir, and the
# resident memory after it has idled. Local only; stops everything it starts.
#   bench/standalone-startup.sh [restarts=3] [idle-seconds=60] [port=18080]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESTARTS="${1:-3}"; IDLE="${2:-60}"; PORT="${3:-18080}"
DATA="$(mktemp -d)"; LOG="$(mktemp)"


"$ROOT/switchboard" build >/dev/null

PID=""
trap '[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; rm -rf "$DATA" "$LOG"' EXIT
start() { # sets PID and UP_MS (the launcher's own "up in N ms")
  : > "$LOG"
  "$ROOT/switchboard" up --port "$PORT" --data-dir "$DATA" >"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    if grep -q "Switchboard is up in" "$LOG"; then break; fi
    if ! kill -0 "$PID" 2>/dev/null; then echo "standalone exited:" >&2; tail -20 "$LOG" >&2; exit 1; fi
    sleep 0.5
  done
  UP_MS=$(sed -n 's/.*Switchboard is up in \([0-9]*\) ms.*/\1/p' "$LOG" | head -n 1)
}

stop() { # sets STOP_MS
  local t0; t0=$(date +%s%N)
  kill -TERM "$PID"; while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
  STOP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%F)"
start; echo "first start (empty data dir): $UP_MS ms to healthy"
for i in $(seq 1 "$RESTARTS"); do
  stop; echo "stop (SIGTERM to exit): $STOP_MS ms"
  start; echo "restart $i (same data dir): $UP_MS ms to healthy"
done
sleep "$IDLE"
echo "idle RSS after ${IDLE}s: $(( $(ps -o rss= -p "$PID") / 1024 )) MiB"
stop; echo "stop (SIGTERM to exit): $STOP_MS ms"
