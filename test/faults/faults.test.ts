/**
 * The event backbone under faults (issue 12): the four services as processes, driven through the
 * walkthrough while PostgreSQL, the broker or a service fails, and fed oversized events and
 * poison. After each: nothing lost, nothing applied twice, no false tamper alarm, the DLQ holds
 * only the poison. Runs its own broker (support/broker.ts) and reaches PostgreSQL through a proxy.
 */
import { SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { ok } from '@upgrade-control/client';
import { sleep } from '../../scripts/demo/client.mjs';
import { eventually } from '../support/environment.js';
import { asRoles } from '../e2e/api.js';
import { startSystem, type RunningSystem } from '../e2e/system.js';
import { faultBroker, type FaultBroker } from './support/broker.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { assetLoad, patientFetch, retire, stopLoads, walkthrough, whenIdle } from './support/traffic.js';
import { POISON_HEADER, settle, type Measurement } from './support/invariants.js';
import { injectPoison, insertOversizedEvent, poisonMessages } from './support/injections.js';
import { metric } from './support/metrics.js';
import { rebuildService } from '../../apps/rebuild/src/rebuild.js';
import { dlqRedriveGroup, KafkaJsBus, listDeadLetters, redriveDeadLetters } from '@upgrade-control/platform';

const OUTAGE_MS = 10_000;

/** Rejects once `ms` passed, so a stuck scenario is still measured and stopped within its test's time. */
const within = <T>(ms: number, work: Promise<T>): Promise<T> => {
  work.catch(() => undefined); // still running when the time is up: its late failure is of no interest
  let timer: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the scenario did not finish its work within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};
const PARTITIONS = 3;

describe('the event backbone under faults', () => {
  let broker: FaultBroker;
  let proxy: TcpProxy;
  let restoreFetch: () => void;
  const totals = { scenarios: 0, events: 0, lost: 0, appliedTwice: 0, falseTamper: 0, parked: 0 };

  beforeAll(async () => {
    broker = await faultBroker();
    await broker.start();
    proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: Number(new URL(process.env.DATABASE_URL_BASE!).port || 5432),
    });
    restoreFetch = patientFetch();
  }, 120_000);

  afterAll(async () => {
    restoreFetch?.();
    await proxy?.close();
    await broker?.destroy();
    const t = totals;
    process.stdout.write(
      `faults: ${t.scenarios} scenarios, ${t.events} events, lost ${t.lost}, applied twice ${t.appliedTwice}, false tamper ${t.falseTamper}, parked ${t.parked}\n`,
    );
  }, 120_000);

  const start = () =>
    startSystem(
      // A killed consumer's partitions move on after 6 s without its heartbeat, not the default 30 s.
      { KAFKA_PARTITIONS: String(PARTITIONS), KAFKA_SESSION_TIMEOUT_MS: '6000' },
      { brokers: broker.brokers, databaseUrl: (url) => proxy.via(url) },
    );

  /** Tables of every service that differ from a rebuild of its read models from Kafka offset 0. */
  const unequalReadModels = async (system: RunningSystem): Promise<string[]> => {
    const differing: string[] = [];
    for (const service of SERVICES) {
      const { differences } = await rebuildService(service, {
        NODE_ENV: 'test',
        DATABASE_URL: system.databases[service],
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_TOPIC_PREFIX: system.topicPrefix,
      });
      differing.push(...differences.map((d) => `${service}.${d.table}`));
    }
    return differing;
  };

  /** Runs one scenario on a fresh system; its figures count in the summary even when it fails. */
  async function scenario(
    run: (system: RunningSystem) => Promise<void>,
    { runMs = 120_000, settleMs = 45_000 } = {},
    /** Looks at the settled system before it stops, e.g. its metrics. */
    inspect: (system: RunningSystem) => Promise<Record<string, unknown>> = async () => ({}),
  ): Promise<Measurement & { inspected: Record<string, unknown> }> {
    const system = await start();
    try {
      // A scenario that fails half-way is still measured, so the summary and the failure say what is missing.
      const failure = await within(runMs, run(system)).then(
        () => null,
        (error: unknown) => error,
      );
      await stopLoads();
      const m = await settle(system, broker.brokers, settleMs);
      m.unequalReadModels = await unequalReadModels(system);
      totals.scenarios += 1;
      totals.events += m.events;
      totals.lost += m.lost;
      totals.appliedTwice += m.appliedTwice;
      totals.falseTamper += m.falseTamper;
      totals.parked += m.parked;
      if (failure instanceof Error) failure.message += `\nmeasured after it: ${JSON.stringify(clean(m), null, 1)}`;
      if (failure) throw failure;
      return { ...m, inspected: await inspect(system) };
    } finally {
      await stopLoads();
      retire(Object.values(system.urls));
      await system.stop();
    }
  }

  const clean = (m: Measurement) => ({
    lost: m.lost,
    appliedTwice: m.appliedTwice,
    falseTamper: m.falseTamper,
    unexpectedDeadLetters: m.unexpectedDeadLetters,
    unequalReadModels: m.unequalReadModels,
    details: m.details,
  });
  const CLEAN = {
    lost: 0,
    appliedTwice: 0,
    falseTamper: 0,
    unexpectedDeadLetters: 0,
    unequalReadModels: [],
    details: [],
  };

  const tag = (name: string) => `${name}${Date.now().toString(36)}`;
  /** Waits until the load got `more` registrations accepted beyond what it had. */
  const progress = (load: { accepted(): number }, more: number, what: string) => {
    const from = load.accepted();
    return eventually(async () => load.accepted() >= from + more, 60_000, what);
  };

  it('PostgreSQL unreachable for 10 s while events flow, then restored', async () => {
    const m = await scenario(async (system) => {
      const t = tag('pg');
      const load = assetLoad(system.urls.inventory, t);
      const walk = walkthrough(system.urls, t);
      walk.catch(() => undefined); // awaited below; a fault scenario may end before that
      await progress(load, 30, 'registrations before the outage');
      await whenIdle(Object.values(system.urls), () => proxy.cut());
      await sleep(OUTAGE_MS);
      await proxy.restore();
      await walk;
      await progress(load, 10, 'registrations after the outage');
      await load.stop();
    });
    expect(clean(m)).toEqual(CLEAN);
  }, 240_000);

  it('the broker stopped for 10 s and restarted', async () => {
    const m = await scenario(async (system) => {
      const t = tag('kafka');
      const load = assetLoad(system.urls.inventory, t);
      const walk = walkthrough(system.urls, t);
      walk.catch(() => undefined); // awaited below; a fault scenario may end before that
      await progress(load, 30, 'registrations before the outage');
      await broker.stop();
      await sleep(OUTAGE_MS);
      await broker.start();
      await walk;
      await progress(load, 10, 'registrations after the outage');
      await load.stop();
    });
    expect(clean(m)).toEqual(CLEAN);
  }, 240_000);

  it('kill -9 of each service in turn mid-walkthrough, then restarted', async () => {
    // A killed consumer stays in its group until its session times out (6 s here): allow for it.
    const m = await scenario(
      async (system) => {
        const t = tag('kill');
        const load = assetLoad(system.urls.inventory, t);
        const walk = walkthrough(system.urls, t);
        walk.catch(() => undefined); // awaited below; a fault scenario may end before that
        for (const service of SERVICES) {
          await progress(load, 15, `registrations before killing ${service}`);
          await whenIdle([system.urls[service]], () => system.kill(service, 'SIGKILL'));
          await system.restart(service);
        }
        await walk;
        await progress(load, 10, 'registrations after the last restart');
        await load.stop();
      },
      { runMs: 150_000 },
    );
    expect(clean(m)).toEqual(CLEAN);
  }, 300_000);

  it('refuses an oversized request, parks an oversized event and keeps publishing after it', async () => {
    let parkedEventId = '';
    let refusal: { status: number; type: string | null } = { status: 0, type: null };
    const m = await scenario(
      async (system) => {
        const t = tag('big');
        const assetId = `big-${t}`;
        await ok(
          asRoles(system).planner.POST('/assets', {
            body: {
              assetId,
              name: 'Big',
              kind: 'application',
              product: 'big',
              version: '1.0',
              site: 'berlin',
              node: 'app-1',
              criticality: 'low',
              owner: 'big-team',
            },
          }),
        );
        const response = await fetch(`${system.urls.inventory}/assets/${assetId}/snapshots`, {
          method: 'POST',
          headers: { 'x-api-key': 'dev-planner', 'content-type': 'application/json' },
          body: JSON.stringify({ label: 'too big', configuration: { blob: 'x'.repeat(1_500_000) } }),
        });
        await response.arrayBuffer();
        refusal = { status: response.status, type: response.headers.get('content-type') };
        parkedEventId = (await insertOversizedEvent(system.databases.inventory, t, 1_200_000)).eventId;
        // Later events still flow: registrations after it reach the other services.
        const load = assetLoad(system.urls.inventory, t);
        await progress(load, 20, 'registrations after the oversized event');
        await load.stop();
      },
      { runMs: 60_000, settleMs: 30_000 },
      async (system) => ({ parkedGauge: await metric(system.urls.inventory, 'uc_relay_parked_events') }),
    );
    // One comparison, so that a failure shows every part at once.
    expect({
      refused: [413, 422].includes(refusal.status) && /^application\/problem\+json/.test(refusal.type ?? ''),
      parked: m.parkedIds.has(parkedEventId),
      ...m.inspected,
      ...clean(m),
    }).toEqual({ refused: true, parked: true, parkedGauge: 1, ...CLEAN });
  }, 180_000);

  it('dead-letters poison of every kind and processes the next valid message', async () => {
    const consumers: ServiceName[] = ['planning', 'execution', 'monitoring'];
    const messages = poisonMessages(tag('poison'));
    const m = await scenario(
      async (system) => {
        await injectPoison(broker.brokers, `${system.topicPrefix}inventory.events`, PARTITIONS, messages);
        const load = assetLoad(system.urls.inventory, tag('afterpoison'));
        await progress(load, 20, 'registrations after the poison');
        await load.stop();
      },
      { runMs: 60_000, settleMs: 30_000 },
      async (system) => {
        const dlqGauge = Object.fromEntries(
          await Promise.all(consumers.map(async (s) => [s, await metric(system.urls[s], 'uc_dlq_messages')])),
        );
        // Re-driven, poison is poison still: it returns to planning's DLQ, which counts it as new.
        const dlq = {
          bus: new KafkaJsBus({ clientId: 'faults-dlq', brokers: broker.brokers }),
          topic: `${system.topicPrefix}planning.dlq`,
          group: dlqRedriveGroup(`${system.topicPrefix}planning`),
        };
        const redriven = (await redriveDeadLetters(dlq, `${system.topicPrefix}planning.redrive`)).length;
        await eventually(async () => (await listDeadLetters(dlq)).length === 2 * redriven, 30_000, 'poison back');
        const afterRedrive = await metric(system.urls.planning, 'uc_dlq_messages');
        return { dlqGauge, redriven, afterRedrive };
      },
    );
    // Each poison once per partition in the DLQ of every service consuming the topic, nothing else.
    const kinds = (service: ServiceName) => m.deadLetters[service].map((r) => r.headers[POISON_HEADER]).sort();
    const poisoned = messages.flatMap(({ kind }) => Array.from({ length: PARTITIONS }, () => kind)).sort();
    const n = poisoned.length;
    expect({ dlq: Object.fromEntries(SERVICES.map((s) => [s, kinds(s)])), ...m.inspected, ...clean(m) }).toEqual({
      dlq: { inventory: [], planning: poisoned, execution: poisoned, monitoring: poisoned },
      dlqGauge: { planning: n, execution: n, monitoring: n },
      redriven: n,
      afterRedrive: n,
      ...CLEAN,
    });
  }, 180_000);
});
