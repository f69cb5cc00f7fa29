// Act 5: the running wave of a ready upgrade executed, shared with the end-to-end and fault tests.
import { createHash } from 'node:crypto';
import { ok, until } from '../client.mjs';
import { cleanUp, restoreBackup, sha256Of, takeBackup } from './backup-drill.mjs';
import { applyStepChange, dropTarget, prepareTarget, readConfiguration } from './configuration-drill.mjs';

/**
 * Runs the running wave of a ready upgrade through the execution API, starting the execution
 * first if it has not started (the first wave's window must be open): the backups of the wave's
 * targets, the runbook (once, before the first wave's apply), apply and the wave's acceptance
 * checks; after the last wave, completion. The agent records each target's configuration in
 * inventory before and after apply. A plan without waves runs as one wave of every target.
 * @param {import('../client.mjs').RoleClients} api the caller's role clients (roleClients)
 * @param {string} upgradeId
 * @param {{ tag: string, outcome?: (criterionId: string) => string, verification?: (backupId: string) => boolean }} options
 *   `verification(backupId) === false` makes that backup's restore really fail.
 * @returns {Promise<'passed' | 'failed'>} the wave's acceptance
 */
export async function execute(api, upgradeId, { tag, outcome = () => 'passed', verification = () => true }) {
  const upgrade = { upgradeId };
  // `path` is relative to /executions/{upgradeId}/ and may name more parameters, given in `params`.
  const x = (path, body, role = 'operator', params = {}) =>
    ok(api[role].POST(`/executions/{upgradeId}/${path}`, { params: { path: { ...upgrade, ...params } }, body }));
  const view = () => ok(api.observer.GET('/executions/{upgradeId}', { params: { path: upgrade } }));
  const { response } = await api.observer.GET('/executions/{upgradeId}', { params: { path: upgrade } });
  // Answered (whatever its body) once execution has heard the plan is ready.
  if (response.status === 404) await until('execution to know the ready plan', () => x('start', {}).then(() => true));
  const { plan, rollout, steps } = await view();
  const wave = rollout?.waves[rollout.current];
  const inWave = new Set(wave?.targets ?? plan.targets.map((t) => t.assetId));
  const targets = await Promise.all(
    [...inWave].map(async (assetId) => ({ assetId, db: await prepareTarget(scratchName(upgradeId, assetId, tag)) })),
  );
  try {
    return await run();
  } finally {
    for (const { db } of targets) await dropTarget(db);
  }

  /** The agent reads each target's configuration and records it in inventory for this phase of the upgrade. */
  async function snapshots(phase) {
    for (const { assetId, db } of targets)
      await ok(
        api.agent.POST('/assets/{assetId}/snapshots', {
          params: { path: { assetId } },
          body: {
            label: `${phase} ${upgradeId}`,
            configuration: await readConfiguration(db),
            forUpgrade: { upgradeId, phase },
          },
        }),
      );
    await until(`execution to count the ${phase} snapshots`, async () => {
      const execution = await ok(api.observer.GET('/executions/{upgradeId}', { params: { path: upgrade } }));
      const counted = execution.snapshots[phase];
      return targets.every(({ assetId }) => counted?.[assetId]);
    });
  }

  async function run() {
    for (const backup of plan.backups.filter((b) => inWave.has(b.assetId))) {
      // The operator takes a real backup; the agent (another principal) re-hashes the stored bytes,
      // restores them into a scratch database, times it and counts the rows there.
      const name = `uc_bk_${createHash('sha256').update(`${upgradeId}/${backup.backupId}/${tag}`).digest('hex').slice(0, 16)}`;
      const taken = await takeBackup(name);
      try {
        await x(
          'backups/{backupId}/taken',
          {
            what: backup.scope,
            method: taken.method,
            location: taken.file,
            sizeBytes: taken.sizeBytes,
            checksum: taken.checksum,
          },
          'operator',
          { backupId: backup.backupId },
        );
        const digest = await sha256Of(taken.file);
        const restore = await restoreBackup(taken, { damaged: !verification(backup.backupId) });
        await x(
          'backups/{backupId}/verification',
          { checksum: { algorithm: 'sha256', digest }, sizeBytes: taken.sizeBytes, restore },
          'agent',
          { backupId: backup.backupId },
        );
      } finally {
        await cleanUp(taken);
      }
    }
    await snapshots('before-apply');
    // The runbook is done for each wave: a promotion starts the steps afresh (ADR 37).
    for (const step of plan.steps.filter((s) => steps[s.stepId] !== 'completed')) {
      await x('steps/{stepId}/start', {}, 'operator', { stepId: step.stepId });
      // pg-upgrade really changes a setting of the target's scratch database and reports what it changed.
      const [first] = targets;
      const changes =
        step.stepId === 'pg-upgrade' ? [{ assetId: first.assetId, ...(await applyStepChange(first.db)) }] : [];
      await x(
        'steps/{stepId}/complete',
        { outputSummary: 'ok', durationSeconds: 300, configurationChanges: changes },
        'operator',
        { stepId: step.stepId },
      );
    }
    await x('apply', {});
    await snapshots('after-apply');
    // The wave's own checks when it names some, else every criterion of the plan, core first.
    const criteria = wave?.acceptance.length ? wave.acceptance : ['starts', 'orders', 'logs'];
    for (const criterionId of criteria) {
      const checked = await x('acceptance-checks', {
        criterionId,
        outcome: outcome(criterionId),
        evidence: 'checked by the operator',
      });
      if (checked.events.includes('AcceptanceFailed')) return 'failed';
    }
    // The upgrade completes after its last wave; an earlier wave bakes, then is promoted.
    if (!rollout || rollout.current === rollout.waves.length - 1) await x('complete', {});
    return 'passed';
  }
}

const scratchName = (upgradeId, assetId, tag) =>
  `uc_cf_${createHash('sha256').update(`${upgradeId}/${assetId}/${tag}`).digest('hex').slice(0, 16)}`;
