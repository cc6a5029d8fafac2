#!/usr/bin/env bash
# PostgreSQL from Debian's packages: the cluster "main" on 127.0.0.1:5432, with role
# partyorg (password partyorg) owning databases partyorg and partyorg_test.
#   deploy/local/postgres.sh up|down|status|env
set -euo pipefail
SERVER=postgres
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

PORT=5432
ROLE=partyorg
DATABASES=(partyorg partyorg_test)
DSN="postgresql://$ROLE:$ROLE@127.0.0.1:$PORT/partyorg_test"

pg_version() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
    | sort -V | tail -1)
  [ -n "$dir" ] || return 1
  basename "$(dirname "$(dirname "$dir")")"
}

cluster_online() { pg_lsclusters -h "$1" main 2>/dev/null | awk '{print $4}' | grep -qx online; }

as_postgres() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

# Our settings go in a conf.d drop-in (Debian's postgresql.conf includes conf.d/), so the
# packaged file stays untouched. Returns 1 when the drop-in changed.
write_settings() {
  local file="/etc/postgresql/$1/main/conf.d/partyorg.conf"
  # two provinces of `make up` hold about 90 connections at rest (platform.sh), the tests more
  local want="# written by deploy/local/postgres.sh
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 300"
  [ -f "$file" ] && [ "$(cat "$file")" = "$want" ] && return 0
  say "writing $file"
  printf '%s\n' "$want" >"$file"
  return 1
}

up() {
  apt_install postgresql
  local ver
  ver=$(pg_version) || die "postgresql is installed but no server binary was found under /usr/lib/postgresql"
  if ! pg_lsclusters -h "$ver" main >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h "$ver" main)" ]; then
    say "creating cluster $ver/main"
    pg_createcluster "$ver" main --port "$PORT" >/dev/null
  fi
  local changed=0
  write_settings "$ver" || changed=1
  if cluster_online "$ver"; then
    if [ $changed = 1 ]; then
      say "restarting cluster $ver/main for the new settings"
      pg_ctlcluster "$ver" main restart
    fi
  else
    port_open 127.0.0.1 "$PORT" && die "port $PORT is taken by another process; stop it first"
    say "starting cluster $ver/main"
    pg_ctlcluster "$ver" main start \
      || die "pg_ctlcluster $ver main start failed: see /var/log/postgresql/postgresql-$ver-main.log"
  fi
  wait_until 30 "accepting connections on 127.0.0.1:$PORT" pg_isready -q -h 127.0.0.1 -p "$PORT" \
    || die "not accepting connections after 30s: see /var/log/postgresql/postgresql-$ver-main.log"

  if [ -z "$(as_postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
    say "creating role $ROLE"
    # CREATEDB so test suites can make throwaway databases of their own.
    as_postgres -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$ROLE'"
  fi
  local db
  for db in "${DATABASES[@]}"; do
    if [ -z "$(as_postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      say "creating database $db"
      as_postgres -c "CREATE DATABASE $db OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0"
    fi
  done
  status
}

down() {
  local ver
  if ! ver=$(pg_version) || ! cluster_online "$ver"; then
    say "not running"
    return 0
  fi
  say "stopping cluster $ver/main"
  pg_ctlcluster "$ver" main stop -m fast
}

status() {
  local ver
  ver=$(pg_version) || { say "not installed"; return 1; }
  cluster_online "$ver" || { say "cluster $ver/main is down"; return 1; }
  PGPASSWORD=$ROLE psql -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d partyorg_test -tAc 'SELECT 1' \
    >/dev/null 2>&1 || { say "cluster $ver/main is up but $ROLE cannot log in to partyorg_test"; return 1; }
  say "running: PostgreSQL $ver on 127.0.0.1:$PORT, databases ${DATABASES[*]}"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export PARTYORG_PG_DSN=$DSN" ;;
  *) usage env ;;
esac
