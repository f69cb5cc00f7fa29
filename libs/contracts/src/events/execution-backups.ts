import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { actorSchema } from '../envelope.js';
import type { Upcaster } from '../upcaster.js';
import { id, isoDateTime, nonEmptyText } from './common.js';

/**
 * Backups as evidence (issue 14, rule book "Data protection"): what the server observed (its
 * clock, the authenticated principal) and what a second principal or an agent measured.
 */

/** Algorithms a backup's checksum may use, with the length of their hex digest. */
export const CHECKSUM_ALGORITHMS = ['sha256', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];
export const DIGEST_HEX_LENGTH: Record<ChecksumAlgorithm, number> = { sha256: 64, sha384: 96, sha512: 128 };

const checksum = z.object({ algorithm: z.enum(CHECKSUM_ALGORITHMS), digest: z.string().regex(/^[0-9a-f]{64,128}$/) });
const takenDetails = {
  upgradeId: id,
  backupId: id,
  what: z.string().min(1),
  method: z.string().min(1),
  location: z.string().min(1),
};

export const BackupTaken = defineEvent({
  type: 'BackupTaken',
  schemaVersion: 2,
  producer: 'execution',
  description:
    'A planned backup was taken: when the server received the report, by whom, and the checksum the taker computed. ' +
    'Version 1 events (client times only) read back with evidence "not-recorded".',
  schema: z.discriminatedUnion('evidence', [
    z.object({
      evidence: z.literal('recorded'),
      ...takenDetails,
      sizeBytes: z.number().int().positive(),
      /** "algorithm:hex digest", as computed by the taker. */
      checksum: z.string().regex(/^(sha256|sha384|sha512):[0-9a-f]{64,128}$/),
      takenAt: isoDateTime,
      takenBy: actorSchema,
      /** Informative only: the times the client says the backup ran; never used by a rule. */
      reportedStartedAt: isoDateTime.nullable(),
      reportedFinishedAt: isoDateTime.nullable(),
    }),
    z.object({
      evidence: z.literal('not-recorded'),
      ...takenDetails,
      sizeBytes: z.number().int().nonnegative(),
      checksum: z.string().min(1),
      takenAt: z.null(),
      takenBy: z.null(),
      reportedStartedAt: isoDateTime,
      reportedFinishedAt: isoDateTime,
    }),
  ]),
});

/** Version 1: every time and the checksum typed by the client. */
export const BackupTakenV1 = defineEvent({
  type: 'BackupTaken',
  producer: 'execution',
  description: 'Superseded by version 2 (server time and principal recorded).',
  schema: z.object({
    ...takenDetails,
    sizeBytes: z.number().int().nonnegative(),
    checksum: z.string().min(1),
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
  }),
});

export const BackupVerified = defineEvent({
  type: 'BackupVerified',
  schemaVersion: 2,
  producer: 'execution',
  description:
    'A principal other than the taker (or an agent) recomputed the checksum and restored the backup: its size, the ' +
    'restore target, start, end and measured duration, and the objects checked. Version 1 events read back with ' +
    'evidence "not-recorded" and every measurement null; they do not count as a verification.',
  schema: z.discriminatedUnion('evidence', [
    z.object({
      evidence: z.literal('measured'),
      upgradeId: id,
      backupId: id,
      verifiedBy: actorSchema,
      verifiedAt: isoDateTime,
      checksum,
      sizeBytes: z.number().int().positive(),
      restore: z.object({
        target: nonEmptyText,
        startedAt: isoDateTime,
        finishedAt: isoDateTime,
        /** Computed by the server from startedAt and finishedAt; feeds the rollback estimate. */
        durationMs: z.number().int().positive(),
        objectsChecked: z.number().int().positive(),
      }),
    }),
    z.object({
      evidence: z.literal('not-recorded'),
      upgradeId: id,
      backupId: id,
      verifiedBy: z.null(),
      verifiedAt: z.null(),
      checksum: z.object({ algorithm: z.null(), digest: z.string().min(1) }),
      sizeBytes: z.null(),
      restore: z.object({
        target: z.string().min(1),
        startedAt: z.null(),
        finishedAt: z.null(),
        durationMs: z.null(),
        objectsChecked: z.null(),
        /** What version 1 let the client type; a claim, not a measurement. */
        claimedDurationSeconds: z.number().nonnegative(),
      }),
    }),
  ]),
});

/** Version 1: two client strings and a client-typed restore test. */
export const BackupVerifiedV1 = defineEvent({
  type: 'BackupVerified',
  producer: 'execution',
  description: 'Superseded by version 2 (measured evidence, verifier recorded).',
  schema: z.object({
    upgradeId: id,
    backupId: id,
    checksum: z.string().min(1),
    restoreTest: z.object({
      target: z.string().min(1),
      durationSeconds: z.number().nonnegative(),
      succeeded: z.literal(true),
    }),
  }),
});

export const BackupVerificationFailed = defineEvent({
  type: 'BackupVerificationFailed',
  producer: 'execution',
  description: 'Checksum mismatch or failed restore test; blocks the upgrade.',
  schema: z.object({ upgradeId: id, backupId: id, reason: nonEmptyText }),
});

/** BackupTaken v1 → v2: the client's times stay as reported; the server's time and the taker were not recorded. */
export const backupTakenV1ToV2: Upcaster = {
  type: 'BackupTaken',
  fromVersion: 1,
  upcast: ({ startedAt, finishedAt, ...rest }) => ({
    ...rest,
    evidence: 'not-recorded',
    takenAt: null,
    takenBy: null,
    reportedStartedAt: startedAt,
    reportedFinishedAt: finishedAt,
  }),
};

/** BackupVerified v1 → v2: the claims stay as claims; every measurement is null (not recorded). */
export const backupVerifiedV1ToV2: Upcaster = {
  type: 'BackupVerified',
  fromVersion: 1,
  upcast: ({ checksum, restoreTest, ...rest }) => {
    const { target, durationSeconds } = restoreTest as { target: string; durationSeconds: number };
    return {
      ...rest,
      evidence: 'not-recorded',
      verifiedBy: null,
      verifiedAt: null,
      checksum: { algorithm: null, digest: checksum },
      sizeBytes: null,
      restore: {
        target,
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        objectsChecked: null,
        claimedDurationSeconds: durationSeconds,
      },
    };
  },
};
