import { createHash } from 'node:crypto';
import { canonicalJson, toKafkaRecord, type EventEnvelope, type SnapshotPhase } from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';
import { DataSource } from 'typeorm';
import { ExecutionModule } from '../../apps/execution/src/execution.module.js';
import {
  baselines,
  configurationAfter,
  configurationBefore,
  plan as basePlan,
  windowEstimates,
} from '../support/fixtures/execution.js';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import type { PlannedRollout } from '../../apps/execution/src/domain/execution.commands.js';
import { eventually, freshDatabase, uniqueName, type TestDatabase } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { StreamChains } from '../support/stream-chains.js';
import { startService, type RunningService } from '../support/service-app.js';

/** sha256 of the bytes the scenarios' backup holds. */
export const DIGEST = createHash('sha256').update('orders database dump').digest('hex');
export const takenBody = {
  what: 'orders db',
  method: 'pg_dump',
  location: 's3://b',
  sizeBytes: 10,
  checksum: `sha256:${DIGEST}`,
};
/** A verification measured by the agent: a restore from a minute after the backup was taken, four minutes long. */
export const verification = (takenAt: number, succeeded = true, restoreMinutes = 4) => ({
  checksum: { algorithm: 'sha256', digest: DIGEST },
  sizeBytes: 10,
  restore: {
    target: 'staging',
    startedAt: new Date(takenAt + 60_000).toISOString(),
    finishedAt: new Date(takenAt + 60_000 + restoreMinutes * 60_000).toISOString(),
    objectsChecked: 12,
    succeeded,
  },
});

/**
 * The execution service under test, shared by the execution scenario files: two replicas of one
 * service (same database, same consumer group) on a clock the scenarios move. Call it inside a
 * describe block: it registers the beforeAll and afterAll that start and stop the replicas.
 */
