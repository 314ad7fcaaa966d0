#!/usr/bin/env bash
# Ensures the Debian cluster '<version> main' exists, is configured for the tests and is running.
# Idempotent: safe to run when the cluster is already up (it only restarts when a setting that needs a
# restart changed).
#   - listens on 127.0.0.1:${PGPORT:-5432}
#   - max_connections >= 200
#   - role postgres has password 'postgres'; password auth (md5, which also accepts SCRAM secrets) over TCP
#     from 127.0.0.1 / ::1
#   - the application database that .env.example names exists (create-app-database.sh)
# Connection string for the tests: postgres://postgres:postgres@127.0.0.1:5432/postgres
set -euo pipefail

PGPORT="${PGPORT:-5432}"
CLUSTER="main"
MIN_MAX_CONNECTIONS=200
WAIT_SECONDS="${PG_START_TIMEOUT:-60}"
HBA_MARK_BEGIN="# >>> managed by infra/postgres/start.sh >>>"
HBA_MARK_END="# <<< managed by infra/postgres/start.sh <<<"

log() { echo "[postgres/start] $*"; }
die() { echo "[postgres/start] ERROR: $*" >&2; exit 1; }

command -v pg_ctlcluster >/dev/null 2>&1 || die "PostgreSQL is not installed; run infra/postgres/install.sh"
PG_VERSION="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | while read -r v; do
  [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && echo "$v"; done | tail -n 1)"
[ -n "$PG_VERSION" ] || die "no server under /usr/lib/postgresql; run infra/postgres/install.sh"
CONF_DIR="/etc/postgresql/$PG_VERSION/$CLUSTER"
BIN="/usr/lib/postgresql/$PG_VERSION/bin"

# Run a command as the postgres OS user (we usually are root; PostgreSQL refuses to run as root).
as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"
  fi
}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

is_running() { $SUDO pg_ctlcluster "$PG_VERSION" "$CLUSTER" status >/dev/null 2>&1; }

# 1. cluster exists
if [ ! -f "$CONF_DIR/postgresql.conf" ]; then
  log "creating cluster $PG_VERSION/$CLUSTER on port $PGPORT"
  $SUDO pg_createcluster "$PG_VERSION" "$CLUSTER" --port "$PGPORT"
fi

# 2. settings. The port goes into postgresql.conf itself (pg_lsclusters/pg_ctlcluster read it from there);
#    the rest into a conf.d drop-in (Debian's postgresql.conf ends with include_dir = 'conf.d', so it wins).
#    Files are only rewritten when different, so a running cluster is left alone when nothing changed.
needs_restart=0
current_setting() { $SUDO pg_conftool -s "$PG_VERSION" "$CLUSTER" show "$1" 2>/dev/null | tr -d "'" || true; }
if [ "$(current_setting port)" != "$PGPORT" ]; then
  log "setting port = $PGPORT"
  $SUDO pg_conftool "$PG_VERSION" "$CLUSTER" set port "$PGPORT"
  needs_restart=1
fi
# keep a larger max_connections if someone configured one
max_conn="$MIN_MAX_CONNECTIONS"
main_max="$(sed -n -E 's/^[[:space:]]*max_connections[[:space:]]*=[[:space:]]*([0-9]+).*/\1/p' "$CONF_DIR/postgresql.conf" | tail -n 1)"
if [ -n "$main_max" ] && [ "$main_max" -gt "$max_conn" ]; then max_conn="$main_max"; fi
DROPIN="$CONF_DIR/conf.d/90-infra-tests.conf"
want_dropin="$(printf '%s\n' \
  "# managed by infra/postgres/start.sh" \
  "listen_addresses = '127.0.0.1'" \
  "max_connections = $max_conn")"
if [ "$(cat "$DROPIN" 2>/dev/null || true)" != "$want_dropin" ]; then
  log "writing $DROPIN (listen_addresses=127.0.0.1, max_connections=$max_conn)"
  $SUDO mkdir -p "$CONF_DIR/conf.d"
  printf '%s\n' "$want_dropin" | $SUDO tee "$DROPIN" >/dev/null
  $SUDO chown postgres:postgres "$DROPIN"
  needs_restart=1
fi

# 3. pg_hba.conf: our block goes first (first match wins). Rewritten only when it differs.
HBA="$CONF_DIR/pg_hba.conf"
want_block="$(printf '%s\n%s\n%s\n%s\n%s\n' \
  "$HBA_MARK_BEGIN" \
  "local   all             postgres                                peer" \
  "host    all             all             127.0.0.1/32            md5" \
  "host    all             all             ::1/128                 md5" \
  "$HBA_MARK_END")"
have_block="$(sed -n "/^$(printf '%s' "$HBA_MARK_BEGIN" | sed 's/[][\/.*^$]/\\&/g')\$/,/^$(printf '%s' "$HBA_MARK_END" | sed 's/[][\/.*^$]/\\&/g')\$/p" "$HBA")"
hba_changed=0
if [ "$have_block" != "$want_block" ]; then
  log "writing password-auth rules to $HBA"
  tmp="$(mktemp)"
  { printf '%s\n' "$want_block"
    # drop any earlier copy of our block, keep everything else
    awk -v b="$HBA_MARK_BEGIN" -v e="$HBA_MARK_END" '$0==b{skip=1;next} $0==e{skip=0;next} !skip' "$HBA"
  } > "$tmp"
  $SUDO cp "$tmp" "$HBA"
  rm -f "$tmp"
  $SUDO chown postgres:postgres "$HBA"
  $SUDO chmod 640 "$HBA"
  hba_changed=1
fi

# 4. running
if is_running; then
  if [ "$needs_restart" -eq 1 ]; then
    log "restarting $PG_VERSION/$CLUSTER to apply settings"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$CLUSTER" restart -m fast
  elif [ "$hba_changed" -eq 1 ]; then
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$CLUSTER" reload
  else
    log "cluster $PG_VERSION/$CLUSTER already running"
  fi
else
  log "starting cluster $PG_VERSION/$CLUSTER"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$CLUSTER" start
fi

# 5. ready on TCP
deadline=$((SECONDS + WAIT_SECONDS))
until pg_isready -q -h 127.0.0.1 -p "$PGPORT"; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "[postgres/start] ERROR: not ready on 127.0.0.1:$PGPORT after ${WAIT_SECONDS}s; log tail:" >&2
    $SUDO tail -n 40 "/var/log/postgresql/postgresql-$PG_VERSION-$CLUSTER.log" >&2 || true
    exit 1
  fi
  sleep 0.5
done

# 6. password for role postgres (over the local socket with peer auth, as the postgres OS user)
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres \
  -c "ALTER ROLE postgres WITH PASSWORD 'postgres'" >/dev/null

# 7. prove that the tests' connection string works
if ! PGPASSWORD=postgres psql -X -q -tA -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c 'select 1' >/dev/null; then
  die "password login over TCP failed (postgres://postgres:postgres@127.0.0.1:$PGPORT/postgres)"
fi
# 8. the application database .env.example names (the tests make throwaway databases of their own)
PGPORT="$PGPORT" bash "$(dirname "${BASH_SOURCE[0]}")/create-app-database.sh"
log "ready: postgres://postgres:postgres@127.0.0.1:$PGPORT/postgres (PostgreSQL $PG_VERSION, max_connections=$max_conn)"
