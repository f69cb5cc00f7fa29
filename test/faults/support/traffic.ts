/**
 * Work for the fault scenarios: the demo's walkthrough (scripts/demo/walkthrough.mjs, shared with
 * the end-to-end test) and a steady stream of asset registrations beside it.
 *
 * The walkthrough talks through the global fetch; while a fault lasts, patientFetch() retries what
 * the fault explains (no connection, 5xx) instead of failing the walk. Faults are injected only
 * when the walk has no request open to the service hit (see whenIdle), so a retried command can
 * never have been committed already.
 */
import { ok } from '@upgrade-control/client';
import type { ServiceName } from '@upgrade-control/contracts';
import { KEYS, roleClients, sleep } from '../../../scripts/demo/client.mjs';
import { execute, prepareUpgrades, windowOpen } from '../../../scripts/demo/walkthrough.mjs';

const originalFetch = globalThis.fetch;
const open = new Map<string, number>();
/** Origins of systems that were stopped: a walk left running there gives up at once. */
const retired = new Set<string>();
const loads = new Set<Load>();
const RETRY_FOR_MS = 90_000;

const origin = (input: Parameters<typeof fetch>[0]) =>
  new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).origin;

/** Installs the patient fetch for the walkthrough; returns the function that removes it. */
export function patientFetch(): () => void {
  globalThis.fetch = async (input, init) => {
    const key = origin(input);
    const deadline = Date.now() + RETRY_FOR_MS;
    for (;;) {
      if (retired.has(key)) throw new Error(`${key} was stopped`);
      open.set(key, (open.get(key) ?? 0) + 1);
      let outcome: Response | Error;
      try {
        outcome = await originalFetch(input, init);
      } catch (error) {
        outcome = error as Error;
      } finally {
        open.set(key, open.get(key)! - 1);
      }
      // A network error from fetch comes from outside jest's realm: not `instanceof Error` here.
      const answered = typeof (outcome as Response).status === 'number';
      const transient = !answered || (outcome as Response).status >= 500;
      if (!transient || Date.now() > deadline) {
        if (!answered) throw outcome;
        return outcome as Response;
      }
      await sleep(250);
    }
  };
  return () => {
    globalThis.fetch = originalFetch;
  };
}

/** Stops every load still running. */
export async function stopLoads(): Promise<void> {
  await Promise.all([...loads].map((load) => load.stop()));
}

/** Makes any walk still running against these (stopped) services give up. */
export function retire(urls: string[]): void {
  for (const url of urls) retired.add(new URL(url).origin);
}

/** Runs `act` at a moment when the walkthrough has no request open to `url` (synchronously then). */
export async function whenIdle<T>(urls: string[], act: () => T): Promise<T> {
  for (;;) {
    if (urls.every((url) => !open.get(new URL(url).origin))) return act();
    await sleep(5);
  }
}

export interface Walk {
  upgradeId: string;
}

/**
 * One walkthrough through all four services: inventory and the staged plan through every gate
 * (inventory → planning, execution, monitoring), then the pilot wave executes and passes acceptance
 * (execution → inventory moves versions, planning follows) and the decision owner rolls it back
 * before the second wave (versions move back, the second wave is cancelled, planning follows).
 * The second wave's window opens minutes later: a fault scenario does not wait for it.
 */
export async function walkthrough(
  urls: Record<ServiceName, string>,
  tag: string,
  // Longer than the demo tests' lead: under a fault, the preparation and the notices' delivery must
  // still end before the window opens (the waves' windows are fixed while the plan is a draft).
  windowLeadSeconds = 75,
): Promise<Walk> {
  const quiet = () => undefined;
  const api = roleClients(urls);
  const { upgradeId, window } = await prepareUpgrades({
    api,
    log: quiet,
    tag,
    monitoringMinutes: 1,
    windowLeadSeconds,
    // A fault may hold the pilot up: its window keeps it clear of the deadline that rolls back a late wave.
    pilotMinutes: 5,
  });
  await windowOpen(window);
  const outcome = await execute(api, upgradeId, { tag });
  if (outcome !== 'passed') throw new Error(`the pilot's acceptance was meant to pass, got ${outcome}`);
  const upgrade = { params: { path: { upgradeId } } };
  await ok(
    api.operator.POST('/executions/{upgradeId}/rollback', { ...upgrade, body: { reason: 'the pilot is called off' } }),
  );
  await ok(
    api.operator.POST('/executions/{upgradeId}/rollback/complete', { ...upgrade, body: { dataLossExposure: 'none' } }),
  );
  return { upgradeId };
}

export interface Load {
  /** Registrations accepted so far. */
  accepted(): number;
  /** Stops sending and resolves with how many registrations were accepted and refused. */
  stop(): Promise<{ accepted: number; failed: number }>;
}

/**
 * Registers assets continuously so that events flow while a fault lasts.
 * No retries: a refusal during the fault is fine; what was accepted must arrive everywhere.
 */
export function assetLoad(inventoryUrl: string, tag: string, concurrency = 2, pauseMs = 50): Load {
  let running = true;
  let n = 0;
  const counts = { accepted: 0, failed: 0 };
  const worker = async () => {
    while (running) {
      const assetId = `load-${tag}-${(n += 1)}`;
      try {
        const response = await originalFetch(`${inventoryUrl}/assets`, {
          method: 'POST',
          headers: { 'x-api-key': KEYS.planner, 'content-type': 'application/json' },
          body: JSON.stringify({
            assetId,
            name: `Load ${assetId}`,
            kind: 'application',
            product: `load-${tag}`,
            version: '1.0',
            site: 'berlin',
            node: 'app-1',
            criticality: 'low',
            owner: 'load-team',
          }),
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
        if (response.status === 201) counts.accepted += 1;
        else counts.failed += 1;
        // A steady trickle (about 30 a second), not a benchmark: the faults are the point.
        await sleep(response.ok ? pauseMs : 100);
      } catch {
        counts.failed += 1;
        await sleep(100);
      }
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  const load: Load = {
    accepted: () => counts.accepted,
    stop: async () => {
      running = false;
      loads.delete(load);
      await Promise.all(workers);
      return counts;
    },
  };
  loads.add(load);
  return load;
}
