# Sourced: Node 24 on PATH and node_modules matching package-lock.json.
here_deps=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here_deps/scripts/node-env.sh"
if [ ! -f "$here_deps/node_modules/.package-lock.json" ] || [ "$here_deps/package-lock.json" -nt "$here_deps/node_modules/.package-lock.json" ]; then
  echo "installing dependencies (npm ci)" >&2
  (cd "$here_deps" && npm ci --no-audit --no-fund --loglevel=error)
fi
