#!/usr/bin/env bash
# The distributed topology of one province deployment, as separate processes on the real servers
# started by up.sh: for each declared service (partyorg/services.py) its service process (nameko
# RPC over RabbitMQ), its outbox relay (store -> Kafka) and its projection worker (Kafka ->
# PostgreSQL read models, following the topics of the services it reads); then the GraphQL gateway.
#   deploy/local/platform.sh up|down|status
# Logs: var/log/<process>.log (JSON). Pids: var/run/<process>.pid. A process is
# <service>-service, <service>-relay, <service>-projections or gateway.
set -euo pipefail
# shellcheck disable=SC2034 # read by say() in lib.sh
SERVER=platform
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

PYTHON="$ROOT/.venv/bin/python"
RUN="$VAR/run"
LOG="$VAR/log"

# One line per process, in start order: name, the port that tells it is ready (its metrics
# endpoint; the gateway's HTTP port), module, and the service it runs (none for the gateway).
process_lines() {
  local listing
  listing=$("$PYTHON" -m partyorg.manifests --processes) \
    || die "cannot list the processes (python -m partyorg.manifests --processes)"
  printf '%s\n' "$listing"
}

# What a running process's command line ends with: tells ours from a recycled pid.
pattern() { echo "-m $1 ${2:+$2 }"; }

port_of() { # the gateway listens where PARTYORG_GATEWAY_PORT says
  if [ "$1" = gateway ]; then echo "${PARTYORG_GATEWAY_PORT:-$2}"; else echo "$2"; fi
}

up() {
  [ -f "$LOCAL_ENV" ] || die "no var/local-env.sh: start the servers first (deploy/local/up.sh)"
  set -a
  # shellcheck source=/dev/null
  . "$LOCAL_ENV"
  set +a
  export PARTYORG_PROVINCE="${PARTYORG_PROVINCE:-NB}"
  mkdir -p "$RUN" "$LOG"
  local lines name port module service
  lines=$(process_lines)
  while read -r name port module service; do
    port=$(port_of "$name" "$port")
    if pid_alive "$RUN/$name.pid" "$(pattern "$module" "$service")"; then
      say "$name already running (pid $(cat "$RUN/$name.pid"))"
      continue
    fi
    port_open 127.0.0.1 "$port" && die "port $port is taken: cannot start $name"
    say "starting $name"
    # shellcheck disable=SC2086 # $service: one word, or none for the gateway
    nohup "$PYTHON" -m "$module" $service >>"$LOG/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN/$name.pid"
    wait_until 60 "$name on :$port" port_open 127.0.0.1 "$port" \
      || { tail -20 "$LOG/$name.log" >&2; die "$name did not start (log: var/log/$name.log)"; }
  done <<<"$lines"
  "$PYTHON" -m partyorg.processes.province
}

down() {
  local lines name port module service
  lines=$(process_lines | tac)  # the gateway first, each service's processes in reverse
  while read -r name port module service; do
    if stop_pid "$RUN/$name.pid" "$(pattern "$module" "$service")" 20; then say "stopped $name"; fi
  done <<<"$lines"
}

status() {
  local lines name port module service
  lines=$(process_lines)
  while read -r name port module service; do
    if pid_alive "$RUN/$name.pid" "$(pattern "$module" "$service")"; then
      echo "$name: running (pid $(cat "$RUN/$name.pid"), :$(port_of "$name" "$port"))"
    else
      echo "$name: stopped"
    fi
  done <<<"$lines"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) usage ;;
esac
