import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FaultBroker {
  brokers: string[];
  start(): Promise<void>;
  /** Stops the broker (SIGTERM, as an operator would); its data and cluster id stay for start(). */
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

/**
 * The suite's own single-node KRaft broker (scripts/kafka.sh) on ports of its own and a
 * throwaway data directory, so stopping it never disturbs the shared broker on 9092.
 * A stop and start keep the data directory, hence the topics, offsets and cluster id.
 */
export async function faultBroker(
  port = Number(process.env.FAULTS_KAFKA_PORT ?? 29092),
  controllerPort = Number(process.env.FAULTS_KAFKA_CONTROLLER_PORT ?? 29093),
): Promise<FaultBroker> {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc-faults-kafka-'));
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: dataDir,
    KAFKA_HEAP: process.env.FAULTS_KAFKA_HEAP ?? '384m',
  };
  const script = (command: 'start' | 'stop') =>
    run('bash', ['scripts/kafka.sh', command], { env, maxBuffer: 1 << 20 }).then(() => undefined);
  return {
    brokers: [`127.0.0.1:${port}`],
    start: () => script('start'),
    stop: () => script('stop'),
    destroy: async () => {
      await script('stop');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
