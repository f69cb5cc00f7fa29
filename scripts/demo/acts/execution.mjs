// Act 5: one ready upgrade executed, shared with the end-to-end and fault tests.
import { createHash } from 'node:crypto';
import { call, until } from '../client.mjs';
import { cleanUp, restoreBackup, sha256Of, takeBackup } from './backup-drill.mjs';
import { applyStepChange, dropTarget, prepareTarget, readConfiguration } from './configuration-drill.mjs';

/**
 * Runs a ready upgrade's backups, steps, apply and acceptance checks through the execution API;
 * the agent records each target's configuration in inventory before and after apply.
 * @param {{ execution: string, inventory: string }} urls
 * @param {string} upgradeId
 * @param {{ site: string, tag: string, outcome?: (criterionId: string) => string, verification?: (backupId: string) => boolean }} options
 *   `verification(backupId) === false` makes that backup's restore really fail.
 */
export async function execute(urls, upgradeId, { site, tag, outcome = () => 'passed', verification = () => true }) {
  const x = (path, body, role = 'operator') =>
    call(`${urls.execution}/executions/${upgradeId}/${path}`, { method: 'POST', role, body });
  await until('execution to know the ready plan', () => x('start', {}));
  const plan = (await call(`${urls.execution}/executions/${upgradeId}`)).body.plan;
  const targets = await Promise.all(
    plan.targets.map(async ({ assetId }) => ({
      assetId,
      db: await prepareTarget(scratchName(upgradeId, assetId, tag)),
    })),
  );
  try {
    return await run();
  } finally {
    for (const { db } of targets) await dropTarget(db);
  }

  /** The agent reads each target's configuration and records it in inventory for this phase of the upgrade. */
  async function snapshots(phase) {
    for (const { assetId, db } of targets)
      await call(`${urls.inventory}/assets/${assetId}/snapshots`, {
        method: 'POST',
        role: 'agent',
        body: {
          label: `${phase} ${upgradeId}`,
          configuration: await readConfiguration(db),
          forUpgrade: { upgradeId, phase },
        },
      });
    await until(`execution to count the ${phase} snapshots`, async () => {
      const counted = (await call(`${urls.execution}/executions/${upgradeId}`)).body.snapshots[phase];
      return targets.every(({ assetId }) => counted[assetId]);
    });
  }

  async function run() {
    for (const backup of plan.backups) {
      // The operator takes a real backup; the agent (another principal) re-hashes the stored bytes,
      // restores them into a scratch database, times it and counts the rows there.
      const name = `uc_bk_${createHash('sha256').update(`${upgradeId}/${backup.backupId}/${tag}`).digest('hex').slice(0, 16)}`;
      const taken = await takeBackup(name);
      try {
        await x(`backups/${backup.backupId}/taken`, {
          what: backup.scope,
          method: taken.method,
          location: `${taken.file} (${site})`,
          sizeBytes: taken.sizeBytes,
          checksum: taken.checksum,
        });
        const digest = await sha256Of(taken.file);
        const restore = await restoreBackup(taken, { damaged: !verification(backup.backupId) });
        await x(
          `backups/${backup.backupId}/verification`,
          { checksum: { algorithm: 'sha256', digest }, sizeBytes: taken.sizeBytes, restore },
          'agent',
        );
      } finally {
        await cleanUp(taken);
      }
    }
    await snapshots('before-apply');
    for (const step of plan.steps) {
      await x(`steps/${step.stepId}/start`, {});
      // pg-upgrade really changes a setting of the target's scratch database and reports what it changed.
      const [first] = targets;
      const changes =
        step.stepId === 'pg-upgrade' ? [{ assetId: first.assetId, ...(await applyStepChange(first.db)) }] : [];
      await x(`steps/${step.stepId}/complete`, {
        outputSummary: 'ok',
        durationSeconds: 300,
        configurationChanges: changes,
      });
    }
    await x('apply', {});
    await snapshots('after-apply');
    for (const criterionId of ['starts', 'orders', 'logs']) {
      const { body } = await x('acceptance-checks', {
        criterionId,
        outcome: outcome(criterionId),
        evidence: 'checked by the operator',
      });
      if (body.events.includes('AcceptanceFailed')) return 'failed';
    }
    await x('complete', {});
    return 'passed';
  }
}

const scratchName = (upgradeId, assetId, tag) =>
  `uc_cf_${createHash('sha256').update(`${upgradeId}/${assetId}/${tag}`).digest('hex').slice(0, 16)}`;
