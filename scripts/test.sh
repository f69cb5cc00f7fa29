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

jest() {
  node --experimental-vm-modules --no-warnings=ExperimentalWarning --disable-warning=TimeoutNegativeWarning \
    node_modules/jest/bin/jest.js --maxWorkers=1 --json "$@"
}
# One test file at a time per jest (--maxWorkers=1), in a worker that jest replaces once it holds
# more than workerIdleMemoryLimit (jest.config.js): ESM test modules are never freed, and one
# process running every file in band ran out of heap.
reports=()
status=0
if [[ $# -gt 0 ]]; then
  reports+=("$(mktemp -t uc-jest.XXXXXX.json)")
  jest --outputFile="${reports[0]}" "$@" || status=$?
else
  # The staged upgrade's end-to-end walks spend most of their minutes waiting for its windows, bake
  # and monitoring period (only the clock opens them): they run beside the other files instead of
  # after them. The fault suite, which stops and restarts its own broker, follows them, so that it
  # mostly runs once the other files are done.
  WALKS='test/e2e/(upgrade-lifecycle|dashboard|rebuild)\.test\.ts$'
  reports+=("$(mktemp -t uc-jest.XXXXXX.json)" "$(mktemp -t uc-jest.XXXXXX.json)" "$(mktemp -t uc-jest.XXXXXX.json)")
  (
    walked=0
    jest --outputFile="${reports[0]}" --testPathPatterns "$WALKS" || walked=$?
    jest --outputFile="${reports[1]}" --testPathPatterns 'test/faults/' || exit $?
    exit $walked
  ) &
  walks=$!
  jest --outputFile="${reports[2]}" --testPathIgnorePatterns '/node_modules/' "$WALKS" 'test/faults/' || status=$?
  wait $walks || status=$?
fi
# One plain summary line that any CI can read, over every jest run (a run that never wrote its
# report counts as a failure through its exit status).
node -e 'const fs = require("fs"); let p = 0, f = 0, s = 0;
  for (const file of process.argv.slice(1)) {
    const text = fs.readFileSync(file, "utf8"); if (!text) continue;
    const r = JSON.parse(text); p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests;
  }
  console.log(`tests: ${p} passed, ${f} failed, ${s} skipped`);' "${reports[@]}" || true
rm -f "${reports[@]}"
exit $status
