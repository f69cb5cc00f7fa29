import { databaseAsset } from '../../support/asset-fixture.js';
import { toKafkaRecord } from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';
import { DataSource } from 'typeorm';
import { InventoryModule } from '../../../apps/inventory/src/inventory.module.js';
import { PlanningModule } from '../../../apps/planning/src/planning.module.js';
import { windowEstimates } from '../../support/fixtures/upgrade-plan.js';
import { eventually, uniqueName } from '../../support/environment.js';
import { sendRaw } from '../../support/kafka.js';
import { StreamChains } from '../../support/stream-chains.js';
import { startService, type RunningService } from '../../support/service-app.js';
import { DECISION_OWNER, dbaOnCall, decisionOwnerAccepts } from './people-over-http.js';
import {
  FAST_NOTICE_DISPATCH,
  startWebhookReceiver,
  subscribe,
  type WebhookReceiver,
} from '../../support/webhook-receiver.js';

// Planning through its HTTP API, with the inventory it learns assets from, for the evidence rules.

export interface PlanningSystem {
  planning: RunningService;
  /** The subscriber endpoint registered for the user group 'sales' (ADR 13). */
  receiver: WebhookReceiver;
  close(): Promise<void>;
}

/** Inventory and planning on a shared topic prefix, with medium-criticality assets planning has seen. */
export async function startPlanning(assetIds: string[], env: Record<string, string> = {}): Promise<PlanningSystem> {
  const shared = { KAFKA_TOPIC_PREFIX: `${uniqueName('evid')}.` };
  const inventory = await startService('inventory', (e) => InventoryModule.register(e), shared);
  const planning = await startService('planning', (e) => PlanningModule.register(e), {
    ...shared,
    ...FAST_NOTICE_DISPATCH,
    ...env,
  });
  const receiver = await startWebhookReceiver();
  await subscribe(planning, receiver, ['sales']);
  for (const assetId of assetIds)
    await inventory
      .as('planner')
      .post('/assets')
      .send(
        databaseAsset(assetId, {
          name: assetId,
          node: `${assetId}-node`,
          criticality: 'medium',
          owner: 'ops',
          businessProcesses: ['order-to-cash'],
          userGroups: ['sales'],
          peakPeriods: [],
        }),
      )
      .expect(201);
  const db = planning.app.get(DataSource);
  await eventually(
    async () => (await db.query('SELECT count(*)::int AS n FROM inventory_assets'))[0].n === assetIds.length,
    30_000,
    'planning to see the inventory',
  );
  return {
    planning,
    receiver,
    close: async () => {
      await planning.close();
      await receiver.close();
      await inventory.close();
    },
  };
}

/** Rollback minutes the drafted plan states: its estimate, its rehearsal and its backup's restore. */
export const DRAFTED = { rollbackEstimate: 60, rehearsal: 75, restore: 40 };

/**
 * A plan for one asset with every pre-approval gate met, submitted and approved by the approver;
 * `over.proposal` adds to the proposal's body (e.g. an emergency's urgencyOverride), `over.triggers`
 * to the rollback plan's triggers.
 */
export async function approvedPlan(
  planning: RunningService,
  upgradeId: string,
  assetId: string,
  over: { proposal?: Record<string, unknown>; triggers?: Record<string, unknown>[] } = {},
): Promise<void> {
  const as = planning.as('planner');
  await as
    .post('/upgrades')
    .send({
      upgradeId,
      title: `${assetId} to 16.2`,
      category: 'end-of-support',
      purpose: `move ${assetId} to a supported release`,
      targets: [{ assetId, toVersion: '16.2' }],
      ...over.proposal,
    })
    .expect(201);
  const steps: [string, string, unknown][] = [
    ['post', 'impact', {}],
    [
      'post',
      'backups',
      {
        assetId,
        scope: 'data-and-configuration',
        method: 'snapshot',
        location: 's3://backups',
        retentionDays: 30,
        restoreMethod: 'restore snapshot',
        expectedRestoreMinutes: DRAFTED.restore,
      },
    ],
    [
      'put',
      'rollback-plan',
      {
        decisionOwner: DECISION_OWNER,
        triggers: [{ kind: 'acceptance-failure', mode: 'automatic' }, ...(over.triggers ?? [])],
        steps: ['restore snapshot'],
        estimatedMinutes: DRAFTED.rollbackEstimate,
        dataLossExposure: 'none',
        reversibility: 'reversible',
      },
    ],
    ['post', 'rollback-rehearsals', { outcome: 'succeeded', durationMinutes: DRAFTED.rehearsal }],
    [
      'put',
      'acceptance-criteria',
      { criteria: [{ order: 1, kind: 'startup', core: true, description: 'starts', passCondition: 'connects' }] },
    ],
    [
      'post',
      'test-evidence',
      {
        environment: 'staging',
        representativeData: true,
        rolesCovered: ['clerk'],
        integrationsCovered: [],
        loadTested: false,
        outcome: 'passed',
        summary: 'ok',
      },
    ],
    ['put', 'runbook', { steps: [{ order: 1, description: 'upgrade' }] }],
  ];
  for (const [method, path, body] of steps)
    expect(
      (await as[method as 'post' | 'put'](`/upgrades/${upgradeId}/${path}`).send(body as object)).status,
    ).toBeLessThan(300);
  await decisionOwnerAccepts(planning, upgradeId);
  await dbaOnCall(planning, upgradeId);
  await as.post(`/upgrades/${upgradeId}/submit`).expect(200);
  await planning.as('approver').post(`/upgrades/${upgradeId}/approvals`).send({ comment: 'fine' }).expect(200);
}

