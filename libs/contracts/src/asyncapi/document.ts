import { eventCatalogue } from '../catalogue.js';
import { SERVICES, envelopeSchema, type ServiceName } from '../envelope.js';
import { deadLetterTopic, eventsTopic } from '../topics.js';
import { deadLetterMessage, deadLetterMessageName } from './dead-letters.js';
import { asyncApiSchema } from './json-schema.js';
import { eventMessage, KAFKA_BINDING_VERSION } from './messages.js';
import { securitySchemes, servers } from './servers.js';

/** The event types a service's consumer handles; `everyType` when it takes every known type. */
export interface ServiceConsumption {
  types: string[];
  everyType: boolean;
}

export interface AsyncApiOptions {
  /** Read from the services' wiring by `npm run asyncapi` (apps/openapi/src/consumed-events.ts). */
  consumption: Record<ServiceName, ServiceConsumption>;
  version?: string;
}

/** As the services and scripts/kafka/provision-acls.mjs create them (KAFKA_PARTITIONS, default 3). */
const topicBinding = (topic: string) => ({
  kafka: {
    topic,
    partitions: 3,
    topicConfiguration: { 'retention.ms': -1, 'retention.bytes': -1 },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
});

const ref = (path: string) => ({ $ref: path });

/** An AsyncAPI 3.0 document of every topic, message and who sends or receives it, from the contracts. */
export function asyncApiDocument({ consumption, version = '0.1.0' }: AsyncApiOptions): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const service of SERVICES) {
    const topic = eventsTopic(service);
    const produced = eventCatalogue.filter((e) => e.producer === service).map((e) => e.type);
    for (const type of produced) messages[type] = eventMessage(eventCatalogue.find((e) => e.type === type)!);
    channels[topic] = {
      address: topic,
      title: `${service} events`,
      description: `Domain events of the ${service} service, keyed by stream id (one stream, one partition, in order), kept forever.`,
      messages: Object.fromEntries(produced.map((type) => [type, ref(`#/components/messages/${type}`)])),
      bindings: topicBinding(topic),
    };
    operations[`${service}SendsEvents`] = {
      action: 'send',
      title: `${service} publishes its events`,
      summary: 'The outbox relay sends each committed event, in stream order, once the transaction committed.',
      channel: ref(`#/channels/${topic}`),
      messages: produced.map((type) => ref(`#/channels/${topic}/messages/${type}`)),
    };

    const dlq = deadLetterTopic(service);
    const letter = deadLetterMessageName(service);
    messages[letter] = deadLetterMessage(service);
    channels[dlq] = {
      address: dlq,
      title: `${service} dead letters`,
      description:
        `Records ${service}'s consumer refused (poison, security findings, handlers that kept failing). ` +
        `Operators list and re-drive them with \`npm run dlq\`; re-driven records go to ${service}.redrive, ` +
        `which only ${service} reads and is no public contract.`,
      messages: { [letter]: ref(`#/components/messages/${letter}`) },
      bindings: topicBinding(dlq),
    };
    operations[`${service}DeadLetters`] = {
      action: 'send',
      title: `${service} dead-letters a refused record`,
      channel: ref(`#/channels/${dlq}`),
      messages: [ref(`#/channels/${dlq}/messages/${letter}`)],
    };
  }

  for (const service of SERVICES)
    for (const producer of SERVICES.filter((s) => s !== service)) {
      const { types, everyType } = consumption[service];
      const topic = eventsTopic(producer);
      const received = eventCatalogue
        .filter((e) => e.producer === producer && (everyType || types.includes(e.type)))
        .map((e) => e.type);
      if (received.length === 0) continue;
      operations[`${service}Receives${producer[0]!.toUpperCase()}${producer.slice(1)}Events`] = {
        action: 'receive',
        title: `${service} consumes ${producer}'s events`,
        summary: everyType
          ? `Every known event type (its record log), besides the typed handlers.`
          : `The event types ${service} handles; it skips the others on the topic.`,
        channel: ref(`#/channels/${topic}`),
        messages: received.map((type) => ref(`#/channels/${topic}/messages/${type}`)),
        bindings: {
          kafka: {
            groupId: { type: 'string', description: `KAFKA_CONSUMER_GROUP, default "${service}"` },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      };
    }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Upgrade Control domain events',
      version,
      description:
        'Every fact of a controlled upgrade, as CloudEvents 1.0 (Kafka binary mode) with a hash-chained envelope. ' +
        'How to consume and verify them: docs/consumers.md.',
    },
    defaultContentType: 'application/json',
    servers,
    channels,
    operations,
    components: {
      schemas: { EventEnvelope: asyncApiSchema(envelopeSchema.omit({ payload: true })) },
      messages,
      securitySchemes,
    },
  };
}
