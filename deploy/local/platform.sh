#!/usr/bin/env bash
# The province deployments `make up` runs side by side on the real servers started by up.sh, and
# the federation gateway over them. For each province (partyorg/local_provinces.py: NB, HUE), for
# each declared service (partyorg/services.py) its service process (nameko RPC over RabbitMQ),
# its outbox relay (store -> Kafka) and its projection worker (Kafka -> PostgreSQL read models,
# following the topics of the services it reads); then the province's GraphQL gateway. Each
# province has its own database, topics, RPC names, consumer groups, ports and keys; the
# federation (python -m partyorg.federated) answers on the port after the last province's gateway.
#   deploy/local/platform.sh up|down|status
# Logs: var/log/<province>/<process>.log (JSON), var/log/federation.log. Pids: var/run/<province>/
# <process>.pid, var/run/federation.pid. A process is <service>-service, <service>-relay,
# <service>-projections or gateway. PARTYORG_VAR_DIR moves var/ (a test's own run).
set -euo pipefail
# shellcheck disable=SC2034 # read by say() in lib.sh
SERVER=platform
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

PYTHON="$ROOT/.venv/bin/python"
VAR="${PARTYORG_VAR_DIR:-$VAR}"
LOCAL_ENV="$VAR/local-env.sh"
export PARTYORG_VAR_DIR="$VAR"  # where partyorg.local_provinces puts the keys
FEDERATION_PATTERN="-m partyorg.federated "

load_servers() {
  [ -f "$LOCAL_ENV" ] || die "no $LOCAL_ENV: start the servers first (deploy/local/up.sh)"
  set -a
  # shellcheck source=/dev/null
  . "$LOCAL_ENV"
  set +a
}

provinces() {
  "$PYTHON" -m partyorg.local_provinces codes || die "cannot list the provinces"
}

# The province's settings, exported into this (sub)shell: partyorg/local_provinces.py says them.
province_env() {
  local exports
  exports=$("$PYTHON" -m partyorg.local_provinces env "$1") \
    || die "cannot tell province $1's settings (python -m partyorg.local_provinces env $1)"
  eval "$exports"
}

# One line per process, in start order: name, the port that tells it is ready (its metrics
# endpoint, moved by PARTYORG_METRICS_PORT_OFFSET; the gateway's HTTP port), module, and the
# service it runs (none for the gateway).
process_lines() {
  local listing
  listing=$("$PYTHON" -m partyorg.manifests --processes) \
    || die "cannot list the processes (python -m partyorg.manifests --processes)"
  printf '%s\n' "$listing"
}

# What a running process's command line ends with: tells ours from a recycled pid.
pattern() { echo "-m $1 ${2:+$2 }"; }

# await_port PID PORT WHAT LOG: until PORT answers; fails at once when the process exited.
await_port() {
  local deadline=$((SECONDS + 60))
  until port_open 127.0.0.1 "$2"; do
    kill -0 "$1" 2>/dev/null || { tail -20 "$4" >&2; die "$3 exited (log: $4)"; }
    [ $SECONDS -ge $deadline ] && { tail -20 "$4" >&2; die "$3 did not start in 60s (log: $4)"; }
    sleep 0.5
  done
  say "$3 on :$2 (${SECONDS}s into this script)"
}

port_of() { # the gateway listens where PARTYORG_GATEWAY_PORT says
  if [ "$1" = gateway ]; then echo "${PARTYORG_GATEWAY_PORT:-$2}"; else echo "$2"; fi
}

# Run in a subshell: the province's settings stay in it.
up_province() {
  local code=$1
  "$PYTHON" -m partyorg.local_provinces database "$code" \
    || die "cannot create province $code's database"
  province_env "$code"
  local run="$VAR/run/$code" log="$VAR/log/$code"
  mkdir -p "$run" "$log"
  local lines name port module service
  lines=$(process_lines)
  while read -r name port module service; do
    port=$(port_of "$name" "$port")
    if pid_alive "$run/$name.pid" "$(pattern "$module" "$service")"; then
      say "$code $name already running (pid $(cat "$run/$name.pid"))"
      continue
    fi
    port_open 127.0.0.1 "$port" && die "port $port is taken: cannot start $code $name"
    say "$code: starting $name"
    # shellcheck disable=SC2086 # $service: one word, or none for the gateway
    nohup "$PYTHON" -m "$module" $service >>"$log/$name.log" 2>&1 </dev/null &
    echo $! >"$run/$name.pid"
    await_port $! "$port" "$code $name" "$log/$name.log"
  done <<<"$lines"
  "$PYTHON" -m partyorg.processes.province
}

