import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { startService, type RunningService } from '../support/service-app.js';

export const pgBerlin = {
  assetId: 'orders-db-berlin',
  name: 'Orders DB Berlin',
  kind: 'database',
  product: 'postgresql',
  version: '15.6',
  site: 'berlin',
  node: 'db-1',
  criticality: 'high',
  owner: 'dba-team',
  businessProcesses: ['order-to-cash'],
  userGroups: ['sales'],
  peakPeriods: [
    {
      name: 'business hours',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '08:00',
      to: '18:00',
      timeZone: 'Europe/Berlin',
    },
  ],
};
const reportingBerlin = {
  assetId: 'reportly-berlin',
  name: 'Reportly Berlin',
  kind: 'application',
  product: 'reportly',
  version: '4.2',
  site: 'berlin',
  node: 'app-1',
  criticality: 'medium',
  owner: 'bi-team',
  businessProcesses: ['monthly-reporting'],
  userGroups: ['finance'],
};
const crmBerlin = {
  ...reportingBerlin,
  assetId: 'crm-berlin',
  name: 'CRM Berlin',
  product: 'crm-suite',
  version: '9.1',
  userGroups: ['sales', 'support'],
};

/**
 * The inventory service under test, shared by the inventory scenario files, with a small Berlin and
 * Hamburg landscape registered: PostgreSQL at both sites, and reporting and CRM depending on the
 * Berlin database. Call it inside a describe block: it registers the beforeAll and afterAll.
 */
export function useInventoryLandscape() {
  let inventory: RunningService;

  beforeAll(async () => {
    inventory = await startService('inventory', (env) => InventoryModule.register(env));
    for (const asset of [
      pgBerlin,
      reportingBerlin,
      crmBerlin,
      { ...pgBerlin, assetId: 'orders-db-hamburg', name: 'Orders DB Hamburg', site: 'hamburg', version: '15.4' },
    ]) {
      await inventory.as('planner').post('/assets').send(asset).expect(201);
    }
    await inventory
      .as('planner')
      .post('/assets/reportly-berlin/dependencies')
      .send({ dependsOnAssetId: 'orders-db-berlin', relation: 'reports-from' })
      .expect(200);
    await inventory
      .as('planner')
      .post('/assets/crm-berlin/dependencies')
      .send({ dependsOnAssetId: 'orders-db-berlin', relation: 'stores-data-in' })
      .expect(200);
  }, 60_000);
  afterAll(() => inventory.close());

  return {
    get inventory() {
      return inventory;
    },
  };
}
