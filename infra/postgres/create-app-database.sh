#!/usr/bin/env bash
# Creates the application database that .env.example's DATABASE_URL names (`safety`), owned by the role
# of that URL, when it does not exist yet. Idempotent; infra/postgres/start.sh runs it. The tests use
# throwaway databases of their own and never this one.
#   APP_DATABASE_URL   overrides the URL taken from .env.example
#   PGPORT             port of the local server (5432)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PGPORT="${PGPORT:-5432}"
log() { echo "[postgres/app-database] $*"; }

url="${APP_DATABASE_URL:-$(sed -n -E 's/^#?[[:space:]]*DATABASE_URL=(postgres(ql)?:\/\/.*)$/\1/p' "$ROOT/.env.example" | head -n 1)}"
[[ "$url" =~ ^postgres(ql)?://([^:@/]+)(:[^@/]*)?@[^/]+/([A-Za-z_][A-Za-z0-9_]*) ]] || {
  echo "[postgres/app-database] ERROR: no postgres://user:password@host/database URL in .env.example (or APP_DATABASE_URL)" >&2
  exit 1
}
role="${BASH_REMATCH[2]}"
database="${BASH_REMATCH[4]}"

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"
  fi
}
psql_admin() { as_postgres psql -X -q -tA -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  echo "[postgres/app-database] ERROR: role $role of DATABASE_URL does not exist; create it (with its password) first" >&2
  exit 1
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" = "1" ]; then
  log "database $database exists"
else
  psql_admin -c "CREATE DATABASE \"$database\" OWNER \"$role\" ENCODING 'UTF8' TEMPLATE template0"
  log "created database $database (owner $role)"
fi
