import {
  checkCopy,
  checkLink,
  recomputedHash,
  type BrokenLink,
  type ChainHeadsCheckpoint,
  type EventEnvelope,
  type LogVerification,
  type ServiceName,
} from '@upgrade-control/contracts';
import {
  checkCheckpoint,
  isCheckpoint,
  type CheckpointFinding,
  type CheckpointVerification,
} from './checkpoint-verification.js';
import type { TrustedKeys } from './signing-keys.js';

export type FoldedVerification = LogVerification & { checkpoints: CheckpointVerification };

/** What a checkpoint signed for one stream version. */
interface Claim {
  producer: ServiceName;
  hash: string;
  signed: string;
}

/**
 * A stream's chain head: all the fold keeps per stream. `claims` holds signed versions the
 * stream has not reached yet (a checkpoint read before the events it signs).
 */
interface Head {
  version: number;
  hash: string | null;
  eventId: string;
  claims?: Map<number, Claim[]>;
}

/**
 * A question about an already passed version: a later copy (redelivery or rival) or a checkpoint
 * read after the stream moved on. The fold keeps no past hashes; a second pass answers these.
 */
type Question =
  | { kind: 'copy'; streamId: string; eventId: string; hash: string; recomputed: string }
  | { kind: 'claim'; streamId: string; claim: Claim };

const keyOf = (producer: string, streamId: string) => `${producer}/${streamId}`;

/**
 * The auditor's verification as a fold over the log as it streams by (ADR 26): the same checks as
 * `verifyLog` plus `verifyCheckpoints`, but holding one chain head per stream instead of the log.
 * Each stream must arrive in version order, as Kafka keeps it per key (ADR 10). Copies of passed
 * versions and late checkpoint heads become questions that a second read of the log answers, so
 * memory grows with streams and such questions, never with the number of events.
 * `log()` must yield the same records in the same order each time it is called.
 * `read`, when the log given is part of the whole (some streams and the checkpoints): a signed
 * head of a stream outside it is left aside, so the fold holds no claims on streams it never reads.
 */
