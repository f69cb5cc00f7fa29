import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@upgrade-control/platform';

export const kafkaBrokers = (): string[] => process.env.KAFKA_BROKERS!.split(',');

/** A name unique to this run, for databases, topics and consumer groups. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file; dropped afterwards, so tests never see each other's rows. */
export async function freshDatabase(prefix: string): Promise<TestDatabase> {
  const url = `${process.env.DATABASE_URL_BASE}/${uniqueName(`uc_test_${prefix}`)}`;
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

/** Polls until the probe returns a value, or fails with the last state after the timeout. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
