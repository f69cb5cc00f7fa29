// kafkajs connection settings for the scripts, from the same variables the services read
// (KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD).
import { readFileSync } from 'node:fs';

export function clientSecurity(env = process.env) {
  const ssl =
    env.KAFKA_SSL === 'true'
      ? { ca: env.KAFKA_SSL_CA_FILE ? [readFileSync(env.KAFKA_SSL_CA_FILE)] : undefined }
      : false;
  const sasl = env.KAFKA_SASL_MECHANISM
    ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
    : undefined;
  return { ssl, sasl };
}
