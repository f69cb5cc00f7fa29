import { createUpgradeControlClient, ok, refusal, type ServiceUrls } from '@upgrade-control/client';

export async function proposeAndSubmit(urls: ServiceUrls) {
  const planner = createUpgradeControlClient({ urls, apiKey: 'dev-planner' }); // or bearer: '<JWT>'
  const upgrade = { params: { path: { upgradeId: 'pg16-berlin' } } };
  const targets = [{ assetId: 'pg-berlin', toVersion: '16.2' }];
  const body = { upgradeId: 'pg16-berlin', title: 'PostgreSQL 16', purpose: 'end of support', targets };
  await ok(planner.POST('/upgrades', { body: { ...body, category: 'end-of-support' } })); // → planning
  const gates = await ok(planner.GET('/upgrades/{upgradeId}/gates', upgrade)); // ApiProblem unless 2xx
  const refused = await refusal(planner.POST('/upgrades/{upgradeId}/submit', upgrade), 422); // gates not passed
  return { gates, refusal: refused.problem };
}
