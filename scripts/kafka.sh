#!/usr/bin/env bash
# A real single-node KRaft Apache Kafka broker without Docker, assembled from Maven Central.
#   scripts/kafka.sh install | start | stop | status
# Settings (environment): KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_DATA_DIR (kept between runs: the log is the audit record), KAFKA_HEAP (512m),
# KAFKA_SECURITY: plaintext (the default) or scram-tls: SASL/SCRAM-SHA-512 over TLS with ACLs, one
# user per service; CA, keystore and passwords are generated into the data dir, and the client
# settings are written to <data dir>/client.env (ADR 0018). KAFKA_TOPIC_PREFIX names the topics
# the ACLs are for, KAFKA_PARTITIONS their partitions.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/upgrade-control"
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")
home="$cache/kafka-$version"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
run="$cache/run"
pidfile="$run/kafka-$port.pid"
logfile="$run/kafka-$port.log"
security="${KAFKA_SECURITY:-plaintext}"
case "$security" in plaintext|scram-tls) ;; *) echo "kafka: KAFKA_SECURITY must be plaintext or scram-tls" >&2; exit 2 ;; esac
# A log formatted without SCRAM users cannot become a secure broker: each mode has its own default.
suffix=""; [[ $security == scram-tls ]] && suffix=-scram-tls
data="${KAFKA_DATA_DIR:-$cache/kafka-data-$port$suffix}"

install() {
  [[ -f "$home/.complete" ]] && return 0
  echo "kafka: resolving Apache Kafka $version from Maven Central into $home" >&2
  rm -rf "$home" && mkdir -p "$home/libs"
  mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$home/libs"
  touch "$home/.complete"
}

running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

java_cmd() {
  exec java -Xms"${KAFKA_HEAP:-512m}" -Xmx"${KAFKA_HEAP:-512m}" -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$here/kafka/log4j2.yaml" -cp "$home/libs/*" "$@"
}

start() {
  install
  if running; then echo "kafka: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "kafka: port $port is taken by another process; set KAFKA_PORT or KAFKA_BROKERS" >&2; return 1
  fi
  mkdir -p "$run" "$data"
  local config="$data/server.properties" format_args=()
  local templates=("$here/kafka/server.properties")
  if [[ $security == scram-tls ]]; then
    # shellcheck source=kafka/scram-tls.sh
    . "$here/kafka/scram-tls.sh"
    scram_tls_material "$data"
    templates+=("$here/kafka/scram-tls.properties")
    format_args=($(scram_tls_format_args "$data"))
  fi
  cat "${templates[@]}" | sed -e "s:@PORT@:$port:g" -e "s:@CONTROLLER_PORT@:$controller_port:g" \
    -e "s:@DATA_DIR@:$data/log:g" -e "s:@TLS_DIR@:$data/tls:g" \
    -e "s:@ADMIN_PASSWORD@:$(secret "$data" admin):g" -e "s:@KEYSTORE_PASSWORD@:$(secret "$data" keystore):g" > "$config"
  chmod 600 "$config"
  if [[ ! -f "$data/log/meta.properties" ]]; then
    (java_cmd kafka.tools.StorageTool format --ignore-formatted "${format_args[@]}" \
      --cluster-id "$(java_cmd kafka.tools.StorageTool random-uuid)" --config "$config" >/dev/null)
  fi
  (java_cmd kafka.Kafka "$config" >"$logfile" 2>&1 </dev/null) &
  echo $! > "$pidfile"
  echo "kafka: starting ($security) on 127.0.0.1:$port (log $logfile)" >&2
  if ! admin_env node --disable-warning=TimeoutNegativeWarning "$here/kafka-ready.mjs" "127.0.0.1:$port"; then
    echo "kafka: broker did not become ready; last log lines:" >&2; tail -30 "$logfile" >&2; stop; return 1
  fi
  if [[ $security == scram-tls ]] && ! scram_tls_provision "$data"; then
    echo "kafka: could not create the topics and ACLs" >&2; stop; return 1
  fi
  echo "kafka: ready ($security) on 127.0.0.1:$port"
}

# Plaintext: no settings. scram-tls: the admin user, for the readiness probe and the ACL setup.
secret() { [[ -f "$1/secrets/$2" ]] && cat "$1/secrets/$2" || true; }
admin_env() {
  if [[ $security == scram-tls ]]; then
    KAFKA_SSL=true KAFKA_SSL_CA_FILE="$data/tls/ca.pem" KAFKA_SASL_MECHANISM=scram-sha-512 \
      KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$(secret "$data" admin)" "$@"
  else
    "$@"
  fi
}

stop() {
  running || { rm -f "$pidfile"; echo "kafka: not running"; return 0; }
  local pid; pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "kafka: stopped"
}

status() { if running; then echo "kafka: running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; else echo "kafka: not running"; return 3; fi; }

case "${1:-}" in
  install|start|stop|status) "$1" ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
