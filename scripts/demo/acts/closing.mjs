// Act 7: Berlin closes (its users were told in act 6), Hamburg's users hear of the rollback; the record and the audit.
import { call, until } from '../client.mjs';
import { noticeDelivered } from '../notice-receiver.mjs';

export async function closeAndAudit({ urls, log, upgrades, id }) {
  const { inventory, planning, monitoring } = urls;
  const closed = await until(
    'Berlin to close',
    async () => (await call(`${planning}/upgrades/${upgrades.berlin}`)).body.status === 'Closed' || undefined,
    { timeoutMs: 180_000, everyMs: 2000 },
  );
  const versions = (await call(`${inventory}/assets?product=postgresql&limit=200`)).body.items.filter((a) =>
    Object.keys(upgrades).some((s) => a.assetId === id(`pg-${s}`)),
  );
  log(`   inventory now: ${versions.map((a) => `${a.site} ${a.version}`).join(', ')} (closed: ${closed})`);
  // Planning wrote and sent Hamburg's rollback notice itself; the gate says it was delivered.
  await noticeDelivered(planning, upgrades.hamburg, 'rollback-notice', until);
  log('   Hamburg’s users were told of the rollback: rollback-notice delivered');

  await until(
    'the compiled record',
    async () =>
      (await call(`${monitoring}/audit/upgrades/${upgrades.berlin}/events`, { role: 'auditor' })).body.some(
        (e) => e.type === 'UpgradeRecordCompiled',
      ) || undefined,
    { timeoutMs: 60_000, everyMs: 1000 },
  );
  const record = (await call(`${monitoring}/records/${upgrades.berlin}`, { role: 'auditor', accept: 'text/markdown' }))
    .body;
  const verify = {};
  for (const upgradeId of Object.values(upgrades))
    verify[upgradeId] = (await call(`${monitoring}/audit/verify?upgradeId=${upgradeId}`, { role: 'auditor' })).body;
  const everything = (await call(`${monitoring}/audit/verify`, { role: 'auditor' })).body;
  return { record, verify, everything };
}
