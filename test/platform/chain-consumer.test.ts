import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { sealEnvelope, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { verifyTopic } from '../../docs/examples/chain-consumer.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually, kafkaBrokers } from '../support/environment.js';
import { messageCount, readTopic, sendRaw } from '../support/kafka.js';
import { startService, type RunningService } from '../support/service-app.js';

/**
 * The consumer docs/consumers.md shows, run against what a real inventory published: the tests
 * run in order, the second forges an event onto the topic the first found intact.
 */
describe('the chain consumer of docs/consumers.md', () => {
  let inventory: RunningService;
  let topic: string;
  const kafka = new Kafka({ clientId: 'chain-consumer-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    inventory = await startService('inventory', (env) => InventoryModule.register(env));
    topic = inventory.topic('inventory');
    for (const id of ['chain-db-1', 'chain-db-2'])
      await inventory.as('planner').post('/assets').send(databaseAsset(id)).expect(201);
    await inventory.as('planner').patch('/assets/chain-db-1').send({ owner: 'platform-team' }).expect(200);
    await eventually(async () => (await messageCount(topic)) >= 3, 20_000, 'three events on the topic');
  }, 60_000);
  afterAll(() => inventory.close());

  it('finds every chain intact in what the service published', async () => {
    expect(await verifyTopic(kafka, topic)).toEqual({
      streams: 2,
      events: 3,
      redeliveries: 0,
      broken: [],
      unreadable: 0,
    });
  });

  it('reports a forged event produced straight to the topic as a broken link, and exits 1', async () => {
    const published = (await readTopic(topic, 3)).map((m) => JSON.parse(m.value!) as EventEnvelope);
    const head = published.find((e) => e.streamVersion === 1 && e.payload.assetId === 'chain-db-2')!;
    // Well sealed, so its own hash checks out; only the chain shows it does not follow version 1.
    const forged = sealEnvelope({
      ...head,
      eventId: uuidv7(),
      type: 'AssetDetailsUpdated',
      streamVersion: 2,
      payload: { assetId: 'chain-db-2', changes: { owner: 'mallory' } },
      prevHash: '0'.repeat(64),
    });
    await sendRaw(topic, [toKafkaRecord(forged)]);

    const run = await promisify(execFile)('node', ['docs/examples/chain-consumer.ts', topic], {
      env: { ...process.env, KAFKA_BROKERS: kafkaBrokers().join(',') },
    }).catch((failed: { code: number; stdout: string }) => failed);

    expect(run).toMatchObject({ code: 1 });
    expect(run.stdout).toContain('4 events in 2 streams, 0 unreadable');
    expect(run.stdout).toContain(`BROKEN ${head.streamId} v2: prev-hash-mismatch (expected ${head.hash})`);
    const intact = published.find((e) => e.payload.assetId === 'chain-db-1')!.streamId;
    expect(run.stdout).not.toContain(`BROKEN ${intact} `);
  });
});
