# Sourced by scripts/kafka.sh for KAFKA_SECURITY=scram-tls (ADR 0018): the TLS material, the
# SCRAM users, the topics and the ACLs of a local secure broker. Everything secret lives in the
# data dir (mode 700) and is made once, so a restart keeps the same CA and passwords.
SCRAM_USERS=(admin inventory planning execution monitoring audit)

# A CA and a broker certificate for 127.0.0.1/localhost (server and client use: the controller
# link is mutual TLS), the broker's PKCS12 keystore, and one random password per user.
scram_tls_material() {
  local data=$1 tls="$1/tls" secrets="$1/secrets"
  mkdir -p "$tls" "$secrets" && chmod 700 "$data" "$tls" "$secrets"
  for name in keystore "${SCRAM_USERS[@]}"; do
    [[ -f "$secrets/$name" ]] || (umask 077 && openssl rand -hex 24 > "$secrets/$name")
  done
  [[ -f "$tls/broker.p12" ]] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=upgrade-control local CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=broker" -keyout "$tls/broker.key" -out "$tls/broker.csr" 2>/dev/null
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth,clientAuth" > "$tls/broker.ext"
  openssl x509 -req -in "$tls/broker.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 825 \
    -extfile "$tls/broker.ext" -out "$tls/broker.pem" 2>/dev/null
  openssl pkcs12 -export -name broker -in "$tls/broker.pem" -inkey "$tls/broker.key" -certfile "$tls/ca.pem" \
    -passout "pass:$(cat "$secrets/keystore")" -out "$tls/broker.p12"
  rm -f "$tls/broker.csr" "$tls/broker.ext" "$tls/ca.srl"
  chmod 600 "$tls"/*
}

# SCRAM credentials are metadata: KRaft takes the first ones (the broker's own included) at format.
scram_tls_format_args() {
  for name in "${SCRAM_USERS[@]}"; do
    printf -- '--add-scram SCRAM-SHA-512=[name=%s,password=%s] ' "$name" "$(cat "$1/secrets/$name")"
  done
}

# Topics and ACLs (idempotent), then the client settings each process needs.
scram_tls_provision() {
  local data=$1
  admin_env node --disable-warning=TimeoutNegativeWarning "$here/kafka/provision-acls.mjs" "127.0.0.1:$port" || return 1
  {
    echo "# Client settings for the secure local broker (ADR 0018); secrets: keep this file private."
    echo "KAFKA_BROKERS=127.0.0.1:$port"
    echo "KAFKA_SSL=true"
    echo "KAFKA_SSL_CA_FILE=$data/tls/ca.pem"
    echo "KAFKA_SASL_MECHANISM=scram-sha-512"
    for name in "${SCRAM_USERS[@]}"; do
      [[ $name == admin ]] && continue
      echo "${name^^}_KAFKA_SASL_USERNAME=$name"
      echo "${name^^}_KAFKA_SASL_PASSWORD=$(cat "$data/secrets/$name")"
    done
  } > "$data/client.env"
  chmod 600 "$data/client.env"
  echo "kafka: client settings in $data/client.env" >&2
}
