#!/usr/bin/env bash
# Re-vendor GraphiQL's browser assets from the npm registry (`npm pack`) into vendor/, so the
# page the gateway serves at /graphql loads nothing from the internet. Pinned versions: change
# them here, run this, then put each file's new `sha384-…` (printed below) in index.html's
# integrity attributes (gateway/tests/test_graphiql_offline.py checks they match).
#   gateway/static/graphiql/update.sh
set -euo pipefail
VENDOR=$(cd "$(dirname "$0")" && pwd)/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# npm package@version, then the files to keep (paths inside the package), into <name>@<version>/
vendor() {
  local spec=$1 folder=$2
  shift 2
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
  local tgz
  tgz=$(ls -t "$WORK"/*.tgz | head -1)
  rm -rf "$WORK/package" "${VENDOR:?}/$folder"
  tar xzf "$tgz" -C "$WORK"
  mkdir -p "$VENDOR/$folder"
  local file
  for file in "$@"; do
    cp "$WORK/package/$file" "$VENDOR/$folder/"
    echo "$folder/$(basename "$file") sha384-$(openssl dgst -sha384 -binary "$WORK/package/$file" | base64 -w0)"
  done
  rm -f "$tgz"
}

vendor react@18.2.0 react@18.2.0 umd/react.production.min.js LICENSE
vendor react-dom@18.2.0 react-dom@18.2.0 umd/react-dom.production.min.js LICENSE
vendor graphiql@3.8.3 graphiql@3.8.3 graphiql.min.js graphiql.min.css LICENSE
vendor @graphiql/plugin-explorer@1.0.2 graphiql-plugin-explorer@1.0.2 dist/index.umd.js dist/style.css
# the plugin's package ships no licence file: its package.json says MIT, and it is published
# from the graphql/graphiql repository, whose MIT licence graphiql's package carries
cp "$VENDOR/graphiql@3.8.3/LICENSE" "$VENDOR/graphiql-plugin-explorer@1.0.2/LICENSE"
