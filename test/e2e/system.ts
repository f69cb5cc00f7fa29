import { spawn, type ChildProcess } from 'node:child_process';
import { SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { freshDatabase, kafkaBrokers, uniqueName, type TestDatabase } from '../support/environment.js';
import { freePort, waitReady } from '../../scripts/service-process.mjs';

export interface RunningSystem {
  urls: Record<ServiceName, string>;
  /** Each service's database URL, e.g. to compare its read models with a rebuild. */
  databases: Record<ServiceName, string>;
  topicPrefix: string;
  stop(): Promise<void>;
}

/** The four services as real processes from the build, on fresh databases and their own topics. */
export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const topicPrefix = `${uniqueName('e2e')}.`;
  const databases: TestDatabase[] = [];
  const processes: ChildProcess[] = [];
  const urls = {} as Record<ServiceName, string>;
  const databaseUrls = {} as Record<ServiceName, string>;
  for (const service of SERVICES) {
    const db = await freshDatabase(service);
    databases.push(db);
    databaseUrls[service] = db.url;
    const port = await freePort();
    urls[service] = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', `dist/${service}/src/main.js`], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: db.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        KAFKA_CONSUMER_GROUP: `${topicPrefix}${service}`,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        RELAY_POLL_MS: '100',
        WATCHDOG_INTERVAL_MS: '1000',
        DETECTOR_INTERVAL_MS: '2000',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    processes.push(child);
  }
  const stop = async () => {
    await Promise.all(
      processes.map(
        (p) =>
          new Promise((resolve) =>
            p.exitCode !== null ? resolve(null) : (p.once('exit', resolve), p.kill('SIGTERM')),
          ),
      ),
    );
    await Promise.all(databases.map((db) => db.drop()));
  };
  try {
    for (const service of SERVICES) await waitReady(service, urls[service]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, databases: databaseUrls, topicPrefix, stop };
}
