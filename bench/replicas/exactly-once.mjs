import pg from 'pg';
import { eventsTopic } from '@upgrade-control/contracts';
import { KafkaJsBus } from '@upgrade-control/platform';
import { brokers } from '../context.mjs';
import { copies, metricSum } from './tally.mjs';

/**
 * After the load settled: every registration answered 2xx is in inventory's store once, Kafka
 * carries each of its events once, and the consumer (planning, however many replicas) applied each
 * once: its inbox and its projection hold every one, and its replicas together applied no more
 * than its inbox holds (the inbox's primary key would hide a second application, the counter not).
 */
export async function exactlyOnce(inventory, planning, registered) {
  const stored = await rows(
    inventory[0].databaseUrl,
    `SELECT event_id::text AS id, payload->>'assetId' AS asset FROM events WHERE type = 'AssetRegistered'`,
  );
  const store = copies(
    registered,
    stored.map((r) => r.asset),
  );
  const events = stored.map((r) => r.id);
  const eventOf = new Map(stored.map((r) => [r.asset, r.id]));

  const onKafka = [];
  await new KafkaJsBus({ clientId: 'bench-replicas', brokers }).readFromStart(
    [`${inventory[0].prefix}${eventsTopic('inventory')}`],
    (record) => onKafka.push(record.headers.ce_id),
  );
  const kafka = copies(events, onKafka);
  const inboxRows = await rows(
    planning[0].databaseUrl,
    `SELECT event_id::text AS id FROM processed_events WHERE type = 'AssetRegistered'`,
  );
  const inbox = copies(
    events,
    inboxRows.map((r) => r.id),
  );
  const projected = await rows(planning[0].databaseUrl, 'SELECT asset_id FROM inventory_assets');
  const projection = copies(
    stored.map((r) => r.asset),
    projected.map((r) => r.asset_id),
  );

  const scrapes = (services) => Promise.all(services.map((s) => fetch(`${s.url}/metrics`).then((r) => r.text())));
  const consumer = await scrapes(planning);
  const relays = await scrapes(inventory);
  const applied = metricSum(consumer, 'uc_consumer_processed_total', { type: 'AssetRegistered' });
  const appliedTwice = Math.max(0, applied - inboxRows.length) + inbox.extra;

  // An event lost downstream counts once, wherever it went missing first.
  const lostDownstream = new Set([
    ...kafka.missing,
    ...inbox.missing,
    ...projection.missing.map((asset) => eventOf.get(asset)),
  ]);
  const lost = store.missing.length + lostDownstream.size;
  const twice = store.extra + kafka.extra + appliedTwice;
  return {
    wrong: lost + twice,
    note:
      `${registered.size} registrations answered 2xx, ${stored.length} events stored ` +
      `(missing ${store.missing.length}, twice ${store.extra}); Kafka missing ${kafka.missing.length}, ` +
      `copies beyond one ${kafka.extra}; planning's inbox missing ${inbox.missing.length}, projection missing ` +
      `${projection.missing.length}, applied ${applied} times by ${planning.length} replica(s) ` +
      `(redeliveries the inbox absorbed: ${metricSum(consumer, 'uc_consumer_skipped_total', { reason: 'duplicate' })}); ` +
      `relay leaders ${metricSum(relays, 'uc_relay_leader')} of ${inventory.length}, ` +
      `published ${metricSum(relays, 'uc_relay_published_total')}`,
  };
}

/** The rows of one query on a database of its own connection. */
async function rows(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
