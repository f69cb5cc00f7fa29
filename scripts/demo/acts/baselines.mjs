// Act 4: monitoring's baselines, from samples taken before the upgrade.
import { call } from '../client.mjs';

export async function captureBaselines({ monitoring, log, upgrades, id }) {
  log('4. Baselines before the upgrade');
  const now = Date.now();
  for (const site of Object.keys(upgrades)) {
    const samples = Array.from({ length: 30 }, (_, i) => ({
      assetId: id(`pg-${site}`),
      metric: 'error_rate',
      timestamp: new Date(now - (31 - i) * 60_000).toISOString(),
      value: 0.01,
    }));
    await call(`${monitoring}/metrics`, { method: 'POST', role: 'observer', body: { samples } });
    await call(`${monitoring}/monitoring/${upgrades[site]}/baselines`, {
      method: 'POST',
      role: 'observer',
      body: {
        assetId: id(`pg-${site}`),
        from: new Date(now - 40 * 60_000).toISOString(),
        to: new Date(now).toISOString(),
      },
    });
  }
}
