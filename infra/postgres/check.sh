#!/usr/bin/env bash
# Exit 0 when PostgreSQL accepts the tests' password login on 127.0.0.1:${PGPORT:-5432}, non-zero otherwise.
# Usage: bash infra/postgres/check.sh [-q]
set -uo pipefail
PGPORT="${PGPORT:-5432}"
quiet=0; [ "${1:-}" = "-q" ] && quiet=1
say() { [ "$quiet" -eq 1 ] || echo "[postgres/check] $*"; }

command -v pg_isready >/dev/null 2>&1 || { say "not installed"; exit 2; }
if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT" -t 3; then
  say "not accepting connections on 127.0.0.1:$PGPORT"
  exit 1
fi
if ! PGPASSWORD=postgres PGCONNECT_TIMEOUT=5 psql -X -q -tA -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
    -c 'select 1' >/dev/null 2>&1; then
  say "up on 127.0.0.1:$PGPORT but password login as postgres/postgres fails (run infra/postgres/start.sh)"
  exit 1
fi
say "ready: postgres://postgres:postgres@127.0.0.1:$PGPORT/postgres"
exit 0
