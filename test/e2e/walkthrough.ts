import type { RoleClients } from '../../scripts/demo/client.mjs';
import { execute, prepareUpgrades } from '../../scripts/demo/walkthrough.mjs';

const quiet = () => undefined;

/**
 * The demo's first steps, shared by the end-to-end tests: both sites' upgrades prepared through
 * every gate by the test's role clients, returned once their window has opened. The short lead
 * keeps the tests quick. Hamburg is watched by its threshold trigger alone (no metric analysis,
 * which would judge it first): the dashboard's test shows that regression as it is detected.
 */
export async function readyInWindow(
  api: RoleClients,
  tag: string,
): Promise<{ upgrades: { berlin: string; hamburg: string } }> {
  const { upgrades, window } = await prepareUpgrades({
    api,
    log: quiet,
    tag,
    monitoringMinutes: 1,
    windowLeadSeconds: 12,
    metrics: null,
  });
  // The window is a time of day the plan was scheduled for: only the clock can open it.
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(window.startsAt) - Date.now() + 500)));
  return { upgrades };
}

export { execute };
