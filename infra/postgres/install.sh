#!/usr/bin/env bash
# Installs Debian's PostgreSQL server package when it is missing. Idempotent.
# Usage: bash infra/postgres/install.sh
set -euo pipefail

server_present() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  local bin
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$bin" ] && return 0
  done
  return 1
}

if server_present; then
  echo "[postgres/install] PostgreSQL server already installed: $(ls /usr/lib/postgresql | sort -V | tr '\n' ' ')"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "[postgres/install] need root (or sudo) to apt-get install postgresql" >&2; exit 1; }
  SUDO="sudo"
fi

echo "[postgres/install] installing Debian package 'postgresql'"
export DEBIAN_FRONTEND=noninteractive
# Wait for a concurrent apt/dpkg run instead of failing on its lock.
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
$SUDO apt-get "${APT_OPTS[@]}" update
$SUDO apt-get "${APT_OPTS[@]}" install -y --no-install-recommends postgresql postgresql-contrib

server_present || { echo "[postgres/install] postgresql installed but no server binary found" >&2; exit 1; }
echo "[postgres/install] installed: $(ls /usr/lib/postgresql | sort -V | tr '\n' ' ')"
