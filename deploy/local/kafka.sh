#!/usr/bin/env bash
# Apache Kafka, single-node KRaft (broker + controller in one JVM), from its Maven Central
# artifacts run with the machine's Java. Broker on 127.0.0.1:9092, controller on :9093.
# Jars are cached outside the repo in ~/.cache/partyorg/kafka-<version>/libs. The broker is one
# per machine (one port), so its data, pid and log live outside any checkout, in
# ~/.local/state/partyorg/kafka (PARTYORG_STATE_DIR moves it): a checkout that restarts the broker
# another started must bring back the same topics, not an empty log directory of its own.
#   deploy/local/kafka.sh up|down|status|env
# PARTYORG_KAFKA_VERSION overrides the version pinned in deploy/local/kafka/pom.xml.
set -euo pipefail
SERVER=kafka
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

POM="$ROOT/deploy/local/kafka/pom.xml"
STATE=${PARTYORG_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/partyorg}
VERSION=${PARTYORG_KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")}
LIBS="$CACHE/kafka-$VERSION/libs"
DIR="$STATE/kafka"
PROPS="$DIR/server.properties"  # deploy/local/kafka/server.properties with log.dirs in $DIR
PIDFILE="$DIR/kafka.pid"
LOG="$DIR/kafka.log"
PATTERN="kafka.Kafka "
BOOTSTRAP=127.0.0.1:9092
TIMEOUT=90
HEAP=${PARTYORG_KAFKA_HEAP:--Xms256m -Xmx512m}

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

ensure_tools() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  local major
  major=$(java_major)
  [ "${major:-0}" -ge 17 ] || die "Kafka $VERSION needs Java 17 or newer; java is ${major:-unknown}"
  command -v kcat >/dev/null || apt_install kcat
}

# Resolve the broker's runtime classpath once per version; later starts use the cache only.
fetch_libs() {
  [ -f "$LIBS/.complete" ] && return 0
  command -v mvn >/dev/null || apt_install maven
  say "resolving kafka_2.13:$VERSION and its runtime dependencies from Maven Central"
  local tmp="$LIBS.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  mvn -B -q -f "$POM" -Dkafka.version="$VERSION" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" >"$CACHE/kafka-$VERSION/mvn.log" 2>&1 || {
    tail -30 "$CACHE/kafka-$VERSION/mvn.log" >&2
    die "mvn could not resolve org.apache.kafka:kafka_2.13:$VERSION (log: $CACHE/kafka-$VERSION/mvn.log)"
  }
  ls "$tmp"/kafka_2.13-"$VERSION".jar >/dev/null 2>&1 || die "mvn finished but kafka_2.13-$VERSION.jar is missing"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  touch "$LIBS/.complete"
  say "cached $(find "$LIBS" -name '*.jar' | wc -l) jars in $LIBS"
}

kafka_java() { # run a Kafka main class
  (cd "$DIR" && java -Xmx256m -cp "$LIBS/*" "$@")
}

write_props() {
  mkdir -p "$DIR"
  sed "s|^log.dirs=.*|log.dirs=$DIR/data|" "$ROOT/deploy/local/kafka/server.properties" >"$PROPS.tmp"
  mv "$PROPS.tmp" "$PROPS"
}

# Format the KRaft log directory once: a single-node dynamic quorum with this node as voter.
format_storage() {
  [ -f "$DIR/data/meta.properties" ] && return 0
  mkdir -p "$DIR/data"
  if [ ! -s "$DIR/cluster-id" ]; then
    kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1 >"$DIR/cluster-id.tmp"
    mv "$DIR/cluster-id.tmp" "$DIR/cluster-id"
  fi
  say "formatting $DIR/data (cluster id $(cat "$DIR/cluster-id"))"
  kafka_java kafka.tools.StorageTool format --standalone -t "$(cat "$DIR/cluster-id")" -c "$PROPS" \
    >"$DIR/format.log" 2>&1 || { tail -20 "$DIR/format.log" >&2; die "formatting storage failed"; }
}

# The broker answers a metadata request and lists itself.
ready() { timeout 10 kcat -L -b "$BOOTSTRAP" -m 3 2>/dev/null | grep -q "broker 1 at $BOOTSTRAP"; }

up() {
  ensure_tools
  fetch_libs
  if pid_alive "$PIDFILE" "$PATTERN" || adopt_listener "$PIDFILE" "$PATTERN" 9092; then
    ready || wait_until "$TIMEOUT" "answering on $BOOTSTRAP" ready \
      || die "process $(cat "$PIDFILE") runs but does not answer on $BOOTSTRAP: see $LOG"
    status
    return 0
  fi
  local port
  for port in 9092 9093; do
    port_open 127.0.0.1 "$port" && die "port $port is taken by another process; stop it first"
  done
  write_props
  format_storage
  [ -f "$LOG" ] && mv "$LOG" "$LOG.1"
  say "starting Kafka $VERSION (log: $LOG)"
  # setsid: the broker outlives the shell (and process group) that started it.
  # shellcheck disable=SC2086
  (cd "$DIR" && exec setsid nohup java $HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -cp "$LIBS/*" kafka.Kafka "$PROPS" >"$LOG" 2>&1 </dev/null) &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + TIMEOUT))
  until ready; do
    if ! pid_alive "$PIDFILE" "$PATTERN"; then
      tail -30 "$LOG" >&2
      rm -f "$PIDFILE"
      die "the broker exited during startup: see $LOG"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -30 "$LOG" >&2
      die "no answer on $BOOTSTRAP after ${TIMEOUT}s (still running as pid $(cat "$PIDFILE")): see $LOG"
    fi
    sleep 0.5
  done
  say "answering on $BOOTSTRAP (${SECONDS}s into this script)"
  status
}

down() {
  pid_alive "$PIDFILE" "$PATTERN" || adopt_listener "$PIDFILE" "$PATTERN" 9092 || true
  # Controlled shutdown of a single node takes a few seconds; KILL only if it hangs.
  if stop_pid "$PIDFILE" "$PATTERN" 60; then
    say "stopped"
  else
    say "not running"
  fi
}

status() {
  pid_alive "$PIDFILE" "$PATTERN" || adopt_listener "$PIDFILE" "$PATTERN" 9092 \
    || { say "not running"; return 1; }
  ready || { say "process $(cat "$PIDFILE") is up but does not answer on $BOOTSTRAP"; return 1; }
  say "running: Kafka $VERSION (KRaft, node 1) on $BOOTSTRAP, pid $(cat "$PIDFILE")"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export PARTYORG_KAFKA_BOOTSTRAP=$BOOTSTRAP" ;;
  *) usage env ;;
esac
