#!/usr/bin/env bash
# Stops the cluster '<version> main' (pg_ctlcluster stop). Idempotent: no-op when not installed or not running.
set -euo pipefail
CLUSTER="main"
log() { echo "[postgres/stop] $*"; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

command -v pg_ctlcluster >/dev/null 2>&1 || { log "PostgreSQL not installed; nothing to stop"; exit 0; }
PG_VERSION="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | while read -r v; do
  [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && echo "$v"; done | tail -n 1)"
if [ -z "$PG_VERSION" ] || [ ! -d "/etc/postgresql/$PG_VERSION/$CLUSTER" ]; then
  log "no cluster $CLUSTER; nothing to stop"; exit 0
fi
if ! $SUDO pg_ctlcluster "$PG_VERSION" "$CLUSTER" status >/dev/null 2>&1; then
  log "cluster $PG_VERSION/$CLUSTER not running"; exit 0
fi
log "stopping cluster $PG_VERSION/$CLUSTER"
$SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$CLUSTER" stop -m fast
log "stopped"