/** A Saturday night in 2027, far beyond every notice lead time, with the fixture's estimates. */
export const saturdayNight = { startsAt: '2027-01-16T20:00:00Z', endsAt: '2027-01-17T02:00:00Z' };

/** The approved plan scheduled, its users told, declared ready. */
export async function readyPlan(
  planning: RunningService,
  upgradeId: string,
  assetId: string,
  over: Parameters<typeof approvedPlan>[3] = {},
): Promise<void> {
  await approvedPlan(planning, upgradeId, assetId, over);
  const as = planning.as('planner');
  await as
    .put(`/upgrades/${upgradeId}/window`)
    .send({ ...saturdayNight, estimates: windowEstimates })
    .expect(200);
  await as.post(`/upgrades/${upgradeId}/notices`).send(notice('before')).expect(200);
  await gatePasses(planning, upgradeId, 'communication');
  await as.post(`/upgrades/${upgradeId}/ready`).expect(200);
}

export const notice = (phase: 'before' | 'after', over: Record<string, unknown> = {}) => ({
  phase,
  userGroups: ['sales'],
  channel: 'email',
  message: phase === 'before' ? { serviceImpact: 'orders offline' } : { availableAgain: true },
  ...over,
});

/** Execution's and monitoring's streams of each upgrade, chained as they report (ADR 19). */
const reported = new StreamChains();

/** Another service reports on the upgrade through Kafka, as execution and monitoring do: on its stream of the upgrade. */
export async function report(
  planning: RunningService,
  producer: 'execution' | 'monitoring',
  type: string,
  upgradeId: string,
  payload: Record<string, unknown>,
  schemaVersion = 1,
): Promise<string> {
  const envelope = reported.seal({
    eventId: uuidv7(),
    type,
    schemaVersion,
    streamId: `${producer}-${upgradeId}`,
    occurredAt: new Date().toISOString(),
    producer,
    correlationId: upgradeId,
    causationId: null,
    actor: { id: producer, role: 'system' },
    payload: { upgradeId, ...payload },
  });
  await sendRaw(planning.topic(producer), [toKafkaRecord(envelope)]);
  return envelope.eventId;
}

/** Waits until the gate passes (e.g. a notice was delivered). */
export const gatePasses = (planning: RunningService, upgradeId: string, gate: string) =>
  eventually(
    async () =>
      (await planning.as('auditor').get(`/upgrades/${upgradeId}/gates`)).body.gates.find(
        (g: { gate: string }) => g.gate === gate,
      ).status === 'passed',
    30_000,
    `${upgradeId}: ${gate} to pass`,
  );

/** Waits until the plan has the status. */
export const statusBecomes = (planning: RunningService, upgradeId: string, status: string) =>
  eventually(
    async () => (await planning.as('observer').get(`/upgrades/${upgradeId}`)).body.status === status,
    30_000,
    `${upgradeId} to be ${status}`,
  );

/** Execution starts the ready plan and its core checks pass: the plan follows into Monitoring. */
export async function executedToMonitoring(planning: RunningService, upgradeId: string): Promise<void> {
  const ready = (await planning.store.readStream(`upgrade-${upgradeId}`)).findLast(
    (e) => e.type === 'UpgradeReadyForExecution',
  )!;
  await report(planning, 'execution', 'ExecutionStarted', upgradeId, {
    executionId: `x-${upgradeId}`,
    operator: 'oscar',
    startedAt: new Date().toISOString(),
    readyEventId: ready.eventId,
    plan: ready.payload,
  });
  await statusBecomes(planning, upgradeId, 'InExecution');
  await report(planning, 'execution', 'AcceptancePassed', upgradeId, { passedCriteria: [], monitoringMinutes: 1 });
  await statusBecomes(planning, upgradeId, 'Monitoring');
}
