/**
 * Integration and end-to-end tests use a real Kafka broker and a real PostgreSQL server:
 * the ones named by KAFKA_BROKERS and DATABASE_URL_BASE, else containers when Docker runs here,
 * else the run stops at once saying what to start.
 */
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';

const HOW_TO = `Start them and name them, e.g.:
  bash scripts/kafka.sh start            # a single-node KRaft broker on 127.0.0.1:9092 (no Docker needed)
  export KAFKA_BROKERS=127.0.0.1:9092
  export DATABASE_URL_BASE=postgres://postgres@127.0.0.1:5432
or run on a machine with a Docker engine, where testcontainers starts both.`;

type Stoppable = { stop(): Promise<unknown> };

export default async function globalSetup(): Promise<void> {
  const started: Stoppable[] = [];
  (globalThis as { __containers?: Stoppable[] }).__containers = started;

  if (!process.env.KAFKA_BROKERS || !process.env.DATABASE_URL_BASE) {
    if (!(await dockerAnswers())) {
      const missing = [
        !process.env.KAFKA_BROKERS && 'KAFKA_BROKERS',
        !process.env.DATABASE_URL_BASE && 'DATABASE_URL_BASE',
      ].filter(Boolean);
      throw new Error(`No ${missing.join(' and ')} given and no Docker engine answers.\n${HOW_TO}`);
    }
    if (!process.env.KAFKA_BROKERS) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
      started.push(kafka);
      process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    }
    if (!process.env.DATABASE_URL_BASE) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const postgres = await new PostgreSqlContainer('postgres:17').start();
      started.push(postgres);
      const url = new URL(postgres.getConnectionUri());
      url.pathname = '';
      process.env.DATABASE_URL_BASE = url.toString().replace(/\/$/, '');
    }
  }
  await assertReachable(process.env.KAFKA_BROKERS!, process.env.DATABASE_URL_BASE!);
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function assertReachable(brokers: string, databaseUrlBase: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${databaseUrlBase}/postgres`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL at ${databaseUrlBase} does not answer: ${(error as Error).message}\n${HOW_TO}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new Error(`Kafka at ${brokers} does not answer: ${(error as Error).message}\n${HOW_TO}`, { cause: error });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
