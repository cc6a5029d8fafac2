#!/usr/bin/env bash
# The distributed topology of one province deployment, as separate processes on the real servers
# started by up.sh: for membership and for meetings each, the service (nameko RPC over RabbitMQ),
# the outbox relay (store -> Kafka) and the projection worker (Kafka -> PostgreSQL read models;
# meetings' also follows membership's topic); then the GraphQL gateway.
#   deploy/local/platform.sh up|down|status
# Logs: var/log/<process>.log (JSON). Pids: var/run/<process>.pid.
set -euo pipefail
# shellcheck disable=SC2034 # read by say() in lib.sh
SERVER=platform
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

# process -> the port that tells it is ready (metrics endpoint; the gateway's /healthz)
PROCESSES=(membership_service relay projections meetings_service meetings_relay
  meetings_projections gateway)
declare -A PORT=([membership_service]=8101 [relay]=8110 [projections]=8120
  [meetings_service]=8102 [meetings_relay]=8111 [meetings_projections]=8121 [gateway]=8000)
RUN="$VAR/run"
LOG="$VAR/log"

up() {
  [ -f "$LOCAL_ENV" ] || die "no var/local-env.sh: start the servers first (deploy/local/up.sh)"
  set -a
  # shellcheck source=/dev/null
  . "$LOCAL_ENV"
  set +a
  export PARTYORG_PROVINCE="${PARTYORG_PROVINCE:-NB}"
  mkdir -p "$RUN" "$LOG"
  local p
  for p in "${PROCESSES[@]}"; do
    if pid_alive "$RUN/$p.pid" "partyorg.processes.$p"; then
      say "$p already running (pid $(cat "$RUN/$p.pid"))"
      continue
    fi
    port_open 127.0.0.1 "${PORT[$p]}" && die "port ${PORT[$p]} is taken: cannot start $p"
    say "starting $p"
    nohup "$ROOT/.venv/bin/python" -m "partyorg.processes.$p" >>"$LOG/$p.log" 2>&1 &
    echo $! >"$RUN/$p.pid"
    wait_until 60 "$p on :${PORT[$p]}" port_open 127.0.0.1 "${PORT[$p]}" \
      || { tail -20 "$LOG/$p.log" >&2; die "$p did not start (log: var/log/$p.log)"; }
  done
  "$ROOT/.venv/bin/python" -m partyorg.processes.province
}

down() {
  local p
  for i in $(seq $((${#PROCESSES[@]} - 1)) -1 0); do
    p=${PROCESSES[$i]}
    if stop_pid "$RUN/$p.pid" "partyorg.processes.$p" 20; then say "stopped $p"; fi
  done
}

status() {
  local p
  for p in "${PROCESSES[@]}"; do
    if pid_alive "$RUN/$p.pid" "partyorg.processes.$p"; then
      echo "$p: running (pid $(cat "$RUN/$p.pid"), :${PORT[$p]})"
    else
      echo "$p: stopped"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) usage ;;
esac
