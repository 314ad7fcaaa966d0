#!/usr/bin/env bash
# Exit 0 when a Kafka broker on 127.0.0.1:${KAFKA_PORT:-9092} answers a kafkajs describeCluster(), non-zero
# otherwise. Also tells whether it is the broker this repo started (.infra-run/kafka.pid).
# Usage: bash infra/kafka/check.sh [-q]
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PID_FILE="$ROOT/.infra-run/kafka.pid"
KAFKA_PORT="${KAFKA_PORT:-9092}"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
quiet=0; [ "${1:-}" = "-q" ] && quiet=1
say() { [ "$quiet" -eq 1 ] || echo "[kafka/check] $*"; }

owner="not started by this repo"
if [ -f "$PID_FILE" ]; then
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'; then
    owner="pid $pid from $PID_FILE"
  fi
fi
if ! (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") >/dev/null 2>&1; then
  say "nothing listening on 127.0.0.1:$KAFKA_PORT"
  exit 1
fi
if node "$HERE/wait-ready.mjs" --timeout-ms "${KAFKA_CHECK_TIMEOUT_MS:-5000}" --quiet; then
  say "ready: KAFKA_BROKERS=$KAFKA_BROKERS ($owner)"
  exit 0
fi
say "127.0.0.1:$KAFKA_PORT is open but describeCluster() fails ($owner)"
exit 1
