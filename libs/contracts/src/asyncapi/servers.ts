import { KAFKA_BINDING_VERSION } from './messages.js';

/** The brokers: the local one `npm start` runs, and a production cluster as ADR 0018 secures it. */
export const servers = {
  development: {
    host: '127.0.0.1:9092',
    protocol: 'kafka',
    title: 'Local development broker',
    description:
      'The single KRaft broker `npm start` runs (scripts/kafka.sh): plaintext, no authentication. ' +
      'Only for NODE_ENV development or test; elsewhere clients refuse plaintext (ADR 0018).',
    bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
  },
  production: {
    host: '{brokers}',
    protocol: 'kafka-secure',
    title: 'Production cluster',
    description:
      'TLS with certificate and host-name verification (KAFKA_SSL=true, KAFKA_SSL_CA_FILE for a private CA) ' +
      'and SASL/SCRAM-SHA-512 (KAFKA_SASL_MECHANISM=scram-sha-512). Each process has its own user and ACLs: ' +
      'a reader such as a dashboard needs READ and DESCRIBE on the events topics and a consumer group of its own.',
    variables: { brokers: { description: 'host:port of a bootstrap broker of your cluster', default: 'kafka:9093' } },
    security: [{ $ref: '#/components/securitySchemes/scramSha512' }],
    bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
  },
};

export const securitySchemes = {
  scramSha512: {
    type: 'scramSha512',
    description: 'SASL/SCRAM-SHA-512 over TLS; the username and password the operator provisioned for you.',
  },
};
