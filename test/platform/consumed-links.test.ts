import { sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { ConsumedLinks, Database, openServiceDataSource, queryIn } from '@upgrade-control/platform';
import type { DataSource } from 'typeorm';
import { freshDatabase, type TestDatabase } from '../support/environment.js';

// ADR 43: a consumer judges each batch's chain links with one prepared statement. A new consumer
// plans it while consumed_links is small and never analyzed; the judging must still read only the
// links its events name, however many the consumer holds by then. Against the real server.

const CONSUMER = 'links-test';
const HELD_ELSEWHERE = 3000;

const event = (streamId: string, streamVersion: number, prevHash: string | null): EventEnvelope =>
  sealEnvelope({
    eventId: `0190f0a0-0000-7000-8000-${String(streamVersion).padStart(12, '0')}`,
    type: 'AssetRetired',
    schemaVersion: 1,
    streamId,
    streamVersion,
    occurredAt: '2026-11-27T10:00:00.000Z',
    producer: 'inventory',
    correlationId: streamId,
    causationId: null,
    actor: { id: 'olga', role: 'operator' },
    payload: { assetId: streamId, reason: 'test' },
    prevHash,
  });

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
const sqlArray = (values: (string | number)[]) => `'{${values.join(',')}}'`;

describe('consumed links', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await freshDatabase('links');
    ds = await openServiceDataSource(db.url);
    // As on a new consumer before autovacuum's first ANALYZE: the planner knows nothing of the rows.
    await ds.query('ALTER TABLE consumed_links SET (autovacuum_enabled = false)');
    await ds.query(
      `INSERT INTO consumed_links (consumer, producer, stream_id, stream_version, event_id, hash)
         SELECT $1, 'inventory', 'asset-' || i, 1, gen_random_uuid(), repeat('a', 64) FROM generate_series(1, $2) i`,
      [CONSUMER, HELD_ELSEWHERE],
    );
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it("judges a batch by looking up its own streams' links, not by reading every link held", async () => {
    const links = new ConsumedLinks(new Database(ds), CONSUMER);
    const first = event('asset-new', 1, null);
    const batch = [first, event('asset-new', 2, first.hash), event('asset-7', 2, 'a'.repeat(64))];
    await ds.transaction(async (tx) => {
      // The plan the consumer's connection uses from here on: a generic one, made now.
      await queryIn(tx, 'SET LOCAL plan_cache_mode = force_generic_plan');
      const judged = await links.judgeAll(batch, tx);
      expect(judged.map((j) => j.kind)).toEqual(['new', 'new', 'new']);
      const wanted = batch.flatMap((e) => [e, { ...e, streamVersion: e.streamVersion - 1 }]);
      const [{ 'QUERY PLAN': plan }] = await queryIn<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        tx,
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE uc_consumed_links_judge_batch('${CONSUMER}',
           ${sqlArray(batch.map((e) => e.producer))}, ${sqlArray(batch.map((e) => e.streamId))},
           ${sqlArray(wanted.map((e) => e.producer))}, ${sqlArray(wanted.map((e) => e.streamId))},
           ${sqlArray(wanted.map((e) => e.streamVersion))})`,
      );
      const reads = nodes(plan[0].Plan).filter((n) => n['Relation Name'] === 'consumed_links');
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) {
        expect(read['Node Type']).toMatch(/^Index (Only )?Scan$/);
        // Per lookup: the links of one stream, never the consumer's thousands.
        expect(read['Actual Rows']).toBeLessThanOrEqual(2);
      }
    });
  });
});
