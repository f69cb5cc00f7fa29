import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { freshDatabase, kafkaBrokers, uniqueName, type TestDatabase } from '../support/environment.js';
import { DEMO_DEPLOYMENT_ENV, freePort, waitReady } from '../../scripts/service-process.mjs';

export interface RunningSystem {
  urls: Record<ServiceName, string>;
  topicPrefix: string;
  /** Each service's database, reached directly (not through any proxy the services use). */
  databases: Record<ServiceName, string>;
  /** Sends a signal (SIGKILL by default) and resolves once the process is gone. */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts the service again with the same environment, port and database; resolves when ready. */
  restart(service: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** Kafka brokers for the services (default: KAFKA_BROKERS of the test run). */
  brokers?: string[];
  /** Extra environment for one service only. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** The URL a service is given for its database, e.g. through a proxy (default: the database itself). */
  databaseUrl?: (direct: string) => string;
}

/** The four services as real processes from the build, on fresh databases and their own topics. */
export async function startSystem(
  env: Record<string, string> = {},
  options: SystemOptions = {},
): Promise<RunningSystem> {
  const topicPrefix = `${uniqueName('e2e')}.`;
  const databases: TestDatabase[] = [];
  const processes = {} as Record<ServiceName, ChildProcess>;
  const environments = {} as Record<ServiceName, NodeJS.ProcessEnv>;
  const urls = {} as Record<ServiceName, string>;
  const direct = {} as Record<ServiceName, string>;
  // TEST_SERVICE_LOGS=<directory> keeps each service's log (appended across restarts) for a failing run.
  const logs = process.env.TEST_SERVICE_LOGS;
  const launch = (service: ServiceName) => {
    const out = logs ? openSync(`${logs}/${service}.log`, 'a') : 'ignore';
    processes[service] = spawn(
      process.execPath,
      ['--disable-warning=TimeoutNegativeWarning', `dist/${service}/src/main.js`],
      { env: environments[service], stdio: ['ignore', out, 'inherit'] },
    );
    if (typeof out === 'number') closeSync(out); // the child holds its own copy
  };

  const exited = (service: ServiceName) =>
    processes[service].exitCode !== null || processes[service].signalCode !== null;
  const kill = (service: ServiceName, signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      const child = processes[service];
      if (exited(service)) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  // Every port first: each service learns the dashboard's origin (monitoring's) for CORS.
  for (const service of SERVICES) urls[service] = `http://127.0.0.1:${await freePort()}`;
  for (const service of SERVICES) {
    const db = await freshDatabase(service);
    databases.push(db);
    direct[service] = db.url;
    const port = new URL(urls[service]).port;
    environments[service] = {
      ...process.env,
      PORT: port,
      CORS_ORIGINS: urls.monitoring,
      // The least-privileged runtime role, migrations as the owner: as deployed (ADR 17).
      DATABASE_URL: options.databaseUrl?.(db.appUrl) ?? db.appUrl,
      MIGRATION_DATABASE_URL: options.databaseUrl?.(db.migrationUrl) ?? db.migrationUrl,
      KAFKA_BROKERS: (options.brokers ?? kafkaBrokers()).join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_CONSUMER_GROUP: `${topicPrefix}${service}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...DEMO_DEPLOYMENT_ENV,
      ...env,
      ...options.serviceEnv?.[service],
    };
    launch(service);
  }
  const stop = async () => {
    await Promise.all(SERVICES.map((service) => kill(service, 'SIGTERM')));
    await Promise.all(databases.map((db) => db.drop()));
  };
  const restart = async (service: ServiceName) => {
    await kill(service);
    launch(service);
    await waitReady(service, urls[service], () => exited(service));
  };
  try {
    for (const service of SERVICES) await waitReady(service, urls[service], () => exited(service));
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, topicPrefix, databases: direct, kill, restart, stop };
}
