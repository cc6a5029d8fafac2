#!/usr/bin/env bash
# RabbitMQ from Debian's packages, node rabbit@localhost on 127.0.0.1:5672 (user guest,
# which RabbitMQ only admits from loopback).
#   deploy/local/rabbitmq.sh up|down|status|env
set -euo pipefail
SERVER=rabbitmq
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

PORT=5672
URI="amqp://guest:guest@127.0.0.1:$PORT/"
ENV_FILE=/etc/rabbitmq/rabbitmq-env.conf
TIMEOUT=60

# A fixed node name keeps the node (and its data directory) the same whatever the machine's
# hostname is, and binds AMQP to loopback only.
ENV_WANTED="# written by deploy/local/rabbitmq.sh
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=$PORT"
env_file_current() { [ -f "$ENV_FILE" ] && [ "$(cat "$ENV_FILE")" = "$ENV_WANTED" ]; }

answers() { timeout 15 rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

# The node answers pings before its AMQP listener is up; wait for both.
ready() { answers && port_open 127.0.0.1 "$PORT"; }

up() {
  apt_install rabbitmq-server
  if ! env_file_current; then
    if answers; then
      # A node started under the package's defaults (where its postinst may start one).
      say "stopping the node started with the package's defaults"
      rabbitmqctl -q shutdown >/dev/null 2>&1 || true
    fi
    say "writing $ENV_FILE"
    mkdir -p "$(dirname "$ENV_FILE")"
    printf '%s\n' "$ENV_WANTED" >"$ENV_FILE"
  fi
  if ready; then
    say_running
    return 0
  fi
  port_open 127.0.0.1 "$PORT" && die "port $PORT is taken by a process that is not this node"
  if ! answers; then
    say "starting rabbitmq-server -detached"
    rabbitmq-server -detached
  fi
  wait_until "$TIMEOUT" "answering on 127.0.0.1:$PORT" ready \
    || die "no answer after ${TIMEOUT}s: see /var/log/rabbitmq/ (rabbit@localhost.log)"
  say_running
}

down() {
  if ! answers; then
    say "not running"
    return 0
  fi
  say "stopping the node"
  # shutdown waits until the Erlang VM has exited, unlike stop_app.
  rabbitmqctl -q shutdown >/dev/null
}

status() {
  answers || { say "not running"; return 1; }
  port_open 127.0.0.1 "$PORT" || { say "node answers but AMQP is not listening on $PORT"; return 1; }
  say_running
}

say_running() {
  local ver
  ver=$(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?')
  say "running: RabbitMQ $ver, node rabbit@localhost, AMQP on 127.0.0.1:$PORT"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export PARTYORG_AMQP_URI=$URI" ;;
  *) usage env ;;
esac
