// Act 7: Berlin closes (its users were told in act 6), Hamburg's users hear of the rollback; the record and the audit.
import { all, ok, until } from '../client.mjs';
import { noticeDelivered } from '../notice-receiver.mjs';

export async function closeAndAudit({ api, log, upgrades, id }) {
  const upgrade = (upgradeId) => ({ params: { path: { upgradeId } } });
  /** The whole history, every page of it. */
  const history = (upgradeId) =>
    all((cursor) =>
      ok(api.auditor.GET('/audit/upgrades/{upgradeId}/events', { params: { path: { upgradeId }, query: { cursor } } })),
    );
  const closed = await until(
    'Berlin to close',
    async () =>
      (await ok(api.observer.GET('/upgrades/{upgradeId}', upgrade(upgrades.berlin)))).status === 'Closed' || undefined,
    { timeoutMs: 180_000, everyMs: 2000 },
  );
  const versions = [];
  for (const site of Object.keys(upgrades))
    versions.push(await ok(api.observer.GET('/assets/{assetId}', { params: { path: { assetId: id(`pg-${site}`) } } })));
  log(`   inventory now: ${versions.map((a) => `${a.site} ${a.version}`).join(', ')} (closed: ${closed})`);
  // Planning wrote and sent Hamburg's rollback notice itself; the gate says it was delivered.
  await noticeDelivered(api, upgrades.hamburg, 'rollback-notice');
  log('   Hamburg’s users were told of the rollback: rollback-notice delivered');

  await until(
    'the compiled record',
    async () => (await history(upgrades.berlin)).some((e) => e.type === 'UpgradeRecordCompiled') || undefined,
    { timeoutMs: 60_000, everyMs: 1000 },
  );
  const record = await ok(
    api.auditor.GET('/records/{upgradeId}', {
      ...upgrade(upgrades.berlin),
      headers: { accept: 'text/markdown' },
      parseAs: 'text',
    }),
  );
  const verify = {};
  for (const upgradeId of Object.values(upgrades))
    verify[upgradeId] = await ok(api.auditor.GET('/audit/verify', { params: { query: { upgradeId } } }));
  const everything = await ok(api.auditor.GET('/audit/verify'));
  return { record, verify, everything };
}
