import type { KafkaConfig } from 'kafkajs';
import type { KafkaSecurity } from '../../config/kafka-security.js';

/** kafkajs's connection options; certificate verification stays on (Node's default). */
export function kafkaJsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return {
    ssl: security?.tls ? { ca: security.tls.ca, rejectUnauthorized: true } : undefined,
    sasl: security?.sasl ?? undefined,
  };
}
