#!/usr/bin/env bash
# A private PostgreSQL cluster for fault tests that stop and restart the server, so the shared one
# (infra/postgres/start.sh) is never touched.
#   throwaway-cluster.sh init  <dir> <port>   initdb (trust auth on 127.0.0.1) and start
#   throwaway-cluster.sh start <dir> <port>   start an initialised cluster, wait until it accepts connections
#   throwaway-cluster.sh stop  <dir>          fast shutdown (open connections are terminated)
#   throwaway-cluster.sh destroy <dir>        stop if running, remove the directory
# Connection string: postgres://postgres@127.0.0.1:<port>/postgres
set -euo pipefail

cmd="${1:?init|start|stop|destroy}"
dir="${2:?data directory}"
port="${3:-}"

PG_VERSION="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | while read -r v; do
  [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && echo "$v"; done | tail -n 1)"
[ -n "$PG_VERSION" ] || { echo "PostgreSQL is not installed; run infra/postgres/install.sh" >&2; exit 1; }
BIN="/usr/lib/postgresql/$PG_VERSION/bin"

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"
  fi
}

start() {
  as_postgres "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null
}

case "$cmd" in
  init)
    [ -n "$port" ] || { echo "port required" >&2; exit 2; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_postgres "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    start
    ;;
  start)
    [ -n "$port" ] || { echo "port required" >&2; exit 2; }
    start
    ;;
  stop)
    as_postgres "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  destroy)
    as_postgres "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