up_federation() {
  local args port
  mapfile -t args < <("$PYTHON" -m partyorg.local_provinces federation)
  [ "${args[0]:-}" = --port ] || die "cannot tell the federation's arguments"
  port=${args[1]}
  if pid_alive "$VAR/run/federation.pid" "$FEDERATION_PATTERN"; then
    say "federation already running (pid $(cat "$VAR/run/federation.pid"))"
  else
    port_open 127.0.0.1 "$port" && die "port $port is taken: cannot start the federation"
    mkdir -p "$VAR/run" "$VAR/log" "$VAR/federation"
    say "starting the federation"
    nohup "$PYTHON" -m partyorg.federated "${args[@]}" >>"$VAR/log/federation.log" 2>&1 </dev/null &
    echo $! >"$VAR/run/federation.pid"
    await_port $! "$port" "federation" "$VAR/log/federation.log"
  fi
  local codes
  codes=$(provinces)
  cat <<EOF

Federation over ${codes// / and }: http://127.0.0.1:$port/graphql (metrics: /metrics, health: /healthz)
Its tokens: one per province, comma-separated (each goes to its own province only):
  TOKENS=\$(make -s token UP=1),\$(make -s token UP=1 PROVINCE=HUE)
  curl -s http://127.0.0.1:$port/graphql -H "Authorization: Bearer \$TOKENS" \\
    -H 'Content-Type: application/json' -d '{"query":"{ provinces { code health } }"}'
Prometheus: http://127.0.0.1:9090 (every process labelled by province)

EOF
}

# The provinces start side by side (each its processes in order); each one's banner is shown
# once all are up, whole.
up() {
  load_servers
  local code failed="" banners
  local -A pids=()
  local starting=0
  for code in $(provinces); do  # a province whose gateway runs is up already
    pid_alive "$VAR/run/$code/gateway.pid" "$(pattern partyorg.processes.gateway)" \
      || starting=$((starting + 1))
  done
  "$PYTHON" -m partyorg.local_provinces connections "$starting" || die "not enough connections"
  # each province's peers file: the others' public keys and topics (transfers between them)
  "$PYTHON" -m partyorg.local_provinces peers || die "cannot write the provinces' peers files"
  banners=$(mktemp -d)
  for code in $(provinces); do
    ( up_province "$code" ) >"$banners/$code" &
    pids[$code]=$!
  done
  for code in $(provinces); do
    wait "${pids[$code]}" || failed="$failed $code"
    cat "$banners/$code"
  done
  rm -rf "$banners"
  [ -z "$failed" ] || die "province(s)$failed did not start: see above; \`$0 down\` stops the rest"
  up_federation
}

# stop PIDFILE PATTERN WHAT, in the background: every process is asked to stop at once (each
# finishes its batch in flight), then waited for, so `down` takes the slowest one's time.
stop() {
  { if stop_pid "$1" "$2" 20; then say "stopped $3"; fi; } &
}

down() {
  local code lines name port module service run
  lines=$(process_lines)
  stop "$VAR/run/federation.pid" "$FEDERATION_PATTERN" "the federation"
  for code in $(provinces) ""; do  # "": pids of a `make up` from before there were provinces
    run="$VAR/run${code:+/$code}"
    while read -r name port module service; do
      stop "$run/$name.pid" "$(pattern "$module" "$service")" "${code:-NB} $name"
    done <<<"$lines"
  done
  wait
}

status_province() { # in a subshell: the province's ports
  province_env "$1"
  local lines name port module service
  lines=$(process_lines)
  while read -r name port module service; do
    if pid_alive "$VAR/run/$1/$name.pid" "$(pattern "$module" "$service")"; then
      echo "$1 $name: running (pid $(cat "$VAR/run/$1/$name.pid"), :$(port_of "$name" "$port"))"
    else
      echo "$1 $name: stopped"
    fi
  done <<<"$lines"
}

status() {
  [ -f "$LOCAL_ENV" ] && load_servers
  local code
  for code in $(provinces); do
    ( status_province "$code" )
  done
  if pid_alive "$VAR/run/federation.pid" "$FEDERATION_PATTERN"; then
    echo "federation: running (pid $(cat "$VAR/run/federation.pid"))"
  else
    echo "federation: stopped"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) usage ;;
esac
