import { ANALYSIS_ACTIONS, ANALYSIS_OUTCOMES, ANALYSIS_VERDICTS, isoDateTime } from '@upgrade-control/contracts';
import { z } from 'zod';
import type { UpgradeRecord } from '../domain/upgrade-record.js';

/**
 * The upgrade record's shape for the API document (domain/upgrade-record/record.ts is the
 * type the domain compiles; the domain may not use zod). Objects are strict, and
 * upgrade-record.schema.spec.ts parses compiled records with it, so a field added to the record
 * and not here fails a test instead of going undocumented.
 */
const text = z.string();
const nullableText = z.string().nullable();
const instant = isoDateTime;
const nullableInstant = instant.nullable();
const object = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

const verification = object({
  evidence: z.enum(['measured', 'not-recorded']),
  verifiedBy: nullableText,
  verifiedAt: nullableInstant,
  checksum: object({ algorithm: nullableText, digest: text }),
  sizeBytes: z.number().int().nullable(),
  restore: object({
    target: text,
    startedAt: nullableInstant,
    finishedAt: nullableInstant,
    durationMs: z.number().int().nullable(),
    objectsChecked: z.number().int().nullable(),
  }),
});

const snapshotReference = object({
  snapshotId: text,
  contentHash: text,
  capturedAt: instant,
  capturedBy: nullableText,
});

const diff = object({
  added: z.array(object({ path: text, value: z.unknown() })),
  removed: z.array(object({ path: text, value: z.unknown() })),
  changed: z.array(object({ path: text, before: z.unknown(), after: z.unknown() })),
});

/** One wave of a staged rollout as it ran (issue 18). */
const waveTimeline = object({
  name: text,
  pilot: z.boolean(),
  targets: z.array(text),
  startedAt: nullableInstant,
  appliedAt: nullableInstant,
  acceptedAt: nullableInstant,
  bakeUntil: nullableInstant,
  promotedAt: nullableInstant,
  promotedBy: nullableText,
  stopped: object({
    kind: z.enum(['rolled-back', 'held', 'cancelled']),
    stance: z.enum(['kept', 'paused']).nullable(),
    reason: text,
    at: instant,
  }).nullable(),
  status: z.enum(['pending', 'running', 'applied', 'accepted', 'promoted', 'rolled-back', 'held', 'cancelled']),
});

export const upgradeRecordSchema = object({
  upgradeId: text,
  title: nullableText,
  purpose: object({ category: text, statement: text, urgency: text }).nullable(),
  outcome: z.enum(['in-progress', 'succeeded', 'rolled-back', 'failed', 'cancelled', 'rejected']),
  versions: z.array(object({ assetId: text, from: text, to: text, installed: nullableText, restored: nullableText })),
  times: object({
    proposedAt: nullableInstant,
    window: object({ startsAt: instant, endsAt: instant }).nullable(),
    executionStartedAt: nullableInstant,
    appliedAt: nullableInstant,
    acceptedAt: nullableInstant,
    stableAt: nullableInstant,
    closedAt: nullableInstant,
  }),
  responsibleStaff: z.array(object({ id: text, role: text, actions: z.array(text) })),
  approvals: z.array(object({ approver: text, at: instant, comment: text })),
  backups: z.array(
    object({
      backupId: text,
      assetId: nullableText,
      method: nullableText,
      location: nullableText,
      checksum: nullableText,
      takenBy: nullableText,
      takenAt: nullableInstant,
      verified: z.boolean(),
      verification: verification.nullable(),
      failures: z.array(text),
    }),
  ),
  configurationSnapshots: z.array(
    object({
      assetId: text,
      before: snapshotReference.nullable(),
      after: snapshotReference.nullable(),
      diff: diff.nullable(),
    }),
  ),
  skippedSteps: z.array(object({ stepId: text, skippedBy: text, reason: text, at: instant })),
  changedConfiguration: z.array(
    object({ assetId: text, path: text, before: z.unknown(), after: z.unknown(), stepId: text }),
  ),
  tests: z.array(
    object({
      environment: text,
      outcome: text,
      representativeData: z.boolean(),
      loadTested: z.boolean(),
      summary: text,
    }),
  ),
  acceptance: object({
    criteria: z.array(object({ criterionId: text, core: z.boolean(), passCondition: text, outcome: nullableText })),
    result: z.enum(['open', 'passed', 'failed']),
  }),
  issues: z.array(object({ kind: text, at: instant, summary: text, resolved: z.boolean() })),
  rollback: object({
    status: z.enum(['not-needed', 'triggered', 'completed', 'forward-fix']),
    trigger: nullableText,
    reason: nullableText,
    decidedBy: nullableText,
    breakGlass: nullableText,
    dataLossExposure: nullableText,
  }),
  notices: z.array(
    object({
      phase: text,
      userGroups: z.array(text),
      channel: text,
      sentAt: instant,
      reportedSentAt: nullableInstant,
    }),
  ),
  followUps: z.array(
    object({
      followUpId: text,
      description: text,
      owner: text,
      status: z.enum(['open', 'closed']),
      resolution: nullableText,
    }),
  ),
  postImplementationReview: object({
    dueAt: instant,
    status: z.enum(['open', 'closed']),
    closedBy: nullableText,
    closedAt: nullableInstant,
    findings: nullableText,
    rootCause: nullableText,
    lessons: nullableText,
    followUps: z.array(
      object({
        followUp: z.number().int(),
        action: text,
        owner: text,
        dueAt: instant,
        doneBy: nullableText,
        doneAt: nullableInstant,
      }),
    ),
  }).nullable(),
  analysis: z.array(
    object({
      assetId: text,
      metric: text,
      baseline: object({
        periods: z.array(object({ from: instant, to: instant })),
        valueCount: z.number().int().nonnegative(),
        capturedAt: instant,
      }).nullable(),
      runs: z.array(
        object({
          run: z.number().int().positive(),
          from: instant,
          to: instant,
          observed: z.number().nullable(),
          limit: z.number().nullable(),
          pValue: z.number().nullable(),
          verdict: z.enum(ANALYSIS_VERDICTS),
          reason: text,
        }),
      ),
      conclusion: object({
        outcome: z.enum(ANALYSIS_OUTCOMES),
        action: z.enum(ANALYSIS_ACTIONS),
        reason: text,
        concludedAt: instant,
      }).nullable(),
      accepted: object({ by: text, reason: text, at: instant }).nullable(),
    }),
  ),
  compatibility: object({
    findings: z.number().int(),
    incompatible: z.number().int(),
    waivers: z.array(object({ ruleId: nullableText, reason: text, approvedBy: text })),
  }),
  // Absent for an upgrade without a rollout, so the hash of its record stays what it was.
  waves: z.array(waveTimeline).optional(),
  eventCount: z.number().int().nonnegative(),
}) satisfies z.ZodType<UpgradeRecord>;
