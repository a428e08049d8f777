# Sourced by the bench scripts: builds, starts a standalone on port $PORT with a temporary data
# dir, waits until it is up, and stops it and removes the data dir when the script exits.
# Sets DATA (the data dir), PID (the standalone's process) and JAVA_BIN (the JDK it runs on).
"$ROOT/switchboard" build >/dev/null
DATA="$(mktemp -d)"; LOG="$(mktemp)"
PID=""
trap '[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA" "$LOG"' EXIT
"$ROOT/switchboard" up --port "$PORT" --data-dir "$DATA" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 720); do
  grep -q "Switchboard is up" "$LOG" && break
  kill -0 "$PID" 2>/dev/null || { echo "standalone exited:" >&2; tail -20 "$LOG" >&2; exit 1; }
  sleep 0.5
done
JAVA_BIN="$(readlink -f /proc/"$PID"/exe)"
case "$JAVA_BIN" in */java) ;; *) JAVA_BIN="$(grep -ao '/usr/lib/jvm/[^ ]*/bin/java' /proc/"$PID"/cmdline | head -1)";; esac
