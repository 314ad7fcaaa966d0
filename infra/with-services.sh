#!/usr/bin/env bash
# Runs a command with PostgreSQL and Kafka available, e.g.
#   bash infra/with-services.sh node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects postgres kafka --runInBand
# Installs the services when missing, starts those not already running, exports
#   PG_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres   KAFKA_BROKERS=127.0.0.1:9092
# runs the command, stops only the services this script started (on any exit), and exits with the
# command's status. Services that were already up are reused and left running.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"

if [ "$#" -eq 0 ]; then
  echo "usage: bash infra/with-services.sh CMD [ARGS...]" >&2
  exit 2
fi

PGPORT="${PGPORT:-5432}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
export PGPORT KAFKA_PORT

started_pg=0
started_kafka=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ "$started_kafka" -eq 1 ]; then bash "$HERE/kafka/stop.sh"; fi
  if [ "$started_pg" -eq 1 ]; then bash "$HERE/postgres/stop.sh"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "[with-services] $*"; }

# PostgreSQL
if bash "$HERE/postgres/check.sh" -q; then
  say "PostgreSQL already running on 127.0.0.1:$PGPORT; reusing it"
else
  bash "$HERE/postgres/install.sh"
  # stop it at the end only if it was not up before (it may be up but not yet configured by start.sh)
  if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT" >/dev/null 2>&1; then started_pg=1; fi
  bash "$HERE/postgres/start.sh"
fi

# Kafka
if bash "$HERE/kafka/check.sh" -q; then
  say "Kafka already running on 127.0.0.1:$KAFKA_PORT; reusing it"
else
  bash "$HERE/kafka/install.sh"
  started_kafka=1
  bash "$HERE/kafka/start.sh"
fi

export PG_URL="postgres://postgres:postgres@127.0.0.1:$PGPORT/postgres"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
say "PG_URL=$PG_URL KAFKA_BROKERS=$KAFKA_BROKERS"
say "running: $*"

# Run the command as a child and wait for it, so that a SIGTERM/SIGINT sent to this script is forwarded to
# it and the services are still stopped by the EXIT trap.
set +e
"$@" &
child=$!
forward() { kill "-$1" "$child" 2>/dev/null; wait "$child"; exit "$2"; }
trap 'forward TERM 143' TERM
trap 'forward INT 130' INT
wait "$child"
rc=$?
set -e
say "command exited with status $rc"
exit "$rc"
