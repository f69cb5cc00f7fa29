#!/usr/bin/env bash
# The run command (npm start): Node 24, dependencies, build, the local Kafka broker (unless
# KAFKA_BROKERS names one), the four service databases, then the four services on 3001–3004.
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
# A local run is development: the development keys of the README work (and nowhere else).
export NODE_ENV="${NODE_ENV:-development}"

SERVICES=(inventory planning execution monitoring)
PORTS=(3001 3002 3003 3004)
lock="${XDG_CACHE_HOME:-$HOME/.cache}/upgrade-control/run/system.pid"
mkdir -p "$(dirname "$lock")"
if [[ -f $lock ]] && kill -0 "$(cat "$lock")" 2>/dev/null; then
  echo "Upgrade Control is already running (pid $(cat "$lock")); stop it with Ctrl-C in its terminal first." >&2
  exit 1
fi
for port in "${PORTS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use; is another Upgrade Control running? (set INVENTORY_PORT … to move)" >&2
    exit 1
  fi
done
echo $$ > "$lock"

pids=()
started_broker=""
shutdown() {
  trap - INT TERM EXIT
  echo; echo "stopping services…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n $started_broker ]] && bash scripts/kafka.sh stop
  rm -f "$lock"
}
trap shutdown INT TERM EXIT

if [[ -z ${KAFKA_BROKERS:-} ]]; then
  bash scripts/kafka.sh status >/dev/null || started_broker=yes
  bash scripts/kafka.sh start
  export KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-9092}
fi
# A local system runs the demo, whose windows open seconds after scheduling: users need only be
# told before the window. A real deployment sets its own lead times (minutes per urgency).
export NOTICE_LEAD_TIMES="${NOTICE_LEAD_TIMES-optional=0,planned=0,expedited=0}"
# The demo watches each upgrade for a minute or two, not for the policy's hours or days: it sets
# that short monitoring minimum here, explicitly. A real deployment keeps the policy's minimums.
export MONITORING_MINIMUM_MINUTES="${MONITORING_MINIMUM_MINUTES-low=1,medium=1,high=1,critical=1}"
npm run build --silent
node scripts/prepare-databases.mjs
# Development has a Prometheus for the metric analysis (issue 17) scraping the demo's exporter,
# unless PROMETHEUS_URL names the user's own; without the package (and no root to install it),
# analyses read pushed samples only, and the demo says so.
if [[ $NODE_ENV == development && -z ${PROMETHEUS_URL:-} ]]; then
  prometheus_port=${PROMETHEUS_PORT:-19090}
  if (exec 3<>"/dev/tcp/127.0.0.1/$prometheus_port") 2>/dev/null; then
    echo "port $prometheus_port is in use: no local Prometheus (set PROMETHEUS_PORT, or PROMETHEUS_URL for your own)" >&2
  elif bash scripts/ensure-debian-package.sh prometheus prometheus "the demo's metric analysis"; then
    prometheus_data="$(dirname "$lock")/prometheus"
    rm -rf "$prometheus_data"
    node scripts/prometheus.mjs --port "$prometheus_port" --data "$prometheus_data" \
      --target "127.0.0.1:${DEMO_EXPORTER_PORT:-19464}" &
    pids+=($!)
    export PROMETHEUS_URL=http://127.0.0.1:$prometheus_port
  fi
fi

for i in "${!SERVICES[@]}"; do
  service=${SERVICES[$i]}
  node --enable-source-maps --disable-warning=TimeoutNegativeWarning "dist/$service/src/main.js" &
  pids+=($!)
done

for i in "${!SERVICES[@]}"; do
  port=${PORTS[$i]}
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
done
echo
echo "Upgrade Control is running (Ctrl-C stops it):"
for i in "${!SERVICES[@]}"; do
  printf '  %-11s http://127.0.0.1:%s/docs   (OpenAPI: /openapi.json)\n' "${SERVICES[$i]}" "${PORTS[$i]}"
done
echo "  dashboard   http://127.0.0.1:3004/dashboard   (sign in with a key below)"
[[ -n ${PROMETHEUS_URL:-} ]] && echo "  prometheus  $PROMETHEUS_URL   (monitoring's metric analyses read it)"
echo "  development API keys: dev-planner, dev-approver, dev-approver-2, dev-operator, dev-observer, dev-auditor (header x-api-key)"
wait -n "${pids[@]}" || true
echo "a service exited; stopping the rest" >&2
