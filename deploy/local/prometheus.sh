#!/usr/bin/env bash
# Prometheus from Debian's packages (with promtool), serving deploy/prometheus/prometheus.yml
# on 127.0.0.1:9090, data under var/prometheus/.
#   deploy/local/prometheus.sh up|down|status|env
set -euo pipefail
SERVER=prometheus
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

PORT=9090
URL="http://127.0.0.1:$PORT"
CONFIG="$ROOT/deploy/prometheus/prometheus.yml"
DIR="$VAR/prometheus"
PIDFILE="$DIR/prometheus.pid"
LOG="$DIR/prometheus.log"
PATTERN="prometheus --config.file="
TIMEOUT=60

ready() { curl -fsS -m 2 "$URL/-/ready" >/dev/null; }

up() {
  local fresh=0
  is_installed prometheus || fresh=1
  apt_install prometheus curl
  # Where policy allows, the package starts its own daemon on :9090; ours replaces it.
  [ $fresh = 1 ] && stop_packaged_service prometheus
  local check
  check=$(promtool check config "$CONFIG" 2>&1) || { echo "$check" >&2; die "promtool rejects $CONFIG"; }
  if pid_alive "$PIDFILE" "$PATTERN" || adopt_listener "$PIDFILE" "$PATTERN" "$PORT"; then
    # Already running: pick up any change to the config (validated above).
    curl -fsS -m 5 -X POST "$URL/-/reload" >/dev/null || die "running, but /-/reload failed"
    wait_until "$TIMEOUT" "ready at $URL" ready || die "not ready after ${TIMEOUT}s: see $LOG"
    status
    return 0
  fi
  port_open 127.0.0.1 "$PORT" && die "port $PORT is taken by another process; stop it first"
  mkdir -p "$DIR/data"
  say "starting prometheus (log: $LOG)"
  # setsid: the server outlives the shell (and process group) that started it.
  setsid nohup prometheus --config.file="$CONFIG" \
    --storage.tsdb.path="$DIR/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="127.0.0.1:$PORT" --web.enable-lifecycle \
    >"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_until "$TIMEOUT" "ready at $URL" ready || {
    tail -20 "$LOG" >&2
    die "not ready after ${TIMEOUT}s: see $LOG"
  }
  status
}

down() {
  pid_alive "$PIDFILE" "$PATTERN" || adopt_listener "$PIDFILE" "$PATTERN" "$PORT" || true
  if stop_pid "$PIDFILE" "$PATTERN" 30; then
    say "stopped"
  else
    say "not running"
  fi
}

status() {
  pid_alive "$PIDFILE" "$PATTERN" || adopt_listener "$PIDFILE" "$PATTERN" "$PORT" \
    || { say "not running"; return 1; }
  ready || { say "process $(cat "$PIDFILE") is up but $URL/-/ready does not answer"; return 1; }
  say "running: $(prometheus --version 2>&1 | head -1 | cut -d' ' -f1-3) at $URL, pid $(cat "$PIDFILE")"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export PARTYORG_PROMETHEUS_URL=$URL" ;;
  *) usage env ;;
esac
