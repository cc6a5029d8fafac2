#!/usr/bin/env bash
# Stop the real servers (all by default) and rewrite var/local-env.sh for those still up:
#   deploy/local/down.sh [postgres] [rabbitmq] [kafka] [prometheus]
set -euo pipefail
SERVER=down
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

servers=("$@")
[ ${#servers[@]} -eq 0 ] && servers=("${ALL_SERVERS[@]}")
for name in "${servers[@]}"; do
  [[ " ${ALL_SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (known: ${ALL_SERVERS[*]})"
done

failed=()
# Reverse order: the scraper first, the database last.
for ((i = ${#servers[@]} - 1; i >= 0; i--)); do
  "$ROOT/deploy/local/${servers[i]}.sh" down || failed+=("${servers[i]}")
done
# shellcheck disable=SC2119  # no argument: ask every server
write_local_env
[ ${#failed[@]} -eq 0 ] || die "could not stop: ${failed[*]}"