export async function foldLog(
  log: () => AsyncIterable<EventEnvelope>,
  trusted: TrustedKeys,
  { read = () => true }: { read?: (producer: ServiceName, streamId: string) => boolean } = {},
): Promise<FoldedVerification & { retained: () => number }> {
  const heads = new Map<string, Head>();
  const questions = new Map<string, Map<number, Question[]>>();
  const broken = new Map<string, BrokenLink>();
  const findings = new Map<string, CheckpointFinding>();
  let records = 0;
  let redeliveries = 0;
  let checkpoints = 0;
  let signedHeads = 0;

  const breakLink = (key: string, link: BrokenLink) => {
    const known = broken.get(key);
    if (!known || link.streamVersion < known.streamVersion) broken.set(key, link);
  };
  const find = (finding: CheckpointFinding) => {
    const key = keyOf(finding.producer, finding.streamId);
    const known = findings.get(key);
    if (!known || finding.streamVersion < known.streamVersion) findings.set(key, finding);
  };
  const ask = (key: string, version: number, question: Question) => {
    const byVersion = questions.get(key) ?? new Map<number, Question[]>();
    byVersion.set(version, [...(byVersion.get(version) ?? []), question]);
    questions.set(key, byVersion);
  };
  const compare = (claim: Claim, streamId: string, version: number, held: string | null) => {
    if (held !== claim.hash)
      find({
        producer: claim.producer,
        streamId,
        streamVersion: version,
        problem: 'rewritten',
        detail: `${claim.signed}, but it holds ${held}`,
      });
  };
  const headOf = (key: string): Head => {
    let head = heads.get(key);
    if (!head) heads.set(key, (head = { version: 0, hash: null, eventId: '' }));
    return head;
  };

  const claim = (producer: ServiceName, streamId: string, version: number, claimed: Claim) => {
    if (!read(producer, streamId)) return;
    const key = keyOf(producer, streamId);
    const head = headOf(key);
    if (version > head.version) {
      head.claims ??= new Map();
      head.claims.set(version, [...(head.claims.get(version) ?? []), claimed]);
    } else if (version === head.version) compare(claimed, streamId, version, head.hash);
    else ask(key, version, { kind: 'claim', streamId, claim: claimed });
  };

  const takeCheckpoint = async (e: EventEnvelope) => {
    const refused = await checkCheckpoint(e, trusted);
    if (refused) return find(refused);
    checkpoints += 1;
    for (const signedHead of (e.payload as ChainHeadsCheckpoint).heads) {
      signedHeads += 1;
      const signed = `checkpoint ${e.streamVersion} of ${e.producer} signed version ${signedHead.version} with hash ${signedHead.hash}`;
      claim(e.producer, signedHead.streamId, signedHead.version, {
        producer: e.producer,
        hash: signedHead.hash,
        signed,
      });
    }
  };

  const advance = async (key: string, head: Head, e: EventEnvelope) => {
    const link = checkLink(head, e);
    if (link) breakLink(key, link);
    Object.assign(head, { version: e.streamVersion, hash: e.hash, eventId: e.eventId });
    for (const signed of head.claims?.get(e.streamVersion) ?? []) compare(signed, e.streamId, e.streamVersion, e.hash);
    head.claims?.delete(e.streamVersion);
    if (head.claims?.size === 0) delete head.claims;
    if (isCheckpoint(e)) await takeCheckpoint(e);
  };

  /** A second event at a version already passed: the same event again, or another in its place. */
  const copy = (key: string, head: Head, e: EventEnvelope) => {
    const recomputed = recomputedHash(e);
    const question: Question = { kind: 'copy', streamId: e.streamId, eventId: e.eventId, hash: e.hash, recomputed };
    if (e.streamVersion === head.version)
      answer(key, e.streamVersion, question, { eventId: head.eventId, hash: head.hash! });
    else ask(key, e.streamVersion, question);
  };

  const answer = (key: string, version: number, q: Question, kept: { eventId: string; hash: string }) => {
    if (q.kind === 'claim') return compare(q.claim, q.streamId, version, kept.hash);
    const link = checkCopy(
      kept,
      { streamId: q.streamId, streamVersion: version, eventId: q.eventId, hash: q.hash },
      q.recomputed,
    );
    if (link) breakLink(key, link);
    else redeliveries += 1;
  };

  for await (const e of log()) {
    records += 1;
    const key = keyOf(e.producer, e.streamId);
    const head = headOf(key);
    if (e.streamVersion > head.version) await advance(key, head, e);
    else copy(key, head, e);
  }
  for (const [key, head] of heads)
    for (const [version, claims] of head.claims ?? [])
      for (const c of claims)
        find({
          producer: c.producer,
          streamId: key.slice(c.producer.length + 1),
          streamVersion: version,
          problem: 'truncated',
          detail: `${c.signed}, but the stream has no such version`,
        });

  if (questions.size > 0) {
    // The first record at a version is the one the first pass kept: Kafka replays a partition in order.
    for await (const e of log()) {
      const key = keyOf(e.producer, e.streamId);
      const asked = questions.get(key)?.get(e.streamVersion);
      if (!asked) continue;
      for (const q of asked) answer(key, e.streamVersion, q, e);
      questions.get(key)!.delete(e.streamVersion);
      if (questions.get(key)!.size === 0) questions.delete(key);
    }
  }

  return {
    streams: [...heads.values()].filter((head) => head.version > 0).length,
    events: records - redeliveries,
    redeliveries,
    broken: [...broken.values()],
    checkpoints: { checkpoints, signedHeads, broken: [...findings.values()] },
    /** Entries the fold holds: heads, versions awaiting a signed hash, unanswered questions (for specs). */
    retained: () =>
      heads.size +
      [...heads.values()].reduce((n, h) => n + (h.claims?.size ?? 0), 0) +
      [...questions.values()].reduce((n, byVersion) => n + byVersion.size, 0),
  };
}
