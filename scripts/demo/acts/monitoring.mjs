// Act 6: metrics during monitoring; Hamburg regresses until it is rolled back, Berlin stays healthy.
import { ok, sleep, until } from '../client.mjs';
import { watchedAssets } from './baselines.mjs';

export async function monitorUntilRolledBack({ api, log, upgrades, id, monitoringMinutes, metrics }) {
  log(`6. Monitoring for ${monitoringMinutes} minutes: Hamburg regresses, Berlin stays healthy`);
  await tellBerlinItIsDone(api, upgrades.berlin);
  const monitoringEnds = Date.now() + monitoringMinutes * 60_000 + 20_000;
  let rolledBack = false;
  while (Date.now() < monitoringEnds || !rolledBack) {
    if (Date.now() > monitoringEnds + 180_000) throw new Error('Hamburg’s regression never led to a rollback');
    const ts = new Date().toISOString();
    await ok(
      api.observer.POST('/metrics', {
        body: {
          samples: [
            // Every asset a trigger watches reports: no data would be a finding, even for healthy Berlin.
            ...watchedAssets('berlin', id).map((assetId) => ({
              assetId,
              metric: 'error_rate',
              timestamp: ts,
              value: 0.01,
            })),
            { assetId: id('pg-hamburg'), metric: 'error_rate', timestamp: ts, value: rolledBack ? 0.01 : 0.3 },
          ],
        },
      }),
    );
    const hamburg = await ok(
      api.observer.GET('/executions/{upgradeId}', { params: { path: { upgradeId: upgrades.hamburg } } }),
    );
    if (hamburg.status === 'RollingBack') {
      await ok(
        api.operator.POST('/executions/{upgradeId}/rollback/complete', {
          params: { path: { upgradeId: upgrades.hamburg } },
          body: { dataLossExposure: 'none: writes were paused during the restore' },
        }),
      );
      rolledBack = true;
      await metrics.recover();
    }
    await sleep(5000);
  }
}

/**
 * Berlin's users hear the outcome while monitoring runs: the plan closes only once every affected
 * group had its after-upgrade notice (a close confirmed earlier waits for it).
 */
async function tellBerlinItIsDone(api, upgradeId) {
  const upgrade = { params: { path: { upgradeId } } };
  await until(
    'planning to follow Berlin into execution',
    async () =>
      ['InExecution', 'Monitoring'].includes((await ok(api.observer.GET('/upgrades/{upgradeId}', upgrade))).status) ||
      undefined,
  );
  await ok(
    api.planner.POST('/upgrades/{upgradeId}/notices', {
      ...upgrade,
      body: {
        phase: 'after',
        userGroups: ['sales', 'finance'],
        channel: 'email',
        message: { availableAgain: true, changes: 'PostgreSQL 16, Reportly 5', knownIssues: 'none' },
      },
    }),
  );
}