export function useExecutionService() {
  /** The service's clock, moved by the tests. */
  let now = new Date('2027-01-16T21:00:00Z');
  const clock = () => now;
  let db: TestDatabase;
  let execution: RunningService;
  let replica: RunningService;
  const env = {
    KAFKA_TOPIC_PREFIX: `${uniqueName('exec')}.`,
    KAFKA_CONSUMER_GROUP: uniqueName('execution'),
    WATCHDOG_INTERVAL_MS: '100',
  };

  beforeAll(async () => {
    db = await freshDatabase('execution');
    execution = await startService('execution', (e) => ExecutionModule.register(e, clock), env, { db });
    replica = await startService('execution', (e) => ExecutionModule.register(e, clock), env, { db });
  });
  afterAll(async () => {
    await replica.close();
    await execution.close();
    await db.drop();
  });

  /** Each producer's streams of the scenario, chained as they are published (ADR 19). */
  const chains = new StreamChains();
  const envelope = (
    type: string,
    producer: 'planning' | 'monitoring' | 'inventory',
    correlationId: string,
    payload: Record<string, unknown>,
    schemaVersion = 1,
  ): EventEnvelope =>
    chains.seal({
      eventId: uuidv7(),
      type,
      schemaVersion,
      streamId: `${producer}-${correlationId}`,
      occurredAt: now.toISOString(),
      producer,
      correlationId,
      causationId: null,
      actor: { id: 'system', role: 'system' },
      payload,
    });

  const as = (role: Parameters<RunningService['as']>[0]) => execution.as(role);
  /** The UpgradeReadyForExecution each upgrade was declared ready with, by upgrade. */
  const ready = new Map<string, EventEnvelope>();

  /**
   * Monitoring captured the baselines before the window, planning scheduled the window with its
   * estimates and declared the upgrade ready; execution learns all of it from Kafka.
   */
  async function planReady(
    upgradeId: string,
    changes: Partial<ReadyPlan> = {},
    evidence: { baselines: typeof baselines } = { baselines },
    rollout: PlannedRollout | null = null,
  ) {
    const plan = { ...basePlan, upgradeId, ...changes };
    // Sealed in the order they are sent: one chain, planning's stream of the upgrade.
    const waves = rollout ? [envelope('WavesDefined', 'planning', upgradeId, { upgradeId, ...rollout })] : [];
    const scheduled = envelope('MaintenanceWindowScheduled', 'planning', upgradeId, {
      upgradeId,
      ...plan.window,
      estimates: windowEstimates,
    });
    const event = envelope('UpgradeReadyForExecution', 'planning', upgradeId, plan);
    ready.set(upgradeId, event);
    const stats = { mean: 0.01, p95: 0.02, max: 0.03, samples: 30 };
    const captured = evidence.baselines.map(({ assetId, metrics, from, to }) =>
      envelope('BaselineCaptured', 'monitoring', upgradeId, {
        upgradeId,
        assetId,
        from,
        to,
        metrics: Object.fromEntries(metrics.map((m) => [m, stats])),
      }),
    );
    await sendRaw(
      execution.topic('monitoring'),
      captured.map((e) => toKafkaRecord(e)),
    );
    await sendRaw(
      execution.topic('planning'),
      [...waves, scheduled, event].map((e) => toKafkaRecord(e)),
    );
    const data = execution.app.get(DataSource);
    const rows = async (sql: string) => (await data.query(sql, [upgradeId])).length;
    await eventually(
      async () =>
        (await rows('SELECT 1 FROM ready_upgrades WHERE upgrade_id = $1')) === 1 &&
        (await rows('SELECT 1 FROM window_estimates WHERE upgrade_id = $1')) === 1 &&
        (await rows('SELECT 1 FROM planned_rollouts WHERE upgrade_id = $1')) === waves.length &&
        (await rows('SELECT 1 FROM monitoring_baselines WHERE upgrade_id = $1')) === evidence.baselines.length,
      30_000,
      `${upgradeId} ready`,
    );
  }

  /** Moves the service's clock on by some minutes. */
  const advance = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };

  /** The operator records the backup taken now; the agent restores it over the next minutes and verifies it. */
  async function backupVerified(upgradeId: string, restoreSucceeded = true, restoreMinutes = 4, backupId = 'nightly') {
    await as('operator').post(`/executions/${upgradeId}/backups/${backupId}/taken`).send(takenBody).expect(200);
    const takenAt = now.getTime();
    advance(restoreMinutes + 1);
    return as('agent')
      .post(`/executions/${upgradeId}/backups/${backupId}/verification`)
      .send(verification(takenAt, restoreSucceeded, restoreMinutes))
      .expect(200);
  }

  /**
   * Inventory captured orders-db's configuration for the upgrade now (its server time); resolves
   * once execution has handled the event, whether it counted the snapshot or not.
   */
  async function snapshotCaptured(upgradeId: string, phase: SnapshotPhase, assetId = 'orders-db') {
    const snapshotId = uuidv7();
    const configuration = phase === 'before-apply' ? configurationBefore : configurationAfter;
    const contentHash = createHash('sha256').update(canonicalJson(configuration)).digest('hex');
    const payload = { snapshotId, assetId, capturedAt: now.toISOString(), label: phase, contentHash, configuration };
    const event = envelope(
      'ConfigurationSnapshotCaptured',
      'inventory',
      upgradeId,
      { ...payload, upgradeId, phase },
      2,
    );
    await sendRaw(execution.topic('inventory'), [toKafkaRecord(event)]);
    const data = execution.app.get(DataSource);
    await eventually(
      async () => (await data.query('SELECT 1 FROM processed_events WHERE event_id = $1', [event.eventId])).length > 0,
      30_000,
      `snapshot ${phase} of ${assetId} handled`,
    );
    return snapshotId;
  }

  async function startedAndApplied(upgradeId: string) {
    await as('operator').post(`/executions/${upgradeId}/start`).expect(201);
    await backupVerified(upgradeId);
    await as('operator').post(`/executions/${upgradeId}/steps/pg-upgrade/start`).expect(200);
    await as('operator')
      .post(`/executions/${upgradeId}/steps/pg-upgrade/complete`)
      .send({ outputSummary: 'done', durationSeconds: 60 })
      .expect(200);
    await snapshotCaptured(upgradeId, 'before-apply');
    await as('operator').post(`/executions/${upgradeId}/apply`).expect(200);
  }
  const types = async (upgradeId: string) =>
    (await execution.store.readStream(`execution-${upgradeId}`)).map((e) => e.type);

  return {
    /** The first replica: the one the scenarios call and read. */
    get execution() {
      return execution;
    },
    /** Moves the service's clock. */
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    /** The topic namespace, for another service (e.g. inventory) to join the scenario. */
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    envelope,
    chains,
    as,
    advance,
    backupVerified,
    ready,
    planReady,
    snapshotCaptured,
    startedAndApplied,
    types,
  };
}
