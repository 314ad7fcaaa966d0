#!/usr/bin/env bash
# Stops the broker started by infra/kafka/start.sh, by the pid saved in .infra-run/kafka.pid (never by
# name). Waits for it to exit (SIGTERM = controlled shutdown; SIGKILL after KAFKA_STOP_TIMEOUT s, 60).
# Idempotent.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PID_FILE="$ROOT/.infra-run/kafka.pid"
TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"
log() { echo "[kafka/stop] $*"; }

broker_alive() {
  local pid="$1"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'
}

if [ ! -f "$PID_FILE" ]; then
  log "no pid file ($PID_FILE); nothing to stop"
  exit 0
fi
pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if ! broker_alive "$pid"; then
  log "broker pid ${pid:-?} not running; removing pid file"
  rm -f "$PID_FILE"
  exit 0
fi

log "stopping broker pid $pid"
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + TIMEOUT))
while broker_alive "$pid"; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "still running after ${TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    break
  fi
  sleep 0.5
done
rm -f "$PID_FILE"
log "stopped"
