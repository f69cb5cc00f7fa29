// Act 5: one ready upgrade executed, shared with the end-to-end and fault tests.
import { call, until } from '../client.mjs';

/**
 * Runs a ready upgrade's backups, steps, apply and acceptance checks through the execution API.
 * @param {string} executionUrl
 * @param {string} upgradeId
 * @param {{ site: string, tag: string, outcome?: (criterionId: string) => string, verification?: (backupId: string) => boolean }} options
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
    await x(`backups/${backup.backupId}/taken`, {
      what: backup.scope,
      method: 'pg_basebackup',
      location: `s3://backups/${site}`,
      sizeBytes: 52_428_800,
      checksum: `sha256:${backup.backupId}-${tag}`,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    });
    await x(`backups/${backup.backupId}/verification`, {
      checksum: `sha256:${backup.backupId}-${tag}`,
      restoreTest: { target: 'restore host', durationSeconds: 540, succeeded: verification(backup.backupId) },
    });
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
