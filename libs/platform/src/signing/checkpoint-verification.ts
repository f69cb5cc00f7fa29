import {
  checkpointProducer,
  checkpointSigningInput,
  checkpointStreamId,
  currentDefinition,
  type ChainHeadsCheckpoint,
  type EventEnvelope,
  type ServiceName,
} from '@upgrade-control/contracts';
import { verifyDetached } from './detached-jws.js';
import type { TrustedKeys } from './signing-keys.js';

export interface CheckpointFinding {
  producer: ServiceName;
  streamId: string;
  streamVersion: number;
  /**
   * malformed-signature / unknown-kid / bad-signature / invalid-checkpoint: a checkpoint that
   * cannot be trusted. rewritten: the event at a signed version no longer has the signed hash.
   * truncated: the stream no longer reaches a signed version.
   */
  problem: 'malformed-signature' | 'unknown-kid' | 'bad-signature' | 'invalid-checkpoint' | 'rewritten' | 'truncated';
  detail: string;
}

export interface CheckpointVerification {
  /** Distinct checkpoint events whose signature verified. */
  checkpoints: number;
  /** Signed heads compared with the log. */
  signedHeads: number;
  broken: CheckpointFinding[];
}

const streamKey = (producer: string, streamId: string) => `${producer}/${streamId}`;

/** Every hash each stream version has in the log; a redelivered copy adds nothing. */
function hashesByVersion(events: readonly EventEnvelope[]): Map<string, Map<number, Set<string>>> {
  const index = new Map<string, Map<number, Set<string>>>();
  for (const e of events) {
    const key = streamKey(e.producer, e.streamId);
    const versions = index.get(key) ?? new Map<number, Set<string>>();
    versions.set(e.streamVersion, (versions.get(e.streamVersion) ?? new Set()).add(e.hash));
    index.set(key, versions);
  }
  return index;
}

/** Whether an event is a service's own checkpoint, in its checkpoint stream. */
export const isCheckpoint = (e: EventEnvelope): boolean =>
  checkpointProducer(e.type) === e.producer && e.streamId === checkpointStreamId(e.producer);

/** Checkpoint events, once each (by id and hash), in producer and sequence order. */
function checkpointsIn(events: readonly EventEnvelope[]): EventEnvelope[] {
  const seen = new Map<string, EventEnvelope>();
  for (const e of events) if (isCheckpoint(e)) seen.set(`${e.eventId} ${e.hash}`, e);
  return [...seen.values()].sort((a, b) => a.producer.localeCompare(b.producer) || a.streamVersion - b.streamVersion);
}

/** A checkpoint's signature and shape, or why it cannot be trusted. */
export async function checkCheckpoint(e: EventEnvelope, trusted: TrustedKeys): Promise<CheckpointFinding | null> {
  const at = { producer: e.producer, streamId: e.streamId, streamVersion: e.streamVersion };
  const parsed = currentDefinition(e.type)!.schema.safeParse(e.payload);
  if (!parsed.success) return { ...at, problem: 'invalid-checkpoint', detail: parsed.error.message };
  const checkpoint = parsed.data as ChainHeadsCheckpoint;
  const keys = trusted.get(e.producer) ?? new Map();
  const check = await verifyDetached(checkpoint.signature, checkpointSigningInput(e.producer, checkpoint), keys);
  if (!check.ok) return { ...at, problem: check.problem, detail: `${e.producer} checkpoint: ${check.detail}` };
  if (check.kid !== checkpoint.kid || checkpoint.sequence !== e.streamVersion)
    return {
      ...at,
      problem: 'invalid-checkpoint',
      detail: `signed sequence ${checkpoint.sequence} (kid ${check.kid}) sits at version ${e.streamVersion} with kid ${checkpoint.kid}: checkpoints were removed or moved`,
    };
  return null;
}

/**
 * Compares a log with the checkpoints in it (ADR 20): every checkpoint must carry a valid
 * signature by a key trusted for its producer, and every head it signed must still be in the
 * log, with the signed hash at the signed version. A stream rewritten with recomputed hashes, or
 * cut short, is named even though its own chain is consistent. Each signed head is checked, not
 * only the newest, so a rewrite signed over later is still caught by the earlier checkpoint.
 * Redelivered copies carry the same hash and change nothing.
 */
export async function verifyCheckpoints(
  events: readonly EventEnvelope[],
  trusted: TrustedKeys,
): Promise<CheckpointVerification> {
  const index = hashesByVersion(events);
  const broken = new Map<string, CheckpointFinding>();
  const report = (finding: CheckpointFinding) => {
    const key = streamKey(finding.producer, finding.streamId);
    const known = broken.get(key);
    if (!known || finding.streamVersion < known.streamVersion) broken.set(key, finding);
  };
  let checkpoints = 0;
  let signedHeads = 0;
  for (const e of checkpointsIn(events)) {
    const refused = await checkCheckpoint(e, trusted);
    if (refused) {
      report(refused);
      continue;
    }
    checkpoints += 1;
    for (const head of (e.payload as ChainHeadsCheckpoint).heads) {
      signedHeads += 1;
      const hashes = index.get(streamKey(e.producer, head.streamId))?.get(head.version);
      const at = { producer: e.producer, streamId: head.streamId, streamVersion: head.version };
      const signed = `checkpoint ${e.streamVersion} of ${e.producer} signed version ${head.version} with hash ${head.hash}`;
      if (!hashes) report({ ...at, problem: 'truncated', detail: `${signed}, but the stream has no such version` });
      else if (!hashes.has(head.hash))
        report({ ...at, problem: 'rewritten', detail: `${signed}, but it holds ${[...hashes].join(', ')}` });
    }
  }
  return { checkpoints, signedHeads, broken: [...broken.values()] };
}
