import { spawnSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { eventsTopic, SERVICES, type ServiceName } from '@upgrade-control/contracts';
import {
  applyReadModels,
  compareTables,
  createServiceDataSource,
  Database,
  KafkaJsBus,
  openServiceDataSource,
  type IncomingRecord,
} from '@upgrade-control/platform';
import { ok } from '@upgrade-control/client';
import { until } from '../../scripts/demo/client.mjs';
import { rebuildService, SERVICE_READ_MODELS } from '../../apps/rebuild/src/rebuild.js';
import { freshDatabase, kafkaBrokers, type TestDatabase } from '../support/environment.js';
import { asRoles } from './api.js';
import { seededRandom, shuffleAcrossStreams } from './interleavings.js';
import { startSystem, type RunningSystem } from './system.js';
import { execute, readyInWindow, rollBackByHand, secondWave } from './walkthrough.js';

const WITHOUT_AN_EMERGENCY = ['post_implementation_reviews', 'review_follow_ups'];

describe('read models rebuilt from Kafka equal the live ones', () => {
  let system: RunningSystem;
  const env = (service: ServiceName) => ({
    NODE_ENV: 'test',
    DATABASE_URL: system.databases[service],
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: system.topicPrefix,
  });

  beforeAll(async () => {
    system = await startSystem();
    const api = asRoles(system);
    // The walkthrough: the pilot and the second wave apply and pass acceptance, monitoring starts;
    // the decision owner then rolls the second wave back, the pilot holds (issue 18).
    const { upgradeId } = await readyInWindow(api, 'rebuild');
    expect(await execute(api, upgradeId, { tag: 'rebuild' })).toBe('passed');
    expect(await secondWave(api, upgradeId, 'rebuild')).toBe('passed');
    await rollBackByHand(api, upgradeId, 'orders from Hamburg fail to commit');
    await ok(
      api.planner.POST('/assets/{assetId}/snapshots', {
        params: { path: { assetId: 'pg-berlin-rebuild' } },
        body: { label: 'after the upgrade', configuration: { parameters: { max_connections: 200 } } },
      }),
    );
    const upgrade = { params: { path: { upgradeId } } };
    await until(
      'planning to follow the rollback',
      async () => (await ok(api.observer.GET('/upgrades/{upgradeId}', upgrade))).status === 'RolledBack' || undefined,
    );
  }, 300_000);
  afterAll(() => system.stop(), 60_000);

  it('rebuilds every service from offset 0 into fresh tables that equal the live ones', async () => {
    for (const service of SERVICES) {
      // The live services may still be taking in the walkthrough's last events: rebuild until
      // settled. On a timeout the expectation below shows the last differences.
      let result: Awaited<ReturnType<typeof rebuildService>> | undefined;
      await until(
        `${service} rebuilt equal to the live tables`,
        async () => (result = await rebuildService(service, env(service))).differences.length === 0,
        { timeoutMs: 20_000, everyMs: 1000 },
      ).catch((error: unknown) => {
        if (!result?.differences.length) throw error;
      });
      expect({ service, differences: result?.differences }).toEqual({ service, differences: [] });
      expect(result!.events).toBeGreaterThan(0);
    }
  }, 120_000);

  it('gives the same tables for any interleaving of streams, applied twice', async () => {
    const bus = new KafkaJsBus({ clientId: 'rebuild-test', brokers: kafkaBrokers() });
    const records: IncomingRecord[] = [];
    await bus.readFromStart(
      SERVICES.map((s) => `${system.topicPrefix}${eventsTopic(s)}`),
      (r) => records.push(r),
    );
    const opened: { db: TestDatabase; ds: DataSource }[] = [];
    const fresh = async (service: ServiceName) => {
      const db = await freshDatabase(`${service}_order`);
      const ds = await openServiceDataSource(db.url, SERVICE_READ_MODELS[service].migrations, 2);
      opened.push({ db, ds });
      return ds;
    };
    try {
      for (const [n, service] of SERVICES.entries()) {
        const { models } = SERVICE_READ_MODELS[service];
        const own = `${system.topicPrefix}${eventsTopic(service)}`;
        const inOrder = await fresh(service);
        await inOrder.transaction((tx) => applyReadModels(models, own, records, tx));
        const shuffled = await fresh(service);
        const seed = 1000 + n;
        const random = seededRandom(seed);
        // Twice, as a redelivery of everything would: the second pass must change nothing.
        for (let pass = 0; pass < 2; pass++) {
          const order = shuffleAcrossStreams(records, random);
          await shuffled.transaction((tx) => applyReadModels(models, own, order, tx));
        }
        const differences = await compareTables(new Database(inOrder), new Database(shuffled), models.tables);
        expect({ service, seed, differences }).toEqual({ service, seed, differences: [] });
        // The walkthrough has no emergency change, so no post-implementation review: those two
        // tables stay empty here (test/planning/post-implementation-review.test.ts fills them).
        for (const table of models.tables.filter((t) => !WITHOUT_AN_EMERGENCY.includes(t.name))) {
          const [{ rows }] = await inOrder.query(`SELECT count(*)::int AS rows FROM ${table.name}`);
          expect({ table: table.name, empty: rows === 0 }).toEqual({ table: table.name, empty: false });
        }
      }
    } finally {
      for (const { db, ds } of opened) {
        await ds.destroy();
        await db.drop();
      }
    }
  }, 120_000);

  it('npm run rebuild exits 1 naming the row when a live read model has drifted', async () => {
    const cli = (service: ServiceName) =>
      spawnSync(process.execPath, ['dist/rebuild/src/rebuild.js', service], {
        env: { ...process.env, ...env(service) },
        encoding: 'utf8',
      });
    expect(cli('inventory').status).toBe(0);
    const live = await createServiceDataSource(system.databases.inventory, [], 1).initialize();
    try {
      await live.query(`UPDATE inventory_assets SET version = '0.0' WHERE asset_id = 'pg-berlin-rebuild'`);
    } finally {
      await live.destroy();
    }
    const drifted = cli('inventory');
    expect(drifted.status).toBe(1);
    expect(JSON.parse(drifted.stdout).differences).toEqual([
      expect.objectContaining({
        table: 'inventory_assets',
        changed: [expect.objectContaining({ key: ['pg-berlin-rebuild'] })],
      }),
    ]);
  }, 60_000);
});
