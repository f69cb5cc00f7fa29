import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { asyncApiDocument, SERVICES, type ServiceConsumption } from '@upgrade-control/contracts';
import type { Database } from '../database/database.js';
import { createLogger } from '../observability/logger.js';
import { InMemoryMessageBus } from '../testing/in-memory-message-bus.js';
import { EventConsumer } from './event-consumer.js';

const none: ServiceConsumption = { types: [], everyType: false };
const document = asyncApiDocument({
  consumption: Object.fromEntries(SERVICES.map((s) => [s, none])) as Record<
    (typeof SERVICES)[number],
    ServiceConsumption
  >,
}) as { components: { messages: Record<string, { headers: object }> } };

describe('a dead letter, as the AsyncAPI document describes it', () => {
  it('carries the headers of the document: the record refused unchanged, and why', async () => {
    const bus = new InMemoryMessageBus();
    // Poison that is no envelope is refused before any database work.
    const consumer = new EventConsumer({} as Database, bus, {
      groupId: 'inventory',
      topics: ['planning.events'],
      deadLetterTopic: 'inventory.dlq',
      maxAttempts: 1,
      logger: createLogger('inventory', 'silent'),
    });
    await consumer.start();
    bus.publish('planning.events', [{ key: 'upgrade-1', value: 'not json', headers: { ce_id: 'forged' } }]);
    await bus.settled();
    await consumer.stop();

    const [letter] = bus.records('inventory.dlq');
    const ajv = new Ajv({ strict: false });
    formats.default(ajv);
    const matches = ajv.compile(document.components.messages.inventoryDeadLetter!.headers);
    expect(matches(letter!.headers) ? [] : matches.errors).toEqual([]);
    expect(letter).toMatchObject({ key: 'upgrade-1', value: 'not json' });
    expect(letter!.headers).toMatchObject({ ce_id: 'forged', dlq_reason: 'invalid-envelope' });
  });
});
