import { eventCatalogue } from '../catalogue.js';
import { toKafkaRecord } from '../cloudevents.js';
import type { ServiceName } from '../envelope.js';
import { DEAD_LETTER_REASONS, eventsTopic, SECURITY_FINDINGS } from '../topics.js';
import { exampleEnvelope, KAFKA_BINDING_VERSION } from './messages.js';
import { asyncApiSchema, type JsonSchema } from './json-schema.js';

const text = (description: string) => ({ type: 'string', description });

/**
 * What EventConsumer.deadLetter writes: the refused record's key, value and headers unchanged,
 * plus the dlq_* headers that say why, from where and when.
 */
const DEAD_LETTER_HEADERS: JsonSchema = {
  type: 'object',
  required: [
    'dlq_reason',
    'dlq_error',
    'dlq_source_topic',
    'dlq_source_partition',
    'dlq_source_offset',
    'dlq_consumer_group',
    'dlq_at',
  ],
  properties: {
    dlq_reason: {
      type: 'string',
      enum: DEAD_LETTER_REASONS,
      description:
        `Why it was refused: poison, a security finding (${SECURITY_FINDINGS.join(', ')}) or ` +
        'handler-failed after the consumer exhausted its attempts.',
    },
    dlq_error: text('The error, at most 2000 characters.'),
    dlq_source_topic: text('The topic the record was consumed from.'),
    dlq_source_partition: text('Its partition, in decimal.'),
    dlq_source_offset: text('Its offset, in decimal.'),
    dlq_consumer_group: text('The consumer group that refused it.'),
    dlq_at: { type: 'string', format: 'date-time', description: 'When it was dead-lettered.' },
  },
  additionalProperties: { type: 'string', description: "The refused record's own headers (ce_*, traceparent)." },
};

/** A dead letter of `service`: an event of another service whose content no longer matches its hash. */
function example(service: ServiceName): Record<string, unknown> {
  const definition = eventCatalogue.find((e) => e.producer !== service)!;
  const envelope = exampleEnvelope(definition, asyncApiSchema(definition.schema));
  const record = toKafkaRecord({ ...envelope, occurredAt: '2026-11-26T08:00:00.000Z' });
  return {
    name: `${service}-dead-letter`,
    summary: `A ${definition.type} whose occurredAt was altered after sealing, refused by ${service}.`,
    headers: {
      ...record.headers,
      dlq_reason: 'hash-mismatch',
      dlq_error: `event ${envelope.eventId} does not match its hash`,
      dlq_source_topic: eventsTopic(definition.producer),
      dlq_source_partition: '0',
      dlq_source_offset: '41',
      dlq_consumer_group: service,
      dlq_at: '2026-11-26T09:00:01.000Z',
    },
    payload: JSON.parse(record.value) as unknown,
  };
}

export const deadLetterMessageName = (service: ServiceName): string => `${service}DeadLetter`;

export function deadLetterMessage(service: ServiceName): JsonSchema {
  return {
    name: deadLetterMessageName(service),
    title: `Dead letter of ${service}`,
    summary: `A record ${service}'s consumer refused, kept for operators to inspect and re-drive (npm run dlq).`,
    contentType: 'application/json',
    headers: DEAD_LETTER_HEADERS,
    payload: {
      description:
        'The refused record\'s value exactly as consumed: usually an event envelope, but poison ("invalid-envelope") ' +
        'may be anything, also not JSON. Never trust it without verifying its hash chain.',
    },
    bindings: {
      kafka: { key: text("The refused record's key, empty when it had none."), bindingVersion: KAFKA_BINDING_VERSION },
    },
    examples: [example(service)],
  };
}
