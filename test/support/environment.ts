import { randomBytes } from 'node:crypto';
import { eventually as waitFor } from '@upgrade-control/client';
import { dropDatabase, prepareServiceDatabase } from '@upgrade-control/platform';

export const kafkaBrokers = (): string[] => process.env.KAFKA_BROKERS!.split(',');

/** A name unique to this run, for databases, topics and consumer groups. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export interface TestDatabase {
  /** As the test run's administrator (DATABASE_URL_BASE, a superuser): for the tests' own looks and injections. */
  url: string;
  /** As the app role: what a service under test runs as (ADR 17). */
  appUrl: string;
  /** As the owner role: what a service under test migrates as. */
  migrationUrl: string;
  drop(): Promise<void>;
}

/**
 * The roles of every test database, created once by the first test that needs them. The password
 * is for servers that ask for one (a container); the local server trusts 127.0.0.1.
 */
export const TEST_ROLES = { owner: 'uc_test_owner', app: 'uc_test_app', password: 'uc-test-only' } as const;

const as = (url: string, role: string) => {
  const u = new URL(url);
  u.username = role;
  u.password = TEST_ROLES.password;
  return u.toString();
};

/**
 * A fresh, empty database for one test file, set up as `npm run db:prepare` sets up a service's:
 * owned by the owner role, the app role allowed to connect. Dropped afterwards, so tests never
 * see each other's rows.
 */
export async function freshDatabase(prefix: string): Promise<TestDatabase> {
  const url = `${process.env.DATABASE_URL_BASE}/${uniqueName(`uc_test_${prefix}`)}`;
  const db = { url, appUrl: as(url, TEST_ROLES.app), migrationUrl: as(url, TEST_ROLES.owner) };
  await prepareServiceDatabase(url, { databaseUrl: db.appUrl, migrationDatabaseUrl: db.migrationUrl });
  return { ...db, drop: () => dropDatabase(url) };
}

/**
 * Polls until the probe returns a truthy value, or fails naming `what` after the timeout: the
 * client's wait (libs/client eventually, one poller for tests, demo and client) in the argument
 * order the tests use, polling briskly because the tests' services answer in-process.
 */
export function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  return waitFor(what, async () => (await probe()) || undefined, { timeoutMs, everyMs: 50 });
}
