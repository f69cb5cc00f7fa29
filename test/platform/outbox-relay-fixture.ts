import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EventStore } from '@upgrade-control/platform';
import { kafkaBrokers, type TestDatabase } from '../support/environment.js';

// What the outbox relay tests share: who writes the events, when, and a relay in a process of its own.

export const actor = { id: 'oscar', role: 'operator' as const };
export const now = new Date('2026-11-25T10:00:00.000Z');

export async function appendMany(
  store: EventStore,
  prefix: string,
  streams: number,
  perStream: number,
  chunk = 10,
): Promise<void> {
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      const streamId = `${prefix}-${s}`;
      for (let v = 0; v < perStream; v += chunk) {
        const events = Array.from({ length: Math.min(chunk, perStream - v) }, (_, i) => ({
          type: 'AssetRetired',
          payload: { assetId: streamId, reason: `retired ${v + i + 1}` },
        }));
        await store.append(streamId, v === 0 ? 'no-stream' : v, events, {
          correlationId: streamId,
          causationId: null,
          actor,
          now,
        });
      }
    }),
  );
}

export function startRelayProcess(db: TestDatabase, topic: string, name = 'inventory', pollMs = 100): ChildProcess {
  const script = fileURLToPath(new URL('../support/relay-process.mjs', import.meta.url));
  return spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', script, db.url, topic, kafkaBrokers().join(','), name, String(pollMs)],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}
