// Act 6: monitoring; Hamburg regresses until its wave is rolled back, the other sites stay healthy.
import { ok, sleep } from '../client.mjs';

/**
 * The collector (collector.mjs) reports every watched asset's samples meanwhile; Hamburg errs
 * until the rollback is under way; the operator then restores and completes it.
 */
export async function monitorUntilRolledBack({ api, log, upgradeId, monitoringMinutes, metrics, collector }) {
  log(`6. Monitoring for ${monitoringMinutes} minutes: Hamburg regresses, Berlin and Munich stay healthy`);
  const upgrade = { params: { path: { upgradeId } } };
  const givesUpAt = Date.now() + monitoringMinutes * 60_000 + 180_000;
  for (;;) {
    if (Date.now() > givesUpAt) throw new Error('Hamburg’s regression never led to a rollback');
    const execution = await ok(api.observer.GET('/executions/{upgradeId}', upgrade));
    if (execution.status === 'RollingBack') {
      const waves = Object.entries(execution.rollout.progress).map(([name, p]) => `${name} ${p.status}`);
      log(`   execution rolls back by the plan's policy: ${waves.join(', ')}`);
      const done = await ok(
        api.operator.POST('/executions/{upgradeId}/rollback/complete', {
          ...upgrade,
          body: { dataLossExposure: 'none: writes were paused during the restore' },
        }),
      );
      log(`   the operator restored the rolled-back wave (${done.events.join(', ')})`);
      await metrics.recover();
      collector.recover();
      return;
    }
    await sleep(5000);
  }
}
