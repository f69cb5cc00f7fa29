import pg from 'pg';
import { pool, report, seconds } from '../measure.mjs';
import { startService } from '../service.mjs';

/** Metric samples through monitoring's API against a raw bulk INSERT. */
export async function ingestBench() {
  const { url, databaseUrl, stop } = await startService('monitoring', 'ingest');
  const batch = (n) =>
    Array.from({ length: 1000 }, (_, i) => ({
      assetId: `asset-${n % 10}`,
      metric: 'cpu',
      timestamp: new Date(Date.UTC(2027, 0, 1) + (n * 1000 + i) * 1000).toISOString(),
      value: i % 100,
    }));
  const batches = 100;
  let start = process.hrtime.bigint();
  await pool(4, batches, async (n) => {
    const response = await fetch(`${url}/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'dev-observer' },
      body: JSON.stringify({ samples: batch(n) }),
    });
    if (!response.ok) throw new Error(`ingest ${response.status}`);
  });
  const apiRate = (batches * 1000) / seconds(start);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  start = process.hrtime.bigint();
  await pool(1, batches, async (n) => {
    const rows = batch(n);
    await client.query(
      'INSERT INTO metric_samples SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[])',
      [rows.map((r) => r.assetId), rows.map((r) => r.metric), rows.map((r) => r.timestamp), rows.map((r) => r.value)],
    );
  });
  const rawRate = (batches * 1000) / seconds(start);
  await client.end();
  report('ingest', apiRate, 'samples/s', rawRate, 'reported', true);
  await stop();
}
