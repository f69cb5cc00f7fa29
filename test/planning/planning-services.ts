import { DataSource } from 'typeorm';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { PlanningModule } from '../../apps/planning/src/planning.module.js';
import { eventually, uniqueName } from '../support/environment.js';
import { startService, type RunningService } from '../support/service-app.js';
import { DECISION_OWNER, dbaOnCall, decisionOwnerAccepts } from './support/people-over-http.js';
import {
  FAST_NOTICE_DISPATCH,
  startWebhookReceiver,
  subscribe,
  type WebhookReceiver,
} from '../support/webhook-receiver.js';

// Inventory and planning on one topic namespace, with the assets and the rules the planning scenarios share.

const businessHours = {
  name: 'business hours',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '18:00',
  timeZone: 'Europe/Berlin',
};
const asset = (assetId: string, product: string, version: string, over: Record<string, unknown> = {}) => ({
  assetId,
  name: assetId,
  kind: 'application',
  product,
  version,
  site: 'berlin',
  node: `${assetId}-node`,
  criticality: 'medium',
  owner: 'ops',
  businessProcesses: ['order-to-cash'],
  userGroups: ['sales'],
  peakPeriods: [businessHours],
  ...over,
});

type Role = Parameters<RunningService['as']>[0];
type DraftOptions = { rollback?: Record<string, unknown>; category?: string; urgencyOverride?: unknown };

export interface PlanningServices {
  readonly planning: RunningService;
  /** The inventory planning projects, for scenarios that need their own assets and rules. */
  readonly inventory: RunningService;
  as(role: Role): ReturnType<RunningService['as']>;
  /** Proposes and fills a plan for one target so that every pre-approval gate passes. */
  draft(upgradeId: string, assetId: string, toVersion: string, over?: DraftOptions): Promise<void>;
}

/** Starts both services before the enclosing describe's tests and closes them after. */
export function planningWithInventory(): PlanningServices {
  let inventory: RunningService;
  let planning: RunningService;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    const shared = { KAFKA_TOPIC_PREFIX: `${uniqueName('plan')}.` };
    inventory = await startService('inventory', (env) => InventoryModule.register(env), shared);
    planning = await startService('planning', (env) => PlanningModule.register(env), {
      ...shared,
      ...FAST_NOTICE_DISPATCH,
    });
    receiver = await startWebhookReceiver();
    await subscribe(planning, receiver, ['sales', 'finance']);
    for (const a of [
      asset('orders-db', 'postgresql', '15.6', { kind: 'database', criticality: 'high' }),
      asset('reportly', 'reportly', '4.2', { userGroups: ['finance'] }),
      asset('payments-db', 'postgresql', '15.6', {
        kind: 'database',
        criticality: 'critical',
        businessProcesses: ['payments'],
        peakPeriods: [],
      }),
      asset('kiosk', 'kiosk-os', '3.1', { peakPeriods: [] }),
    ])
      await inventory.as('planner').post('/assets').send(a).expect(201);
    await inventory
      .as('planner')
      .post('/assets/reportly/dependencies')
      .send({ dependsOnAssetId: 'orders-db', relation: 'reports-from' })
      .expect(200);
    await inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({
        ruleId: 'reportly-4-pg',
        product: 'reportly',
        versionRange: '4.x',
        requiresProduct: 'postgresql',
        requiresRange: '>=12 <16',
        source: { kind: 'vendor-note', reference: 'Reportly 4 notes' },
      })
      .expect(200);
    // Reportly 5 with PostgreSQL is known too, so a plan that moves to it has no unknown pair.
    await inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({
        ruleId: 'reportly-5-pg',
        product: 'reportly',
        versionRange: '>=5',
        requiresProduct: 'postgresql',
        requiresRange: '>=14',
        source: { kind: 'vendor-note', reference: 'Reportly 5 notes' },
      })
      .expect(200);
    const projected = planning.app.get(DataSource);
    await eventually(
      async () => (await projected.query('SELECT count(*)::int AS n FROM inventory_rules'))[0].n === 2,
      30_000,
      'planning to see the inventory',
    );
  }, 90_000);
  afterAll(async () => {
    await planning.close();
    await inventory.close();
    await receiver.close();
  });

  const as = (role: Role) => planning.as(role);
  return {
    get planning() {
      return planning;
    },
    get inventory() {
      return inventory;
    },
    as,
    draft: async (upgradeId, assetId, toVersion, over = {}) => {
      await as('planner')
        .post('/upgrades')
        .send({
          upgradeId,
          title: `${assetId} to ${toVersion}`,
          category: over.category ?? 'end-of-support',
          purpose: `move ${assetId} to a supported release`,
          targets: [{ assetId, toVersion }],
          ...(over.urgencyOverride ? { urgencyOverride: over.urgencyOverride } : {}),
        })
        .expect(201);
      await as('planner').post(`/upgrades/${upgradeId}/impact`).send({}).expect(200);
      await as('planner')
        .post(`/upgrades/${upgradeId}/backups`)
        .send({
          assetId,
          scope: 'data-and-configuration',
          method: 'snapshot',
          location: 's3://backups',
          retentionDays: 30,
          restoreMethod: 'restore snapshot',
          expectedRestoreMinutes: 40,
        })
        .expect(200);
      await as('planner')
        .put(`/upgrades/${upgradeId}/rollback-plan`)
        .send({
          decisionOwner: DECISION_OWNER,
          triggers: [{ kind: 'acceptance-failure', mode: 'automatic' }],
          steps: ['restore snapshot'],
          estimatedMinutes: 60,
          dataLossExposure: 'none',
          reversibility: 'reversible',
          ...over.rollback,
        })
        .expect(200);
      await decisionOwnerAccepts(planning, upgradeId);
      await dbaOnCall(planning, upgradeId);
      await as('planner')
        .post(`/upgrades/${upgradeId}/rollback-rehearsals`)
        .send({ outcome: 'succeeded', durationMinutes: 55 })
        .expect(200);
      await as('planner')
        .put(`/upgrades/${upgradeId}/acceptance-criteria`)
        .send({
          criteria: [
            { order: 1, kind: 'startup', core: true, description: 'starts', passCondition: 'accepts connections' },
            { order: 2, kind: 'report', core: false, description: 'reports', passCondition: 'renders' },
          ],
        })
        .expect(200);
      await as('planner')
        .post(`/upgrades/${upgradeId}/test-evidence`)
        .send({
          environment: 'staging',
          representativeData: true,
          rolesCovered: ['clerk'],
          integrationsCovered: [],
          loadTested: false,
          outcome: 'passed',
          summary: 'ok',
        })
        .expect(200);
      await as('planner')
        .put(`/upgrades/${upgradeId}/runbook`)
        .send({
          steps: [
            { order: 1, description: 'final backup' },
            { order: 2, description: 'upgrade' },
          ],
        })
        .expect(200);
    },
  };
}
