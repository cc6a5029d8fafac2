# shellcheck shell=bash
# Shared helpers for the deploy/local server scripts. Source it; do not run it.
# Each script installs what it needs from Debian's packages or Maven Central,
# then starts its server in the background: nothing here relies on systemd.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VAR="$ROOT/var"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/partyorg"
export DEBIAN_FRONTEND=noninteractive

say() { printf '[%s] %s\n' "${SERVER:-local}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${SERVER:-local}" "$*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" = 0 ] && return 0
  die "installing and starting $1 needs root (apt-get, the server's system user): run as root"
}

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

# apt-get update at most once every 6 hours, and only when something must be installed:
# a fresh machine's package lists may name versions the mirror no longer serves.
apt_update_once() {
  local stamp="$CACHE/apt-updated"
  mkdir -p "$CACHE"
  if [ -z "$(find "$stamp" -mmin -360 2>/dev/null)" ]; then
    say "apt-get update"
    apt-get -o DPkg::Lock::Timeout=120 update -qq || die "apt-get update failed"
    touch "$stamp"
  fi
}

# Install Debian packages that are missing; no recommends (they would start extra daemons).
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do is_installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "${missing[*]}"
  apt_update_once
  say "installing ${missing[*]} from Debian's packages"
  apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "${missing[@]}" \
    >"$CACHE/apt-install.log" 2>&1 \
    || { tail -20 "$CACHE/apt-install.log" >&2; die "apt-get install ${missing[*]} failed"; }
}

# A package's postinst may start its daemon where policy allows (not in containers whose
# policy-rc.d denies it); ours runs with the project's config instead.
stop_packaged_service() {
  if [ -d /run/systemd/system ]; then
    systemctl disable --now "$1" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$1" ]; then
    "/etc/init.d/$1" stop >/dev/null 2>&1 || true
  fi
}

# wait_until SECONDS DESCRIPTION COMMAND...: poll COMMAND every half second.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.5
  done
  say "$what (${SECONDS}s into this script)"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pid_alive PIDFILE PATTERN: the pid in PIDFILE is running and its command line has PATTERN,
# so a recycled pid is not mistaken for our server.
pid_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# adopt_listener PIDFILE PATTERN PORT: when PORT is held by a process matching PATTERN (our
# server, started from another checkout or with its pid file lost), record its pid as ours.
adopt_listener() {
  local pid
  pid=$(ss -Hltnp "sport = :$3" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2" || return 1
  say "adopting the server already listening on :$3 (pid $pid, started in $(readlink "/proc/$pid/cwd"))"
  mkdir -p "$(dirname "$1")"
  echo "$pid" >"$1"
}

# stop_pid PIDFILE PATTERN SECONDS: TERM, wait, then KILL what is still there.
stop_pid() {
  local pidfile=$1 pattern=$2 grace=$3 pid
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 1
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after ${grace}s: kill -9 $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

usage() {
  echo "usage: $0 up|down|status${1:+|$1}" >&2
  exit 2
}

ALL_SERVERS=(postgres rabbitmq kafka prometheus)
LOCAL_ENV="$VAR/local-env.sh"

# var/local-env.sh: the exports of every server that answers now; removed when none does,
# so a stale file never points the tests at stopped servers. Servers named as arguments are
# known to be up (just started) and are not asked again.
write_local_env() {
  local name lines=()
  for name in "${ALL_SERVERS[@]}"; do
    if [[ " $* " == *" $name "* ]] || "$ROOT/deploy/local/$name.sh" status 2>/dev/null; then
      lines+=("$("$ROOT/deploy/local/$name.sh" env)")
    fi
  done
  mkdir -p "$VAR"
  if [ ${#lines[@]} -eq 0 ]; then
    rm -f "$LOCAL_ENV"
    return 0
  fi
  {
    echo "# written by deploy/local/up.sh and down.sh: the real servers now running"
    printf '%s\n' "${lines[@]}"
  } >"$LOCAL_ENV.tmp"
  mv "$LOCAL_ENV.tmp" "$LOCAL_ENV"
}
