#!/usr/bin/env bash
# Assembles the Apache Kafka 3.9 broker runtime from Maven Central into .infra-run/kafka-lib
# (jars listed by infra/kafka/pom.xml). Skipped when the jars for the current pom.xml are already there.
# Installs Java 17 / Maven from Debian when missing. Maven caches in ~/.m2, so later runs are offline.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LIB_DIR="${KAFKA_LIB_DIR:-$ROOT/.infra-run/kafka-lib}"
STAMP="$LIB_DIR/.pom.sha256"
log() { echo "[kafka/install] $*"; }

pom_sum="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$pom_sum" ] && ls "$LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1; then
  log "broker jars already in $LIB_DIR ($(ls "$LIB_DIR"/*.jar | wc -l) jars)"
  exit 0
fi

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  log "installing Java 17 and Maven (Debian packages)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends openjdk-17-jdk-headless maven
fi

log "copying broker runtime jars (org.apache.kafka:kafka_2.13:3.9.1) into $LIB_DIR"
tmp="$LIB_DIR.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
mvn_log="$tmp/.mvn.log"
if ! (cd "$HERE" && mvn -B -q -Dstyle.color=never -f pom.xml dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp") > "$mvn_log" 2>&1; then
  cat "$mvn_log" >&2
  echo "[kafka/install] ERROR: mvn dependency:copy-dependencies failed" >&2
  exit 1
fi
rm -f "$mvn_log"
ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || { echo "[kafka/install] ERROR: kafka_2.13 jar missing after mvn" >&2; exit 1; }
echo "$pom_sum" > "$tmp/.pom.sha256"
rm -rf "$LIB_DIR"
mv "$tmp" "$LIB_DIR"
trap - EXIT
log "done in $((SECONDS - start))s: $(ls "$LIB_DIR"/*.jar | wc -l) jars"
