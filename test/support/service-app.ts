import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ServiceName } from '@upgrade-control/contracts';
import { responseValidator } from '@upgrade-control/contracts/response-validator';
import { createServiceApp, EventStore, openApiDocument } from '@upgrade-control/platform';
import { checkedAgent, type CheckedAgent } from './contract-check.js';
import { freshDatabase, kafkaBrokers, uniqueName, type TestDatabase } from './environment.js';

export const KEYS = {
  planner: 'dev-planner',
  approver: 'dev-approver',
  approver2: 'dev-approver-2',
  operator: 'dev-operator',
  observer: 'dev-observer',
  auditor: 'dev-auditor',
  agent: 'dev-agent',
} as const;

export interface RunningService {
  app: NestExpressApplication;
  db: TestDatabase;
  store: EventStore;
  /**
   * supertest against the app, authenticated with the given role's development key; every answer
   * is checked against the service's OpenAPI document (test/support/contract-check.ts).
   */
  as(role: keyof typeof KEYS): CheckedAgent;
  /** The same without credentials (a test may set its own); answers are checked as well. */
  anonymous: CheckedAgent;
  eventCount(): Promise<number>;
  /** The name this service uses for a service's events topic (test runs are namespaced). */
  topic(service: ServiceName): string;
  close(): Promise<void>;
}

/** Boots one service in-process, exactly as main.ts wires it, on a fresh database and the real broker. */
export async function startService(
  service: ServiceName,
  register: (env: NodeJS.ProcessEnv) => DynamicModule,
  env: Record<string, string> = {},
  /** A database shared with another instance (replicas); its owner drops it. */
  shared?: { db: TestDatabase },
): Promise<RunningService> {
  const db = shared?.db ?? (await freshDatabase(service));
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `${uniqueName('t')}.`;
  const prefix = service.toUpperCase();
  const app = await createServiceApp(
    register({
      ...process.env,
      // The least-privileged runtime role, migrations as the owner: as deployed (ADR 17).
      [`${prefix}_DATABASE_URL`]: db.appUrl,
      [`${prefix}_MIGRATION_DATABASE_URL`]: db.migrationUrl,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_CONSUMER_GROUP: uniqueName(`test-${service}`),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      RELAY_POLL_MS: '50',
      ...env,
    }),
    `${service} under test`,
  );
  await app.init();
  const http = request(app.getHttpServer());
  // The document the service itself serves at /openapi.json, built from the app under test.
  // Compiled once per service, since every request of the test goes through it.
  const validate = responseValidator(openApiDocument(app, service, `${service} under test`));
  const store = app.get(EventStore);
  const dataSource = app.get(DataSource);
  return {
    app,
    db,
    store,
    anonymous: checkedAgent(http, validate),
    as: (role) => checkedAgent(http, validate, (test) => test.set('x-api-key', KEYS[role])),
    topic: (name) => `${topicPrefix}${name}.events`,
    eventCount: async () => (await dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n as number,
    close: async () => {
      await app.close();
      if (!shared) await db.drop();
    },
  };
}
