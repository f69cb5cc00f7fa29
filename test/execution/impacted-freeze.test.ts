import { toKafkaRecord } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { startService, type RunningService } from '../support/service-app.js';
import { useExecutionService } from './execution-service.js';

/** "No change during a change freeze" covers the assets the upgrade impacts, not only its targets. */
describe('execution: a freeze over an impacted asset', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, types } = service;
  let inventory: RunningService;

  beforeAll(async () => {
    inventory = await startService('inventory', (env) => InventoryModule.register(env), {
      KAFKA_TOPIC_PREFIX: service.topicPrefix,
    });
    // Reportly (Hamburg) reads from the orders database (Berlin), the fixture plan's target.
    await inventory.as('planner').post('/assets').send(databaseAsset('orders-db')).expect(201);
    await inventory
      .as('planner')
      .post('/assets')
      .send(databaseAsset('reportly', { kind: 'application', product: 'reportly', version: '4.2', site: 'hamburg' }))
      .expect(201);
    await inventory
      .as('planner')
      .post('/assets/reportly/dependencies')
      .send({ dependsOnAssetId: 'orders-db', relation: 'reports-from' })
      .expect(200);
    const data = service.execution.app.get(DataSource);
    await eventually(
      async () => (await data.query(`SELECT 1 FROM inventory_dependencies WHERE asset_id = 'reportly'`)).length === 1,
      30_000,
      'execution to see the dependency',
    );
  }, 90_000);
  afterAll(() => inventory.close());

  it('refuses to start, naming the freeze and the impacted asset', async () => {
    setNow('2027-01-16T21:00:00Z');
    await planReady('close');
    await sendRaw(service.execution.topic('planning'), [
      toKafkaRecord(
        envelope('ChangeFreezeDeclared', 'planning', 'calendar-close', {
          freezeId: 'quarter-close',
          kind: 'freeze',
          name: 'reporting quarter close',
          startsAt: '2027-01-16T18:00:00Z',
          endsAt: '2027-01-17T06:00:00Z',
          scope: { all: false, assetIds: ['reportly'], sites: [] },
          reason: 'finance closes the quarter on reportly',
        }),
      ),
    ]);
    const data = service.execution.app.get(DataSource);
    await eventually(
      async () => (await data.query(`SELECT 1 FROM freezes WHERE freeze_id = 'quarter-close'`)).length === 1,
      30_000,
      'the freeze',
    );
    const { body } = await as('operator').post('/executions/close/start').expect(422);
    expect(body.detail).toBe(
      'execution cannot start: no active freeze over impacted asset reportly: "reporting quarter close" (quarter-close)',
    );
    expect(body.gates).toEqual([
      expect.objectContaining({ gate: 'change-freeze-impacted', fix: expect.stringMatching(/reschedule/) }),
    ]);
    expect(await types('close')).toEqual([]);
  });
});
