#!/usr/bin/env bash
# Starts a single-node Apache Kafka 3.9 broker (KRaft combined mode) on 127.0.0.1:9092 (controller 9093)
# in the background and waits until it is ready. Idempotent: does nothing when this repo's broker runs.
#   state:  <repo>/.infra-run/kafka-data (log.dirs), kafka.log, kafka.pid, kafka-server.properties
#   env:    KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_START_TIMEOUT seconds (90),
#           KAFKA_HEAP_OPTS (-Xms256m -Xmx768m)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="$ROOT/.infra-run"
LIB_DIR="${KAFKA_LIB_DIR:-$RUN_DIR/kafka-lib}"
DATA_DIR="$RUN_DIR/kafka-data"
PROPS="$RUN_DIR/kafka-server.properties"
LOG_FILE="$RUN_DIR/kafka.log"
PID_FILE="$RUN_DIR/kafka.pid"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
# Fixed cluster id (base64 UUID, as `kafka.tools.StorageTool random-uuid` prints): the data dir is
# formatted once and reused.
CLUSTER_ID="${KAFKA_CLUSTER_ID:-wXjXdBQ9QHyXyQ2d8fG3vA}"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"

log() { echo "[kafka/start] $*"; }
SHOW_LOG=0 # the log tail is shown only once this run has launched a broker (else it is a stale log)
fail() {
  echo "[kafka/start] ERROR: $*" >&2
  if [ "$SHOW_LOG" -eq 1 ] && [ -f "$LOG_FILE" ]; then
    echo "----- last 60 lines of $LOG_FILE -----" >&2
    tail -n 60 "$LOG_FILE" >&2 || true
    echo "-----" >&2
  fi
  exit 1
}

# alive and really our broker (guards against a recycled pid; a zombie counts as dead)
broker_alive() {
  local pid="$1"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }

mkdir -p "$RUN_DIR"

# already running?
if [ -f "$PID_FILE" ]; then
  old_pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if broker_alive "$old_pid"; then
    log "broker already running (pid $old_pid); checking readiness"
    SHOW_LOG=1
    node "$HERE/wait-ready.mjs" --timeout-ms $((TIMEOUT * 1000)) || fail "running broker (pid $old_pid) is not ready"
    exit 0
  fi
  log "removing stale pid file (pid ${old_pid:-?} is gone)"
  rm -f "$PID_FILE"
fi
for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  port_open "$p" && fail "127.0.0.1:$p is already in use by another process (another Kafka?); stop it or set KAFKA_PORT/KAFKA_CONTROLLER_PORT"
done

command -v java >/dev/null 2>&1 || fail "java not found; run infra/kafka/install.sh"
ls "$LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1 || bash "$HERE/install.sh"

# render server.properties (StorageTool takes no overrides: the real log.dirs must be in the file)
sed -e "s#@LOG_DIRS@#$DATA_DIR#g" -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
  "$HERE/server.properties.template" > "$PROPS"

# format storage once
if [ ! -f "$DATA_DIR/meta.properties" ]; then
  log "formatting $DATA_DIR (cluster id $CLUSTER_ID)"
  mkdir -p "$DATA_DIR"
  java -cp "$LIB_DIR/*" -Dlog4j.configuration="file:$HERE/log4j.properties" \
    kafka.tools.StorageTool format --ignore-formatted --cluster-id="$CLUSTER_ID" -c "$PROPS" \
    > "$RUN_DIR/kafka-format.log" 2>&1 || { cat "$RUN_DIR/kafka-format.log" >&2; fail "storage format failed"; }
fi

[ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
log "starting broker on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), log $LOG_FILE"
started_at=$SECONDS
# setsid: own session, so a Ctrl-C in the calling terminal does not hit the broker; it is stopped by
# infra/kafka/stop.sh through the saved pid. (Not a process-group leader here, so setsid execs in place
# and $! is the java pid.)
# shellcheck disable=SC2086
nohup setsid java $HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j.configuration="file:$HERE/log4j.properties" \
  -cp "$LIB_DIR/*" kafka.Kafka "$PROPS" > "$LOG_FILE" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$PID_FILE"
SHOW_LOG=1

stop_it() {
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do broker_alive "$pid" || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

deadline=$((SECONDS + TIMEOUT))
until grep -q 'Kafka Server started' "$LOG_FILE" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null || ! broker_alive "$pid"; then
    rm -f "$PID_FILE"
    fail "broker process $pid exited during start-up"
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    stop_it
    fail "no 'Kafka Server started' in the log after ${TIMEOUT}s"
  fi
  sleep 0.5
done
log "log says 'Kafka Server started' after $((SECONDS - started_at))s; probing with kafkajs describeCluster()"
remaining=$((deadline - SECONDS)); [ "$remaining" -ge 10 ] || remaining=10
if ! node "$HERE/wait-ready.mjs" --timeout-ms $((remaining * 1000)); then
  stop_it
  fail "kafkajs describeCluster() did not succeed"
fi
log "ready: KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT (pid $pid, $((SECONDS - started_at))s)"
