#!/usr/bin/env bash
# Start the real servers (all by default), then print their environment exports and write
# them to var/local-env.sh for the test suite:
#   deploy/local/up.sh [postgres] [rabbitmq] [kafka] [prometheus]
#   source var/local-env.sh        # or: eval "$(deploy/local/up.sh)"
# Progress goes to stderr; only the exports go to stdout. Exits non-zero, naming the server,
# when one cannot start.
set -euo pipefail
SERVER=up
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

servers=("$@")
[ ${#servers[@]} -eq 0 ] && servers=("${ALL_SERVERS[@]}")
for name in "${servers[@]}"; do
  [[ " ${ALL_SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (known: ${ALL_SERVERS[*]})"
done

for name in "${servers[@]}"; do
  started=$SECONDS
  "$ROOT/deploy/local/$name.sh" up || die "$name did not start (deploy/local/$name.sh up)"
  say "$name up in $((SECONDS - started))s"
done
write_local_env "${servers[@]}"
cat "$LOCAL_ENV"
