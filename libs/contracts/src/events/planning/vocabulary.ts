import { z } from 'zod';
import { id, versionString } from '../common.js';

/** The closed vocabularies and payload parts that several planning events share. */

export const PURPOSE_CATEGORIES = [
  'security-fix',
  'bug-fix',
  'compliance',
  'end-of-support',
  'performance',
  'feature',
  'hardware-support',
  'architecture',
] as const;
export const URGENCIES = ['emergency', 'expedited', 'planned', 'optional'] as const;
export const ACCEPTANCE_KINDS = [
  'startup',
  'login',
  'core-workflow',
  'data-read-write',
  'report',
  'interface-call',
  'device',
  'scheduled-task',
  'permission',
  'backup-operation',
  'monitoring',
  'log-review',
  'user-confirmation',
] as const;
export const TRIGGER_MODES = ['automatic', 'confirm', 'dry-run'] as const;

export const target = z.object({ assetId: id, fromVersion: versionString, toVersion: versionString });
export const minutes = z.number().int().nonnegative();

export const rollbackTrigger = z.object({
  triggerId: id,
  kind: z.enum(['acceptance-failure', 'metric-threshold', 'decision-deadline']),
  mode: z.enum(TRIGGER_MODES),
  metric: z.string().nullable(),
  comparison: z.enum(['above-baseline-factor', 'above-absolute', 'below-absolute']).nullable(),
  threshold: z.number().nullable(),
  sustainedMinutes: minutes.nullable(),
  assetId: id.nullable(),
});
