// Act 7: the plan follows the rollback, the users hear of it; the inventory, the record and the audit.
import { all, ok, until } from '../client.mjs';
import { noticeDelivered } from '../notice-receiver.mjs';
import { watchedAssets } from './baselines.mjs';

export async function closeAndAudit({ api, log, upgradeId, id }) {
  log('7. The rollback completed: what each site runs now, the record and the audit');
  const upgrade = { params: { path: { upgradeId } } };
  /** The whole history, every page of it. */
  const history = () =>
    all((cursor) =>
      ok(api.auditor.GET('/audit/upgrades/{upgradeId}/events', { params: { path: { upgradeId }, query: { cursor } } })),
    );
  await until(
    'planning to follow the rollback',
    async () => (await ok(api.observer.GET('/upgrades/{upgradeId}', upgrade))).status === 'RolledBack' || undefined,
    { timeoutMs: 120_000, everyMs: 1000 },
  );
  // Inventory hears the applies and RollbackCompleted through Kafka, in order: wait until the
  // pilot's database runs 16 and Hamburg's runs 15 again.
  const versions = await until('inventory to restore the rolled-back wave', async () => {
    const assets = [];
    for (const assetId of watchedAssets(id))
      assets.push(await ok(api.observer.GET('/assets/{assetId}', { params: { path: { assetId } } })));
    const version = (site) => assets.find((a) => a.assetId === id(`pg-${site}`)).version;
    return version('berlin') === '16.2' && version('hamburg') === '15.4' ? assets : undefined;
  });
  log(`   inventory now: ${versions.map((a) => `${a.assetId} ${a.version}`).join(', ')}`);
  // Planning wrote and sent the rollback notice itself; the gate says it was delivered.
  await noticeDelivered(api, upgradeId, 'rollback-notice');
  log('   the users were told of the rollback: rollback-notice delivered');
  // The record is compiled from every service's events as it is read (the compiled, hashed one
  // is for a closed upgrade): wait until monitoring holds the rollback's end.
  await until(
    'monitoring to hold the rollback',
    async () => (await history()).some((e) => e.type === 'RollbackCompleted') || undefined,
    { timeoutMs: 60_000, everyMs: 1000 },
  );
  const record = await ok(
    api.auditor.GET('/records/{upgradeId}', { ...upgrade, headers: { accept: 'text/markdown' }, parseAs: 'text' }),
  );
  const verify = { [upgradeId]: await ok(api.auditor.GET('/audit/verify', { params: { query: { upgradeId } } })) };
  const everything = await ok(api.auditor.GET('/audit/verify'));
  return { record, verify, everything };
}
