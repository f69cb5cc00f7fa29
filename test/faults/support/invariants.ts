/**
 * What must hold after any fault, measured from the outside: the four stores, the four topics
 * and dead-letter topics read back from offset 0, the inboxes, and monitoring's own verification.
 */
import pg from 'pg';
import {
  checkPayload,
  computeEventHash,
  deadLetterTopic,
  eventsTopic,
  fromKafkaRecord,
  SERVICES,
  verifyLog,
  type EventEnvelope,
  type ServiceName,
} from '@upgrade-control/contracts';
import { KafkaJsBus, type IncomingRecord } from '@upgrade-control/platform';
import { ok } from '@upgrade-control/client';
import { asRoles } from '../../e2e/api.js';
import { eventually } from '../../support/environment.js';
import type { RunningSystem } from '../../e2e/system.js';
import { handledTypes } from './subscriptions.js';

/** Header the suite puts on every message it injects as poison. */
export const POISON_HEADER = 'fault_poison';

export interface Figures {
  /** Events accepted into the four stores. */
  events: number;
  /** (event, place) pairs missing: an accepted event not in its topic, or not in a handling service's inbox. */
  lost: number;
  /** Effects applied twice: one cause producing the same event type twice in one stream. */
  appliedTwice: number;
  /** Broken links reported over what Kafka holds and by monitoring's /audit/verify, poison excluded. */
  falseTamper: number;
  /** Events the relays parked as refused by the broker. */
  parked: number;
  /** Dead letters that are not injected poison. */
  unexpectedDeadLetters: number;
  /** Extra copies of an event in its topic (at-least-once; allowed). */
  redeliveries: number;
}

export interface Measurement extends Figures {
  quiescent: boolean;
  /** Read-model tables that differ from a rebuild from Kafka (filled in by the suite). */
  unequalReadModels: string[];
  details: string[];
  deadLetters: Record<ServiceName, IncomingRecord[]>;
  parkedIds: Set<string>;
  inbox: Record<ServiceName, Set<string>>;
  published: Record<ServiceName, Set<string>>;
}

const HANDLED = Object.fromEntries(SERVICES.map((s) => [s, handledTypes(s)])) as Record<ServiceName, Set<string>>;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Store {
  events: { event_id: string; stream_id: string; type: string; causation_id: string | null }[];
  parked: Set<string>;
  inbox: Set<string>;
}

async function readStore(url: string): Promise<Store> {
  const events = await query<Store['events'][number]>(
    url,
    'SELECT event_id, stream_id, type, causation_id FROM events',
  );
  const [{ exists }] = await query<{ exists: boolean }>(
    url,
    `SELECT to_regclass('relay_parked_events') IS NOT NULL AS exists`,
  );
  const parked = exists ? await query<{ event_id: string }>(url, 'SELECT event_id FROM relay_parked_events') : [];
  const inbox = await query<{ event_id: string }>(url, 'SELECT event_id FROM processed_events');
  return {
    events,
    parked: new Set(parked.map((r) => r.event_id)),
    inbox: new Set(inbox.map((r) => r.event_id)),
  };
}

async function readTopics(brokers: string[], prefix: string): Promise<Map<string, IncomingRecord[]>> {
  const names = SERVICES.flatMap((s) => [`${prefix}${eventsTopic(s)}`, `${prefix}${deadLetterTopic(s)}`]);
  const byTopic = new Map<string, IncomingRecord[]>(names.map((n) => [n, []]));
  await new KafkaJsBus({ clientId: 'faults-invariants', brokers }).readFromStart(names, (r) =>
    byTopic.get(r.topic)!.push(r),
  );
  return byTopic;
}

/** A well-formed, untampered event of a known type, as a consumer must apply it. */
function legitimate(record: IncomingRecord): EventEnvelope | null {
  if (record.headers[POISON_HEADER]) return null;
  const parsed = fromKafkaRecord(record.value, record.headers);
  if (!parsed.ok) return null;
  const { hash, ...unhashed } = parsed.envelope;
  if (computeEventHash(unhashed) !== hash) return null;
  if (!checkPayload(unhashed.type, unhashed.schemaVersion, unhashed.payload).ok) return null;
  return parsed.envelope;
}

