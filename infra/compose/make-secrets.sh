#!/usr/bin/env bash
# Writes the secrets docker-compose.yml mounts into ./secrets/ (or $SECRETS_DIR), each only when missing:
#   worker-ref-secret        HMAC key of worker pseudonyms (48 random characters)
#   auth-jwt-secret          HS256 key of the api's bearer tokens (48 random characters)
#   postgres-password        password of the `safety` role the postgres service creates
#   database-url             postgres://safety:<that password>@postgres:5432/safety for the apps
#   grafana-admin-password   Grafana's admin password
# The directory is private to the operator (0700); the files are 0644 because the containers read them
# as their own unprivileged users through a bind mount. Never commit them (.gitignore, .dockerignore).
# Keep worker-ref-secret with the backups: a new one gives every worker a new pseudonym.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${SECRETS_DIR:-$ROOT/secrets}"
mkdir -p "$DIR"
chmod 700 "$DIR"

random() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$1"; }
write() { # name value
  local file="$DIR/$1"
  if [ -s "$file" ]; then echo "[compose/secrets] $file exists; kept"; return; fi
  printf '%s' "$2" > "$file"
  chmod 644 "$file"
  echo "[compose/secrets] wrote $file"
}

write worker-ref-secret "$(random 48)"
write auth-jwt-secret "$(random 48)"
write postgres-password "$(random 32)"
write database-url "postgres://safety:$(cat "$DIR/postgres-password")@postgres:5432/safety"
write grafana-admin-password "$(random 24)"
