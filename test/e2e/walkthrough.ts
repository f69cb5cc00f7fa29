import { ok } from '@upgrade-control/client';
import type { RoleClients } from '../../scripts/demo/client.mjs';
import { execute, prepareUpgrades, promoteWhenBaked, SECOND, windowOpen } from '../../scripts/demo/walkthrough.mjs';
import { startCollector } from '../../scripts/demo/acts/collector.mjs';

const quiet = () => undefined;

/**
 * The demo's first steps, shared by the end-to-end tests: the staged upgrade (Berlin's pilot, then
 * Hamburg and Munich) prepared through every gate by the test's role clients, returned once its
 * window (and the pilot's) has opened. The lead covers the preparation, since the waves' windows
 * are fixed while the plan is a draft. Hamburg is watched by its threshold trigger alone (no metric
 * analysis, which would judge it first): the dashboard's test shows that regression as it is detected.
 */
export async function readyInWindow(api: RoleClients, tag: string): Promise<{ upgradeId: string }> {
  const { upgradeId, window } = await prepareUpgrades({
    api,
    log: quiet,
    tag,
    monitoringMinutes: 1,
    windowLeadSeconds: 25,
    metrics: null,
  });
  await windowOpen(window);
  return { upgradeId };
}

/**
 * The pilot baked, the approver promoted it and the second wave is applied and accepted: the
 * upgrade completed. Monitoring watches the pilot while it bakes, so the collector reports meanwhile.
 */
export async function secondWave(api: RoleClients, upgradeId: string, tag: string): Promise<string> {
  const collector = startCollector({ api, id: (name: string) => `${name}-${tag}` });
  try {
    await promoteWhenBaked({ api, log: quiet, upgradeId, to: SECOND });
  } finally {
    await collector.stop();
  }
  return execute(api, upgradeId, { tag });
}

/** The decision owner (oscar, the operator's key) rolls the running wave back and the operator restores it. */
export async function rollBackByHand(api: RoleClients, upgradeId: string, reason: string): Promise<void> {
  const upgrade = { params: { path: { upgradeId } } };
  await ok(api.operator.POST('/executions/{upgradeId}/rollback', { ...upgrade, body: { reason } }));
  await ok(
    api.operator.POST('/executions/{upgradeId}/rollback/complete', { ...upgrade, body: { dataLossExposure: 'none' } }),
  );
}

export { execute };
