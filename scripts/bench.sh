#!/usr/bin/env bash
# npm run bench: builds, uses KAFKA_BROKERS or starts the local broker (throwaway data), runs bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
# The bench drives local services with the development keys.
export NODE_ENV=development
started=""
cleanup() { if [[ -n $started ]]; then KAFKA_PORT=$started bash scripts/kafka.sh stop >/dev/null || true; rm -rf "$KAFKA_DATA_DIR"; fi; }
trap cleanup EXIT
if [[ -z ${KAFKA_BROKERS:-} ]]; then
  export KAFKA_PORT=${BENCH_KAFKA_PORT:-29092} KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-29093}
  export KAFKA_DATA_DIR; KAFKA_DATA_DIR=$(mktemp -d -t uc-bench-kafka.XXXXXX)
  bash scripts/kafka.sh start
  started=$KAFKA_PORT
  export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
fi
npm run build --silent
node --disable-warning=TimeoutNegativeWarning bench/run.mjs
