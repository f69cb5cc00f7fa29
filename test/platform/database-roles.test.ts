import { spawnSync } from 'node:child_process';
import { Database, hashApiKey, runtimeRoleProblems } from '@upgrade-control/platform';
import { DataSource } from 'typeorm';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { rebuildService } from '../../apps/rebuild/src/rebuild.js';
import { eventually, freshDatabase, kafkaBrokers, TEST_ROLES, type TestDatabase } from '../support/environment.js';
import { startService, type RunningService } from '../support/service-app.js';
import { freePort } from '../../scripts/service-process.mjs';
import { productionSigningKey } from '../support/signing.js';

// ADR 17: a service's own runtime connection can append to and read its history, never rewrite it.

const PERMISSION_DENIED = '42501';
// Production settings other than the database: keys, a signing key, the suite's plaintext broker.
const productionKeys = {
  API_KEYS: `olga:observer:${hashApiKey('prod-key-roles')}`,
  KAFKA_ALLOW_PLAINTEXT: 'true',
  ...productionSigningKey(),
};

describe('least privilege in PostgreSQL', () => {
  let service: RunningService;
  let runtime: DataSource;
  let admin: DataSource;

  beforeAll(async () => {
    service = await startService('inventory', (env) => InventoryModule.register(env));
    runtime = service.app.get(DataSource);
    admin = await new DataSource({ type: 'postgres', url: service.db.url }).initialize();
    await service.as('planner').post('/assets').send(databaseAsset('roles-db')).expect(201);
  });
  afterAll(async () => {
    await admin?.destroy();
    await service?.close();
  });

  /** The refusal of `sql` on the service's own connection. */
  const refusal = (sql: string) =>
    runtime.query(sql).then(
      () => undefined,
      (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
    );

  it('runs as the app role: no superuser, not the owner of events, the tables owned by the owner role', async () => {
    const [me] = await runtime.query(
      `SELECT current_user AS role, rolsuper AS superuser, pg_get_userbyid(c.relowner) AS owner
         FROM pg_roles, pg_class c WHERE rolname = current_user AND c.oid = 'public.events'::regclass`,
    );
    expect(me).toEqual({ role: TEST_ROLES.app, superuser: false, owner: TEST_ROLES.owner });
    expect(await runtimeRoleProblems(new Database(runtime))).toEqual([]);
  });

  it('appended the event of the command it served, and reads it', async () => {
    expect(await service.eventCount()).toBe(1);
  });

  it.each([
    ['UPDATE', `UPDATE events SET payload = '{}'::jsonb`],
    ['DELETE', 'DELETE FROM events'],
    ['TRUNCATE', 'TRUNCATE events'],
  ])('cannot %s an event: refused by privilege, before the append-only trigger', async (_, sql) => {
    expect(await refusal(sql)).toEqual({ code: PERMISSION_DENIED, message: 'permission denied for table events' });
  });

  it.each([
    ['disable the append-only trigger', 'ALTER TABLE events DISABLE TRIGGER events_append_only'],
    ['disable every trigger', 'ALTER TABLE events DISABLE TRIGGER ALL'],
    ['drop the append-only trigger', 'DROP TRIGGER events_append_only ON events'],
    ['drop the truncate trigger', 'DROP TRIGGER events_no_truncate ON events'],
    ['drop the table', 'DROP TABLE events'],
  ])('cannot %s', async (_, sql) => {
    // PostgreSQL names the table a "relation" in some of these messages.
    expect(await refusal(sql)).toEqual({
      code: PERMISSION_DENIED,
      message: expect.stringMatching(/^must be owner of (table|relation) events$/),
    });
  });

  it('cannot become the owner, nor create tables of its own', async () => {
    expect(await refusal(`SET ROLE ${TEST_ROLES.owner}`)).toEqual({
      code: PERMISSION_DENIED,
      message: `permission denied to set role "${TEST_ROLES.owner}"`,
    });
    expect(await refusal('CREATE TABLE shadow_events (id int)')).toEqual({
      code: PERMISSION_DENIED,
      message: 'permission denied for schema public',
    });
  });

  it('left the event as it was, and the triggers enabled', async () => {
    expect(await service.eventCount()).toBe(1);
    const triggers = await admin.query(
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
        WHERE tgrelid = 'public.events'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers).toEqual([
      { name: 'events_append_only', enabled: 'O' },
      { name: 'events_no_truncate', enabled: 'O' },
    ]);
  });

  it('the rebuild CLI works with the same roles: a scratch database made by the administrator, read models as the app role', async () => {
    await eventually(
      async () => Number((await admin.query('SELECT sum(published) AS n FROM relay_checkpoints'))[0]?.n ?? 0) >= 1,
      20_000,
      'the event published',
    );
    const ownTopic = service.topic('inventory');
    const result = await rebuildService('inventory', {
      NODE_ENV: 'test',
      INVENTORY_DATABASE_URL: service.db.appUrl,
      INVENTORY_MIGRATION_DATABASE_URL: service.db.migrationUrl,
      DATABASE_ADMIN_URL: service.db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: ownTopic.slice(0, ownTopic.length - 'inventory.events'.length),
    });
    expect(result).toMatchObject({ events: 1, differences: [] });
  });
});

describe('least privilege in PostgreSQL: a production service refuses a runtime role that could rewrite history', () => {
  const dbs: TestDatabase[] = [];
  const database = async () => {
    const db = await freshDatabase('roles_refused');
    dbs.push(db);
    return db;
  };
  afterAll(() => Promise.all(dbs.map((db) => db.drop())));
  const production = { NODE_ENV: 'production', ...productionKeys };

  /** The built service's main, started as in production with `env`; it must stop before it serves. */
  const runBuiltService = async (env: Record<string, string>) =>
    spawnSync(process.execPath, ['dist/inventory/src/main.js'], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        KAFKA_BROKERS: kafkaBrokers().join(','),
        PORT: String(await freePort()),
        ...production,
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('refuses a superuser runtime URL: exit 78, saying what to set', async () => {
    const run = await runBuiltService({ INVENTORY_DATABASE_URL: (await database()).url });
    expect(run.stderr).toContain("configuration error: inventory's runtime database connection");
    expect(run.stderr).toContain('role "postgres" is a superuser');
    expect(run.stderr).toContain('set INVENTORY_DATABASE_URL to the app role (uc_inventory_app)');
    expect(run.stderr).toContain('INVENTORY_MIGRATION_DATABASE_URL to the owner role (uc_inventory_owner)');
    expect(run.status).toBe(78);
  });

  it('refuses the owner as runtime role, which could disable or drop the triggers', async () => {
    const run = await runBuiltService({ INVENTORY_DATABASE_URL: (await database()).migrationUrl });
    expect(run.stderr).toContain(
      `role "${TEST_ROLES.owner}" owns events (or may act as its owner), so it could disable or drop its triggers`,
    );
    expect(run.status).toBe(78);
  });

  it('starts and serves with the app role, migrating as the owner', async () => {
    const service = await startService('inventory', (env) => InventoryModule.register(env), production, {
      db: await database(),
    });
    try {
      await service.anonymous.get('/assets').set('x-api-key', 'prod-key-roles').expect(200);
    } finally {
      await service.close();
    }
  });
});

describe('preparing databases', () => {
  it('prepares many at once that share their roles, as parallel test workers and services do', async () => {
    // Each preparation sets the shared roles' passwords again: concurrent ones race on the roles' rows.
    const prepared = await Promise.all(Array.from({ length: 12 }, () => freshDatabase('prepare_race')));
    await Promise.all(prepared.map((db) => db.drop()));
    expect(prepared).toHaveLength(12);
  });
});
