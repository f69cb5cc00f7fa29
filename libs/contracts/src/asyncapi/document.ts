import { z } from 'zod';
import { eventCatalogue } from '../catalogue.js';
import { SERVICES, envelopeSchema } from '../envelope.js';
import { cloudEventType } from '../cloudevents.js';
import { eventsTopic } from '../topics.js';

/** An AsyncAPI 3.0 document of every topic and message, generated from the contracts. */
export function asyncApiDocument(version = '0.1.0'): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const envelope = z.toJSONSchema(envelopeSchema.omit({ payload: true }), { io: 'input' });

  for (const service of SERVICES) {
    const channelMessages: Record<string, unknown> = {};
    for (const event of eventCatalogue.filter((e) => e.producer === service)) {
      messages[event.type] = {
        name: event.type,
        title: event.type,
        summary: event.description,
        contentType: 'application/json',
        headers: {
          type: 'object',
          properties: {
            ce_type: { type: 'string', const: cloudEventType(event.type, event.schemaVersion) },
            ce_specversion: { type: 'string', const: '1.0' },
            ce_id: { type: 'string' },
            ce_source: { type: 'string', const: `/upgrade-control/${service}` },
            ce_time: { type: 'string', format: 'date-time' },
            ce_subject: { type: 'string' },
            traceparent: { type: 'string' },
          },
        },
        payload: {
          allOf: [
            { $ref: '#/components/schemas/EventEnvelope' },
            {
              type: 'object',
              properties: {
                type: { const: event.type },
                schemaVersion: { const: event.schemaVersion },
                payload: z.toJSONSchema(event.schema, { io: 'input', unrepresentable: 'any' }),
              },
            },
          ],
        },
      };
      channelMessages[event.type] = { $ref: `#/components/messages/${event.type}` };
    }
    const channelId = eventsTopic(service);
    channels[channelId] = {
      address: channelId,
      description: `Domain events of the ${service} service, keyed by stream id (one stream, one partition, in order), kept forever.`,
      messages: channelMessages,
    };
    operations[`publish-${service}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      messages: Object.keys(channelMessages).map((m) => ({ $ref: `#/channels/${channelId}/messages/${m}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Upgrade Control domain events',
      version,
      description:
        'Every fact of a controlled upgrade, as CloudEvents 1.0 (Kafka binary mode) with a hash-chained envelope.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { schemas: { EventEnvelope: envelope }, messages },
  };
}
