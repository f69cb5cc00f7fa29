// Act 5: one ready upgrade executed, shared with the end-to-end and fault tests.
import { createHash } from 'node:crypto';
import { call, until } from '../client.mjs';
import { cleanUp, restoreBackup, sha256Of, takeBackup } from './backup-drill.mjs';

/**
 * Runs a ready upgrade's backups, steps, apply and acceptance checks through the execution API.
 * @param {string} executionUrl
 * @param {string} upgradeId
 * @param {{ site: string, tag: string, outcome?: (criterionId: string) => string, verification?: (backupId: string) => boolean }} options
 *   `verification(backupId) === false` makes that backup's restore really fail.
 */
export async function execute(
  executionUrl,
  upgradeId,
  { site, tag, outcome = () => 'passed', verification = () => true },
) {
  const x = (path, body, role = 'operator') =>
    call(`${executionUrl}/executions/${upgradeId}/${path}`, { method: 'POST', role, body });
  await until('execution to know the ready plan', () => x('start', {}));
  const plan = (await call(`${executionUrl}/executions/${upgradeId}`)).body.plan;
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
  for (const step of plan.steps) {
    await x(`steps/${step.stepId}/start`, {});
    await x(`steps/${step.stepId}/complete`, {
      outputSummary: 'ok',
      durationSeconds: 300,
      configurationChanges:
        step.stepId === 'pg-upgrade'
          ? [{ assetId: plan.targets[0].assetId, path: 'password_encryption', before: 'md5', after: 'scram-sha-256' }]
          : [],
    });
  }
  await x('apply', {});
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
