// Act 6: metrics during monitoring; Hamburg regresses until its wave is rolled back, the other sites stay healthy.
import { ok, sleep } from '../client.mjs';
import { watchedAssets } from './baselines.mjs';

/**
 * The collector's samples every 5 s (the pace a collector reports at; monitoring judges what
 * arrives): every watched asset reports, since no data would be a finding even for a healthy one.
 * Hamburg errs until the rollback is under way; the operator then restores and completes it.
 */
export async function monitorUntilRolledBack({ api, log, upgradeId, id, monitoringMinutes, metrics }) {
  log(`6. Monitoring for ${monitoringMinutes} minutes: Hamburg regresses, Berlin and Munich stay healthy`);
  const upgrade = { params: { path: { upgradeId } } };
  const hamburg = id('pg-hamburg');
  const givesUpAt = Date.now() + monitoringMinutes * 60_000 + 180_000;
  for (;;) {
    if (Date.now() > givesUpAt) throw new Error('Hamburg’s regression never led to a rollback');
    const timestamp = new Date().toISOString();
    await ok(
      api.observer.POST('/metrics', {
        body: {
          samples: watchedAssets(id).map((assetId) => ({
            assetId,
            metric: 'error_rate',
            timestamp,
            value: assetId === hamburg ? 0.3 : 0.01,
          })),
        },
      }),
    );
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
      return;
    }
    await sleep(5000);
  }
}
