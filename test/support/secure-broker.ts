import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KafkaSecurity } from '@upgrade-control/platform';
import { freePort } from '../../scripts/service-process.mjs';

const run = promisify(execFile);

/** A broker of its own started by `KAFKA_SECURITY=scram-tls scripts/kafka.sh` (ADR 0018). */
export interface SecureBroker {
  brokers: string[];
  caFile: string;
  /** client.env as kafka.sh wrote it: the CA, the mechanism and each user's name and password. */
  clientEnv: Record<string, string>;
  /** The security of a principal written to client.env (a service or "audit"), optionally with another password. */
  security(principal: string, password?: string): KafkaSecurity;
  stop(): Promise<void>;
}

/** Starts the secure broker on free ports (not the suite's own broker), with a throwaway data dir. */
export async function startSecureBroker(): Promise<SecureBroker> {
  const data = mkdtempSync(join(tmpdir(), 'uc-kafka-scram-'));
  const env = {
    ...process.env,
    KAFKA_SECURITY: 'scram-tls',
    KAFKA_PORT: String(await freePort()),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_DATA_DIR: data,
    KAFKA_TOPIC_PREFIX: '',
  };
  const stop = async () => {
    await run('bash', ['scripts/kafka.sh', 'stop'], { env });
    rmSync(data, { recursive: true, force: true });
  };
  try {
    await run('bash', ['scripts/kafka.sh', 'start'], { env, timeout: 150_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  const clientEnv = Object.fromEntries(
    readFileSync(join(data, 'client.env'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z]/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const ca = readFileSync(clientEnv.KAFKA_SSL_CA_FILE!, 'utf8');
  return {
    brokers: clientEnv.KAFKA_BROKERS!.split(','),
    caFile: clientEnv.KAFKA_SSL_CA_FILE!,
    clientEnv,
    security: (principal, password) => ({
      tls: { ca },
      sasl: {
        mechanism: 'scram-sha-512',
        username: clientEnv[`${principal.toUpperCase()}_KAFKA_SASL_USERNAME`]!,
        password: password ?? clientEnv[`${principal.toUpperCase()}_KAFKA_SASL_PASSWORD`]!,
      },
    }),
    stop,
  };
}
