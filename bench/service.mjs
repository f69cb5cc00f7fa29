import { spawn } from 'node:child_process';
import { freePort, waitReady } from '../scripts/service-process.mjs';
import { brokers, database, run } from './context.mjs';

/**
 * The service as it runs in production: its own process from the build. The load generator must
 * not share the service's event loop, or it measures itself.
 */
export async function startService(service, name, { topics = name, replicaOf = null, env = {} } = {}) {
  // Services that must hear each other share a topic namespace (`topics`); each has its own database.
  // A further replica (`replicaOf`: a started service) shares its database, topics and consumer
  // group, as replicas in production do: the group splits the partitions, one relay leads.
  const url = replicaOf?.databaseUrl ?? (await database(name));
  const prefix = replicaOf?.prefix ?? `${run}.${topics}.`;
  const group = replicaOf?.group ?? `${prefix}${name}.group`;
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      ...profileArgs(replicaOf ? `${name}-${port}` : name),
      `dist/${service}/src/main.js`,
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_CONSUMER_GROUP: group,
        LOG_LEVEL: 'warn',
        // What an item's services need beyond the defaults (intervals, policies, a client id suffix).
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) =>
      child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
    );
  try {
    await waitReady(service, base, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: base, databaseUrl: url, prefix, group, stop };
}

/** BENCH_PROFILE=1 writes a CPU profile of each service process to bench/results/. */
const profileArgs = (name) =>
  process.env.BENCH_PROFILE
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${new URL('./results/', import.meta.url).pathname}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ]
    : [];
