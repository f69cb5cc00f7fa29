#!/usr/bin/env bash
# The test command (npm test): unit, integration and end-to-end tests against a real Kafka broker
# and a real PostgreSQL. Uses KAFKA_BROKERS / DATABASE_URL_BASE when set; otherwise, without a
# Docker engine, starts the project's own KRaft broker (on a separate port with throwaway data)
# and uses the local PostgreSQL at 127.0.0.1:5432. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
# Tests run as "test": the development keys work; tests of production settings set their own.
export NODE_ENV=test

started_broker=""
cleanup() { if [[ -n $started_broker ]]; then KAFKA_PORT=$started_broker bash scripts/kafka.sh stop >/dev/null || true; rm -rf "$KAFKA_DATA_DIR"; fi; }
trap cleanup EXIT

docker_answers() { command -v docker >/dev/null && timeout 5 docker info >/dev/null 2>&1; }

if [[ -z ${KAFKA_BROKERS:-} ]] && ! docker_answers; then
  export KAFKA_PORT=${TEST_KAFKA_PORT:-19092} KAFKA_CONTROLLER_PORT=${TEST_KAFKA_CONTROLLER_PORT:-19093}
  export KAFKA_DATA_DIR; KAFKA_DATA_DIR=$(mktemp -d -t uc-test-kafka.XXXXXX)
  bash scripts/kafka.sh start
  started_broker=$KAFKA_PORT
  export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
fi
if [[ -z ${DATABASE_URL_BASE:-} ]] && ! docker_answers && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export DATABASE_URL_BASE=postgres://postgres@127.0.0.1:5432
fi

# docker-compose.yml is checked by `docker compose config`; without Docker, Debian's standalone
# docker-compose (no engine, --no-install-recommends) parses it just the same.
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
  bash scripts/ensure-debian-package.sh docker-compose docker-compose "the docker-compose.yml check" || true
fi

# The dashboard's test drives Debian's Chromium and the metric analysis tests start Debian's
# Prometheus; a machine without them gets them here.
bash scripts/ensure-debian-package.sh chromium chromium "the dashboard's browser test" || true
bash scripts/ensure-debian-package.sh prometheus prometheus "the metric analysis tests" || true

npm run build --silent
# One test file at a time (--maxWorkers=1), in a worker that jest replaces once it holds more than
# workerIdleMemoryLimit (jest.config.js): ESM test modules are never freed, and one process running
# every file in band ran out of heap.
report=$(mktemp -t uc-jest.XXXXXX.json)
status=0
node --experimental-vm-modules --no-warnings=ExperimentalWarning --disable-warning=TimeoutNegativeWarning \
  node_modules/jest/bin/jest.js --maxWorkers=1 --json --outputFile="$report" "$@" || status=$?
# One plain summary line that any CI can read.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);' "$report" || true
rm -f "$report"
exit $status
