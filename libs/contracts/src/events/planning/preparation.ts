import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, nonEmptyText, versionString } from '../common.js';
import { ACCEPTANCE_KINDS, minutes, rollbackTrigger } from './vocabulary.js';

/** Preparation: the safeguards a plan needs before approval (backup, rollback, acceptance, tests, runbook). */

export const BackupPlanned = defineEvent({
  type: 'BackupPlanned',
  producer: 'planning',
  description: 'What will be backed up, how, where, for how long, and how it is restored.',
  schema: z.object({
    upgradeId: id,
    backupId: id,
    assetId: id,
    scope: z.enum(['data', 'configuration', 'data-and-configuration']),
    method: z.string().min(1),
    location: z.string().min(1),
    retentionDays: z.number().int().positive(),
    restoreMethod: z.string().min(1),
    expectedRestoreMinutes: minutes,
  }),
});

export const RollbackPlanned = defineEvent({
  type: 'RollbackPlanned',
  producer: 'planning',
  description: 'Who decides, what triggers it, the steps, duration, data-loss exposure and reversibility.',
  schema: z.object({
    upgradeId: id,
    decisionOwner: id,
    triggers: z.array(rollbackTrigger),
    steps: z.array(z.string().min(1)).min(1),
    estimatedMinutes: minutes,
    dataLossExposure: z.string().min(1),
    reversibility: z.enum(['reversible', 'forward-fix-only']),
    irreversibleAcknowledgedBy: id.nullable(),
    confirmTimeoutMinutes: minutes,
    defaultDecision: z.enum(['rollback', 'continue']),
  }),
});

export const RollbackRehearsed = defineEvent({
  type: 'RollbackRehearsed',
  producer: 'planning',
  description: 'A rollback rehearsal and its result.',
  schema: z.object({
    upgradeId: id,
    outcome: z.enum(['succeeded', 'partial', 'failed']),
    durationMinutes: minutes,
    notes: z.string(),
  }),
});

export const AcceptanceCriteriaDefined = defineEvent({
  type: 'AcceptanceCriteriaDefined',
  producer: 'planning',
  description: 'What "successful" means, ordered core-first, each with a kind and a pass condition.',
  schema: z.object({
    upgradeId: id,
    criteria: z
      .array(
        z.object({
          criterionId: id,
          order: z.number().int().positive(),
          kind: z.enum(ACCEPTANCE_KINDS),
          core: z.boolean(),
          description: z.string().min(1),
          passCondition: z.string().min(1),
        }),
      )
      .min(1),
  }),
});

const testRun = z.object({
  upgradeId: id,
  environment: z.string().min(1),
  representativeData: z.boolean(),
  rolesCovered: z.array(z.string()),
  integrationsCovered: z.array(z.string()),
  loadTested: z.boolean(),
  outcome: z.enum(['passed', 'passed-with-issues', 'failed']),
  summary: z.string(),
});

export const TestEvidenceRecorded = defineEvent({
  type: 'TestEvidenceRecorded',
  schemaVersion: 2,
  producer: 'planning',
  description:
    'A test run in an environment resembling production, naming the asset pairs (at their versions) it exercised: ' +
    'a run that did not fail is pilot evidence for those pairs.',
  schema: testRun.extend({
    pairsCovered: z.array(
      z.object({ assetId: id, assetVersion: versionString, otherAssetId: id, otherVersion: versionString }),
    ),
  }),
});

/** Version 1 did not say which pairs the run exercised. */
export const TestEvidenceRecordedV1 = defineEvent({
  type: 'TestEvidenceRecorded',
  producer: 'planning',
  description: 'Superseded by version 2 (the pairs the run exercised).',
  schema: testRun,
});

export const RunbookDefined = defineEvent({
  type: 'RunbookDefined',
  producer: 'planning',
  description: 'The ordered steps execution will run, including the final backup and the verification.',
  schema: z.object({
    upgradeId: id,
    steps: z.array(z.object({ stepId: id, order: z.number().int().positive(), description: z.string().min(1) })).min(1),
  }),
});

export const MonitoringPeriodDefined = defineEvent({
  type: 'MonitoringPeriodDefined',
  producer: 'planning',
  description: 'How long post-release monitoring lasts for this upgrade, instead of the default by criticality.',
  schema: z.object({ upgradeId: id, minutes: z.number().int().positive(), reason: nonEmptyText }),
});
