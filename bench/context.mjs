// What every bench item shares: the broker, PostgreSQL, this run's name, and its databases.
import { createLogger, ensureDatabase } from '@upgrade-control/platform';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const base = process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
export const run = `bench_${Date.now().toString(36)}`;
export const logger = createLogger('bench', 'silent');

/** Every database this run created, dropped at the end. */
export const databases = [];
export const actor = { id: 'bench', role: 'operator' };

export async function database(name) {
  const url = `${base}/${run}_${name}`;
  await ensureDatabase(url);
  databases.push(url);
  return url;
}

/** Inventory's registration body the command benches send: `assetId` names the asset. */
export const registration = (assetId) => ({
  assetId,
  name: 'bench',
  kind: 'server',
  product: 'linux',
  version: '6.1',
  site: 's',
  node: 'n',
  criticality: 'low',
  owner: 'ops',
});
