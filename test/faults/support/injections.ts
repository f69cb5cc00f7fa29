/** What the suite puts straight into a topic or a store, behind the services' backs. */
import pg from 'pg';
import { insertRawEvents } from '../../support/raw-events.js';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { uuidv7 } from '@upgrade-control/platform';
import { sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { publishedStream } from '../../support/published-history.js';
import { POISON_HEADER } from './invariants.js';

const asset = (assetId: string) => ({
  assetId,
  name: `Poisoned ${assetId}`,
  kind: 'application',
  product: 'poison',
  version: '1.0',
  site: 'berlin',
  node: 'app-1',
  attributes: {},
  criticality: 'low',
  owner: 'nobody',
  businessProcesses: [],
  userGroups: [],
  peakPeriods: [],
  expiresOn: null,
});

const sealed = (assetId: string, payload: Record<string, unknown>): EventEnvelope =>
  publishedStream('inventory', `asset-${assetId}`, assetId, [{ type: 'AssetRegistered', payload }], new Date())[0]!;

/** One message of each poison kind a consumer must dead-letter and then carry on. */
export function poisonMessages(tag: string): { kind: string; value: string }[] {
  const tampered = sealed(`tampered-${tag}`, asset(`tampered-${tag}`));
  const huge = JSON.stringify(sealed(`huge-${tag}`, asset(`huge-${tag}`)));
  return [
    { kind: 'not-json', value: '{"eventId": "truncated' },
    { kind: 'not-an-envelope', value: JSON.stringify({ hello: 'world', tag }) },
    { kind: 'hash-mismatch', value: JSON.stringify({ ...tampered, payload: { ...tampered.payload, version: '9.9' } }) },
    {
      kind: 'invalid-payload',
      value: JSON.stringify(sealed(`invalid-${tag}`, { assetId: `invalid-${tag}`, kind: 'toaster' })),
    },
    // JSON.parse reads 1e400 as Infinity, which canonical JSON (hence hashing) cannot represent.
    { kind: 'unrepresentable-number', value: huge.replace('"payload":{', '"payload":{"sizeBytes":1e400,') },
  ];
}

/** Sends each message to every partition of the topic, marked as poison. */
export async function injectPoison(
  brokers: string[],
  topic: string,
  partitions: number,
  messages: { kind: string; value: string }[],
): Promise<void> {
  const producer = new Kafka({ clientId: 'faults-poison', brokers, logLevel: logLevel.NOTHING }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: messages.flatMap(({ kind, value }) =>
        Array.from({ length: partitions }, (_, partition) => ({
          partition,
          key: `poison-${kind}`,
          value,
          headers: { [POISON_HEADER]: kind },
        })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Appends, with plain SQL, a valid sealed event bigger than the broker accepts (a configuration
 * snapshot of `bytes` bytes) as the first event of a new stream in the inventory store.
 */
export async function insertOversizedEvent(databaseUrl: string, tag: string, bytes: number): Promise<EventEnvelope> {
  const snapshotId = `oversized-${tag}`;
  const envelope = sealEnvelope({
    eventId: uuidv7(),
    type: 'ConfigurationSnapshotCaptured',
    schemaVersion: 1,
    streamId: `configuration-snapshot-${snapshotId}`,
    streamVersion: 1,
    occurredAt: new Date().toISOString(),
    producer: 'inventory',
    correlationId: snapshotId,
    causationId: null,
    actor: { id: 'alice', role: 'planner' },
    payload: {
      snapshotId,
      assetId: `asset-${tag}`,
      capturedAt: new Date().toISOString(),
      label: 'far too large',
      contentHash: '0'.repeat(64),
      configuration: { blob: 'x'.repeat(bytes) },
    },
    prevHash: null,
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await insertRawEvents(client, [envelope]);
  } finally {
    await client.end();
  }
  return envelope;
}
