// Act 1: the landscape the demo upgrades, registered in inventory.
import { ok } from '../client.mjs';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Three PostgreSQL sites, a reporting tool that reads from Berlin, and the rules that bind them. */
export async function registerInventory({ api, log, tag, id }) {
  // Peak periods on a weekday three days out, so the window below is clear of them.
  const peakDay = DAYS[(new Date().getUTCDay() + 3) % 7];
  const peak = { name: 'order peak', days: [peakDay], from: '08:00', to: '18:00', timeZone: 'Europe/Berlin' };

  log('1. Inventory: three PostgreSQL sites and a reporting tool that reads from Berlin');
  const asset = (assetId, over) =>
    ok(
      api.planner.POST('/assets', {
        body: {
          assetId,
          kind: 'database',
          product: 'postgresql',
          node: 'db-1',
          criticality: 'high',
          owner: 'dba-team',
          businessProcesses: ['order-to-cash'],
          userGroups: ['sales'],
          peakPeriods: [peak],
          ...over,
        },
      }),
    );
  await asset(id('pg-berlin'), { name: 'Orders DB Berlin', version: '15.6', site: 'berlin' });
  await asset(id('pg-hamburg'), { name: 'Orders DB Hamburg', version: '15.4', site: 'hamburg' });
  await asset(id('pg-munich'), { name: 'Orders DB Munich', version: '15.5', site: 'munich' });
  await asset(id('reportly-berlin'), {
    name: 'Reportly Berlin',
    kind: 'application',
    product: `reportly-${tag}`,
    version: '4.2',
    site: 'berlin',
    criticality: 'medium',
    owner: 'bi-team',
    businessProcesses: ['monthly-reporting'],
    userGroups: ['finance'],
  });
  await ok(
    api.planner.POST('/assets/{assetId}/dependencies', {
      params: { path: { assetId: id('reportly-berlin') } },
      body: { dependsOnAssetId: id('pg-berlin'), relation: 'reports-from' },
    }),
  );
  await ok(
    api.planner.POST('/compatibility/rules', {
      body: {
        ruleId: id('reportly-4-pg'),
        product: `reportly-${tag}`,
        versionRange: '4.x',
        requiresProduct: 'postgresql',
        requiresRange: '>=12 <16',
        source: { kind: 'vendor-note', reference: 'Reportly 4 release notes' },
        reason: 'its JDBC driver predates PostgreSQL 16',
      },
    }),
  );
  await ok(
    api.planner.POST('/compatibility/rules', {
      body: {
        ruleId: id('reportly-5-pg'),
        product: `reportly-${tag}`,
        versionRange: '>=5',
        requiresProduct: 'postgresql',
        requiresRange: '>=14',
        source: { kind: 'test', reference: 'pilot run' },
      },
    }),
  );
  const drift = await ok(
    api.observer.GET('/products/{product}/drift', { params: { path: { product: 'postgresql' } } }),
  );
  log(`   version drift for postgresql: ${drift.sites.map((s) => `${s.site} ${s.versions.join('/')}`).join(', ')}`);
}