export async function measure(system: RunningSystem, brokers: string[]): Promise<Measurement> {
  const stores = {} as Record<ServiceName, Store>;
  for (const s of SERVICES) stores[s] = await readStore(system.databases[s]);
  const topics = await readTopics(brokers, system.topicPrefix);
  const details: string[] = [];
  const published = {} as Record<ServiceName, Set<string>>;
  const envelopes: EventEnvelope[] = [];
  let lost = 0;
  let redeliveries = 0;
  for (const s of SERVICES) {
    const legit = topics.get(`${system.topicPrefix}${eventsTopic(s)}`)!.flatMap((r) => legitimate(r) ?? []);
    envelopes.push(...legit);
    published[s] = new Set(legit.map((e) => e.eventId));
    redeliveries += legit.length - published[s].size;
    const unpublished = stores[s].events.filter(
      (e) => !published[s].has(e.event_id) && !stores[s].parked.has(e.event_id),
    );
    lost += unpublished.length;
    if (unpublished.length) details.push(`${s}: ${unpublished.length} events not in ${eventsTopic(s)}`);
    const distinct = [...new Map(legit.map((e) => [e.eventId, e])).values()];
    for (const c of SERVICES.filter((c) => c !== s)) {
      const missing = distinct.filter((e) => HANDLED[c].has(e.type) && !stores[c].inbox.has(e.eventId));
      lost += missing.length;
      if (missing.length) {
        const types = [...new Set(missing.map((e) => e.type))].join(', ');
        details.push(`${c}: ${missing.length} events of ${eventsTopic(s)} not in its inbox (${types})`);
      }
    }
  }

  let appliedTwice = 0;
  for (const s of SERVICES) {
    const effects = new Map<string, number>();
    for (const e of stores[s].events) {
      if (!e.causation_id) continue;
      const key = `${e.stream_id}|${e.causation_id}|${e.type}`;
      effects.set(key, (effects.get(key) ?? 0) + 1);
    }
    for (const [key, n] of effects)
      if (n > 1) {
        appliedTwice += n - 1;
        details.push(`${s}: ${n} × ${key} (stream|cause|type)`);
      }
  }

  const kafkaVerify = verifyLog(envelopes);
  const service = (await ok(asRoles(system).auditor.GET('/audit/verify')).catch((error: Error) => ({
    broken: [{ problem: `unanswered: ${error.message}` }],
  }))) as { broken: unknown[] };
  const falseTamper = kafkaVerify.broken.length + service.broken.length;
  if (kafkaVerify.broken.length)
    details.push(`verifyLog over Kafka: ${JSON.stringify(kafkaVerify.broken.slice(0, 3))}`);
  if (service.broken.length) details.push(`monitoring /audit/verify: ${JSON.stringify(service.broken.slice(0, 3))}`);

  const deadLetters = {} as Record<ServiceName, IncomingRecord[]>;
  let unexpectedDeadLetters = 0;
  for (const s of SERVICES) {
    deadLetters[s] = topics.get(`${system.topicPrefix}${deadLetterTopic(s)}`)!;
    const unexpected = deadLetters[s].filter((r) => !r.headers[POISON_HEADER]);
    unexpectedDeadLetters += unexpected.length;
    if (unexpected.length) {
      const reasons = [
        ...new Set(unexpected.map((r) => `${r.headers.dlq_reason}: ${r.headers.dlq_error?.slice(0, 120)}`)),
      ];
      details.push(`${s}.dlq: ${unexpected.length} valid events dead-lettered (${reasons.slice(0, 3).join(' | ')})`);
    }
  }

  const parkedIds = new Set(SERVICES.flatMap((s) => [...stores[s].parked]));
  return {
    quiescent: lost === 0,
    events: SERVICES.reduce((n, s) => n + stores[s].events.length, 0),
    lost,
    appliedTwice,
    falseTamper,
    parked: parkedIds.size,
    unexpectedDeadLetters,
    unequalReadModels: [],
    redeliveries,
    details,
    deadLetters,
    parkedIds,
    inbox: Object.fromEntries(SERVICES.map((s) => [s, stores[s].inbox])) as Record<ServiceName, Set<string>>,
    published,
  };
}

/**
 * Waits until every service is quiescent (its store published, every event it handles in its
 * inbox), then measures. When that never happens, measures anyway: the figures say what is missing.
 */
export async function settle(system: RunningSystem, brokers: string[], timeoutMs = 60_000): Promise<Measurement> {
  let last: Measurement | null = null;
  try {
    return await eventually(
      async () => {
        last = await measure(system, brokers);
        return last.quiescent ? last : undefined;
      },
      timeoutMs,
      'every service to be quiescent',
    );
  } catch {
    return last ?? (await measure(system, brokers));
  }
}
