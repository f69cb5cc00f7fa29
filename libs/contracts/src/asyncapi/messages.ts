import { createHash } from 'node:crypto';
import type { EventDefinition } from '../define-event.js';
import { cloudEventType, toKafkaRecord } from '../cloudevents.js';
import { systemActor, type EventEnvelope } from '../envelope.js';
import { sealEnvelope } from '../hash-chain.js';
import { exampleValue } from './example-value.js';
import { asyncApiSchema, type JsonSchema } from './json-schema.js';

export const KAFKA_BINDING_VERSION = '0.5.0';

/** What the relay uses as the Kafka key (toKafkaRecord): one stream, one partition, in order. */
const streamKey = {
  kafka: {
    key: { type: 'string', description: "The event's stream id (= ce_subject = payload.streamId)." },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
};

const text = (description: string, extra: JsonSchema = {}) => ({ type: 'string', description, ...extra });

/** The CloudEvents 1.0 Kafka binary-mode headers toKafkaRecord writes on every event. */
function cloudEventHeaders(definition: EventDefinition): JsonSchema {
  return {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'ce_correlationid'],
    properties: {
      ce_specversion: text('CloudEvents version.', { const: '1.0' }),
      ce_id: text('= eventId.', { format: 'uuid' }),
      ce_type: text('Event type and schema version.', {
        const: cloudEventType(definition.type, definition.schemaVersion),
      }),
      ce_source: text('The producing service.', { const: `/upgrade-control/${definition.producer}` }),
      ce_time: text('= occurredAt.', { format: 'date-time' }),
      ce_subject: text('= streamId, also the Kafka key.'),
      ce_correlationid: text('= correlationId: every event of one request or reaction chain.'),
      ce_causationid: text('= causationId: the event that caused this one; absent when a command did.'),
      'content-type': text('Of the value.', { const: 'application/json' }),
      traceparent: text('W3C trace context of the request that appended the event, when there was one.'),
    },
  };
}

/** A stable UUID per example, so the committed document changes only when a contract does. */
function exampleUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A sealed envelope whose payload is built from the event's own schema. */
export function exampleEnvelope(definition: EventDefinition, schema: JsonSchema): EventEnvelope {
  return sealEnvelope({
    eventId: exampleUuid(definition.type),
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    streamId: `${definition.producer}-example-stream`,
    streamVersion: 1,
    occurredAt: '2026-11-26T09:00:00.000Z',
    producer: definition.producer,
    correlationId: exampleUuid(`${definition.type}/correlation`),
    causationId: null,
    actor: systemActor(definition.producer),
    payload: exampleValue(schema, 'payload') as Record<string, unknown>,
    prevHash: null,
  });
}

export function eventMessage(definition: EventDefinition): JsonSchema {
  const payloadSchema = asyncApiSchema(definition.schema);
  const record = toKafkaRecord(exampleEnvelope(definition, payloadSchema));
  return {
    name: definition.type,
    title: definition.type,
    summary: definition.description,
    contentType: 'application/json',
    headers: cloudEventHeaders(definition),
    payload: {
      allOf: [
        { $ref: '#/components/schemas/EventEnvelope' },
        {
          type: 'object',
          properties: {
            type: { const: definition.type },
            schemaVersion: { const: definition.schemaVersion },
            payload: payloadSchema,
          },
        },
      ],
    },
    bindings: streamKey,
    examples: [
      {
        name: `${definition.type}-v${definition.schemaVersion}`,
        summary: `Kafka key: ${record.key}`,
        headers: record.headers,
        payload: JSON.parse(record.value) as unknown,
      },
    ],
  };
}
