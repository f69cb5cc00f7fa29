import { eventCatalogue } from '../catalogue.js';
import { SERVICES, type ServiceName } from '../envelope.js';
import { asyncApiDocument, type ServiceConsumption } from './document.js';

type Doc = {
  asyncapi: string;
  servers: Record<string, { protocol: string; security?: unknown[] }>;
  channels: Record<string, { messages: Record<string, unknown>; bindings: { kafka: { partitions: number } } }>;
  operations: Record<string, { action: string; channel: { $ref: string }; messages: { $ref: string }[] }>;
  components: { messages: Record<string, unknown> };
};

const nothing: ServiceConsumption = { types: [], everyType: false };
const consumption: Record<ServiceName, ServiceConsumption> = {
  inventory: { types: ['UpgradeApplied'], everyType: false },
  planning: nothing,
  execution: nothing,
  monitoring: { types: [], everyType: true },
};
const doc = asyncApiDocument({ consumption }) as Doc;
const receives = (service: string) =>
  Object.entries(doc.operations).filter(([id, op]) => op.action === 'receive' && id.startsWith(service));

describe('AsyncAPI document', () => {
  it('is AsyncAPI 3 with an events and a dead-letter channel per service', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels).sort()).toEqual(SERVICES.flatMap((s) => [`${s}.dlq`, `${s}.events`]).sort());
  });

  it('lists every event of the catalogue on its producer topic', () => {
    for (const event of eventCatalogue)
      expect(doc.channels[`${event.producer}.events`]!.messages).toHaveProperty(event.type);
  });

  it('describes the topics as they are created: three partitions by default', () => {
    for (const channel of Object.values(doc.channels)) expect(channel.bindings.kafka.partitions).toBe(3);
  });

  it('has a plaintext development broker and a production one behind SCRAM-SHA-512 over TLS', () => {
    expect(doc.servers.development!.protocol).toBe('kafka');
    expect(doc.servers.production!.protocol).toBe('kafka-secure');
    expect(doc.servers.production!.security).toEqual([{ $ref: '#/components/securitySchemes/scramSha512' }]);
  });

  it('sends each service its events and dead letters', () => {
    for (const service of SERVICES) {
      expect(doc.operations[`${service}SendsEvents`]!.channel.$ref).toBe(`#/channels/${service}.events`);
      expect(doc.operations[`${service}DeadLetters`]!.channel.$ref).toBe(`#/channels/${service}.dlq`);
    }
  });

  it('receives exactly the types a service handles, on their producer topic', () => {
    expect(receives('inventory')).toEqual([
      [
        'inventoryReceivesExecutionEvents',
        expect.objectContaining({
          channel: { $ref: '#/channels/execution.events' },
          messages: [{ $ref: '#/channels/execution.events/messages/UpgradeApplied' }],
        }),
      ],
    ]);
    expect(receives('planning')).toEqual([]);
  });

  it('receives every type of the other topics for a service that handles every event', () => {
    const received = receives('monitoring').flatMap(([, op]) => op.messages.map((m) => m.$ref.split('/').pop()));
    const others = eventCatalogue.filter((e) => e.producer !== 'monitoring').map((e) => e.type);
    expect(received.sort()).toEqual(others.sort());
  });

  it('embeds no $schema: AsyncAPI 3 reads its schemas as draft-07', () => {
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });
});
