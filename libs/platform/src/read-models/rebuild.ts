import { SERVICES, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { loadServiceConfig } from '../config/service-config.js';
import { DEFAULT_ADMIN_URL } from '../config/database-urls.js';
import { connectServiceDatabase, openServiceDataSourceAs } from '../database/data-source.js';
import { Database, type MigrationClass, type Transaction } from '../database/database.js';
import { dropDatabase } from '../database/ensure-database.js';
import { prepareServiceDatabase } from '../database/prepare-database.js';
import { evolveWith } from '../event-store/state-projection.js';
import { applyStatements } from '../event-store/statement-projection.js';
import { KafkaJsBus } from '../messaging/kafka/kafkajs-bus.js';
import type { IncomingRecord } from '../messaging/message-bus.js';
import { LinksInMemory } from '../messaging/chain-continuity.js';
import { inspectRecord } from '../messaging/record-inspection.js';
import { topics } from '../nest/event-platform.module.js';
import { compareTables, type TableDifference } from './compare-tables.js';
import type { ReadModels } from './read-models.js';

export interface RebuildOptions {
  service: ServiceName;
  models: ReadModels;
  /** The service's own migrations (the platform's come first, as in the service). */
  migrations: MigrationClass[];
  env: NodeJS.ProcessEnv;
  /** Keep the rebuilt database for inspection instead of dropping it. */
  keep?: boolean;
}

export interface RebuildResult {
  database: string;
  events: number;
  skipped: number;
  differences: TableDifference[];
}

const renamed = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * Rebuilds a service's read models from Kafka offset 0 into a fresh database
 * (`<service database>_rebuild`, the service's migrations), applying only its read-model
 * projections, and compares every read-model table with the live database. The service's own
 * topic feeds its own projections, the other topics its consumed ones, as in the service.
 *
 * The scratch database is laid out like the live one (ADR 17): created through DATABASE_ADMIN_URL
 * (neither service role may create databases; with one role for both, that role), migrated as the
 * owner, written as the app role. The live database is only read, as the app role.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const config = loadServiceConfig(options.service, options.env, { serves: false });
  const database = `${decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1))}_rebuild`;
  const scratch = {
    databaseUrl: renamed(config.databaseUrl, database),
    migrationDatabaseUrl: renamed(config.migrationDatabaseUrl, database),
  };
  const oneRole = config.databaseUrl === config.migrationDatabaseUrl;
  const admin = renamed(options.env.DATABASE_ADMIN_URL || (oneRole ? config.databaseUrl : DEFAULT_ADMIN_URL), database);
  const bus = new KafkaJsBus({
    clientId: `${options.service}-rebuild`,
    brokers: config.kafka.brokers,
    security: config.kafka.security,
  });
  const names = topics(config);
  const own = names.events(options.service);
  const records: IncomingRecord[] = [];
  // The re-drive topic too: what an operator re-drove from the DLQ took effect live.
  const consumedTopics = [...SERVICES.filter((s) => s !== options.service).map(names.events), names.redrive];
  await bus.readFromStart([own, ...consumedTopics], (r) => records.push(r));

  await dropDatabase(admin);
  await prepareServiceDatabase(admin, scratch);
  const rebuilt = new Database(await openServiceDataSourceAs(scratch, options.migrations, 2));
  let live: Database | undefined;
  try {
    // Re-driven messages were put back after the originals they follow in their streams' chains.
    const ordered = [
      ...records.filter((r) => r.topic !== names.redrive),
      ...records.filter((r) => r.topic === names.redrive),
    ];
    const result = await rebuilt.transaction((tx) => applyReadModels(options.models, own, ordered, tx));
    live = await connectServiceDatabase(config.databaseUrl, 2);
    const differences = await compareTables(live, rebuilt, options.models.tables);
    return { database, ...result, differences };
  } finally {
    await live?.close();
    await rebuilt.close();
    if (!options.keep) await dropDatabase(admin);
  }
}

/**
 * Applies each record's projections as the service would: records of its own topic through the
 * store's projections, the others through the consumer's; what the consumer would dead-letter or
 * skip (unreadable, tampered, unknown or invalid), and an event id already applied in this call,
 * is skipped. Each stream's records must come in stream order; streams may interleave freely.
 */
export async function applyReadModels(
  models: ReadModels,
  ownTopic: string,
  records: IncomingRecord[],
  tx: Transaction,
): Promise<{ events: number; skipped: number }> {
  const seen = new Set<string>();
  const histories = new Map<string, EventEnvelope[]>();
  const inline = (models.inline ?? []).map((p) => p(async (streamId) => histories.get(streamId) ?? []));
  // Per state projection, the state each stream's events left so far, as the commands had it in hand.
  const states = (models.states ?? []).map((projection) => ({ projection, streams: new Map<string, unknown>() }));
  const consumed = new Map<string, typeof models.everyConsumed>();
  for (const [type, handler] of models.consumed ?? []) consumed.set(type, [...(consumed.get(type) ?? []), handler]);
  let events = 0;
  let skipped = 0;
  const links = new LinksInMemory();
  for (const record of records) {
    // The consumer's own checks, so the rebuild skips exactly what the service would not apply.
    const own = record.topic === ownTopic;
    const inspected = inspectRecord(
      record,
      (type) => own || consumed.has(type) || (models.everyConsumed ?? []).length > 0,
    );
    // Every authentic consumed event counts for its chain; a gap or a fork was parked (ADR 19).
    const broken = !own && inspected.stored && links.follow(inspected.stored).kind === 'broken';
    if (broken || inspected.kind !== 'event' || seen.has(inspected.stored.eventId)) {
      skipped += 1;
      continue;
    }
    const { stored } = inspected;
    seen.add(stored.eventId);
    events += 1;
    const { event } = inspected;
    if (own) {
      const history = histories.get(event.streamId) ?? [];
      history.push(event);
      histories.set(event.streamId, history);
      for (const project of models.statements ?? []) await applyStatements(project(event), tx);
      for (const project of inline) await project([event], tx);
      for (const { projection, streams } of states.filter((s) => s.projection.owns(event.streamId))) {
        const before = streams.has(event.streamId) ? streams.get(event.streamId) : projection.decider.initialState();
        const state = evolveWith(projection, before, event);
        streams.set(event.streamId, state);
        const change = { streamId: event.streamId, version: history.length, events: [event], state };
        await applyStatements(projection.project(change), tx);
      }
    } else {
      for (const handler of [...(consumed.get(event.type) ?? []), ...(models.everyConsumed ?? [])])
        await handler(event, tx, stored);
    }
  }
  return { events, skipped };
}
