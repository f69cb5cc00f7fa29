import { Database, openServiceDataSource, PostgresEventStore } from '@upgrade-control/platform';
import { actor, database } from '../context.mjs';
import { pool, report, seconds } from '../measure.mjs';
import { cpuPerEvent, stageCpu } from '../path-budget.mjs';

/** The event store's append against a raw INSERT of the same row. */
export async function appendBench() {
  const url = await database('append');
  const ds = await openServiceDataSource(url, [], 20);
  const store = new PostgresEventStore(new Database(ds), 'inventory');
  await ds.query('CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS)');
  const appendThroughStore = (i) =>
    store.append(
      `asset-${i}`,
      'no-stream',
      [{ type: 'AssetRetired', payload: { assetId: `a${i}`, reason: 'benchmark' } }],
      { correlationId: `a${i}`, causationId: null, actor, now: new Date() },
    );
  const sample = (await ds.query('SELECT * FROM events LIMIT 1').catch(() => []))[0];
  const insertRaw = (i) =>
    ds.query(
      `INSERT INTO raw_events (event_id, stream_id, stream_version, type, schema_version, occurred_at, producer, correlation_id, causation_id, actor, payload, prev_hash, hash)
     VALUES (gen_random_uuid(), $1, 1, 'AssetRetired', 1, now(), 'inventory', $2, NULL, $3, $4, NULL, $5)`,
      [`raw-${i}`, `a${i}`, actor, { assetId: `a${i}`, reason: 'benchmark' }, sample?.hash ?? 'f'.repeat(64)],
    );
  // Both paths warm up first (JIT, connection pool, table files), so neither pays for starting cold.
  const warmUp = 2000;
  const total = 8000;
  await pool(16, warmUp, appendThroughStore);
  await pool(16, warmUp, insertRaw);
  let start = process.hrtime.bigint();
  stageCpu.append = await cpuPerEvent(async () => {
    await pool(16, total, (i) => appendThroughStore(warmUp + i));
    return total;
  });
  const storeRate = total / seconds(start);
  start = process.hrtime.bigint();
  await pool(16, total, (i) => insertRaw(warmUp + i));
  const rawRate = total / seconds(start);
  report('append', storeRate, 'events/s', rawRate, 'ratio ≥ 0.5', storeRate / rawRate >= 0.5);
  await ds.destroy();
}
