// Act 3: monitoring's baselines, from samples taken before the upgrade and before its window.
import { ok } from '../client.mjs';
import { SITES } from './waves.mjs';

/**
 * The plan's targets (see plans.mjs): the error_rate trigger watches every one, so each needs a
 * baseline and live samples (no data is a finding, and so is a missing baseline).
 */
export const watchedAssets = (id) => [...SITES.map((site) => id(`pg-${site}`)), id('reportly-berlin')];

export async function captureBaselines({ api, log, upgradeId, id }) {
  log('3. Baselines before the upgrade, from a period before its window');
  const now = Date.now();
  for (const assetId of watchedAssets(id)) {
    const samples = Array.from({ length: 30 }, (_, i) => ({
      assetId,
      metric: 'error_rate',
      timestamp: new Date(now - (31 - i) * 60_000).toISOString(),
      value: 0.01,
    }));
    await ok(api.observer.POST('/metrics', { body: { samples } }));
    await ok(
      api.observer.POST('/monitoring/{upgradeId}/baselines', {
        params: { path: { upgradeId } },
        body: { assetId, from: new Date(now - 40 * 60_000).toISOString(), to: new Date(now).toISOString() },
      }),
    );
  }
}
