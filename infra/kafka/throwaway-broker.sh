#!/usr/bin/env bash
# A private single-node Kafka broker for fault tests that stop and restart it, so the shared one
# (infra/kafka/start.sh, 127.0.0.1:9092) is never touched. Same jars (infra/kafka/install.sh) and
# server.properties.template; its own directory, ports and pid file.
#   throwaway-broker.sh start <dir> <port> <controller-port>   format once, start, wait until ready
#   throwaway-broker.sh format <dir> <port> <controller-port> [cluster-id]   format only (random id if none)
#   throwaway-broker.sh stop  <dir>                             controlled shutdown (SIGTERM), SIGKILL after 60 s
#   throwaway-broker.sh destroy <dir>                           stop if running, remove the directory
# Bootstrap address: 127.0.0.1:<port>. The data directory survives stop/start, as a broker's disk does.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LIB_DIR="${KAFKA_LIB_DIR:-$ROOT/.infra-run/kafka-lib}"

cmd="${1:?start|format|stop|destroy}"
dir="${2:?broker directory}"
pid_file="$dir/broker.pid"

# A random cluster id the way Kafka's own Uuid.randomUuid() makes one: 16 random bytes, base64url, and
# never one that starts with '-', which a command line would read as an option. One in 64 random ids
# did, and kafka-storage refused it ("--cluster-id: expected one argument").
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    [ "${id:0:1}" != "-" ] && { echo "$id"; return; }
  done
}

# Writes server.properties and formats the data directory once; a restart keeps the formatted data
# directory (topics, committed offsets) like a real broker. `--cluster-id=<id>` keeps a given id that
# starts with '-' a value, not an option.
configure_and_format() {
  local port="$1" controller_port="$2" cluster_id="${3:-$(random_cluster_id)}"
  ls "$LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1 || bash "$HERE/install.sh" >&2
  mkdir -p "$dir/data"
  sed -e "s#@LOG_DIRS@#$dir/data#g" -e "s#@KAFKA_PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" \
    "$HERE/server.properties.template" > "$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -cp "$LIB_DIR/*" -Dlog4j.configuration="file:$HERE/log4j.properties" kafka.tools.StorageTool format \
      --ignore-formatted --cluster-id="$cluster_id" -c "$dir/server.properties" \
      > "$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; exit 1; }
  fi
}

alive() {
  local pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ] \
    && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "kafka\.Kafka $dir/server.properties"
}

stop() {
  alive || { rm -f "$pid_file"; return 0; }
  local pid
  pid="$(cat "$pid_file")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do alive || break; sleep 0.5; done
  if alive; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$pid_file"
}

case "$cmd" in
  start)
    port="${3:?port}"
    controller_port="${4:?controller port}"
    alive && { echo "broker in $dir already running" >&2; exit 1; }
    configure_and_format "$port" "$controller_port"
    nohup setsid java ${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$HERE/log4j.properties" \
      -cp "$LIB_DIR/*" kafka.Kafka "$dir/server.properties" >> "$dir/broker.log" 2>&1 < /dev/null &
    echo "$!" > "$pid_file"
    if ! KAFKA_BROKERS="127.0.0.1:$port" node "$HERE/wait-ready.mjs" --timeout-ms "${KAFKA_START_TIMEOUT_MS:-120000}" --quiet; then
      tail -n 40 "$dir/broker.log" >&2
      stop
      echo "throwaway broker on 127.0.0.1:$port did not become ready" >&2
      exit 1
    fi
    ;;
  format)
    alive && { echo "broker in $dir is running" >&2; exit 1; }
    configure_and_format "${3:?port}" "${4:?controller port}" "${5:-}"
    ;;
  stop) stop ;;
  destroy)
    stop
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
