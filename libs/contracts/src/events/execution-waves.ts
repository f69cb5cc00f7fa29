import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { id, isoDateTime, nonEmptyText } from './common.js';
import { regressionPolicy, wave } from './planning/waves.js';

/**
 * A staged rollout run (issue 18, ADR 37): execution carries the plan's waves from its start,
 * runs one wave at a time (backups, apply and acceptance per wave), lets it bake, promotes to the
 * next, and on a regression applies the plan's policy to every wave. Waves are named by the
 * `name` planning gave them in WavesDefined.
 */
const waveName = wave.shape.name;

export const RolloutStarted = defineEvent({
  type: 'RolloutStarted',
  producer: 'execution',
  description:
    "The execution runs the plan's waves one after the other, starting with the first; carries the waves and the regression policy as planning defined them.",
  schema: z.object({
    upgradeId: id,
    waves: z.array(wave).min(1).max(20),
    onRegression: regressionPolicy,
    startedAt: isoDateTime,
    /** The first wave's rollback-decision deadline: its window keeps as long for a rollback as the plan's. */
    rollbackDecisionDeadline: isoDateTime,
  }),
});

export const WaveAccepted = defineEvent({
  type: 'WaveAccepted',
  producer: 'execution',
  description:
    'Every acceptance check of the running wave passed; the wave bakes until bakeUntil, then may be promoted (automatically or by an approver, as the plan says).',
  schema: z.object({
    upgradeId: id,
    wave: waveName,
    passedCriteria: z.array(id),
    acceptedAt: isoDateTime,
    bakeUntil: isoDateTime,
    promotion: z.enum(['automatic', 'approval']),
  }),
});

export const WavePromoted = defineEvent({
  type: 'WavePromoted',
  producer: 'execution',
  description:
    'The accepted wave baked healthy for its bake time and the next wave starts; promotedBy is the approver, or the execution service for an automatic promotion.',
  schema: z.object({
    upgradeId: id,
    from: waveName,
    to: waveName,
    promotedBy: id,
    promotedAt: isoDateTime,
    bakedSince: isoDateTime,
    /** The starting wave's rollback-decision deadline: its window keeps as long for a rollback as the plan's. */
    rollbackDecisionDeadline: isoDateTime,
  }),
});

export const WaveRolledBack = defineEvent({
  type: 'WaveRolledBack',
  producer: 'execution',
  description:
    "The wave's targets go back with the rollback: the wave that regressed, and by the plan's policy the waves before it; an applied wave after it goes back too.",
  schema: z.object({ upgradeId: id, wave: waveName, targets: z.array(id).min(1), reason: nonEmptyText }),
});

export const WaveHeld = defineEvent({
  type: 'WaveHeld',
  producer: 'execution',
  description:
    "The wave stays as it is while another rolls back, by the plan's policy: an earlier wave keeps the new version (earlierWaves: hold), a later wave is paused before it starts (laterWaves: pause).",
  schema: z.object({
    upgradeId: id,
    wave: waveName,
    stance: z.enum(['kept', 'paused']),
    reason: nonEmptyText,
  }),
});

export const WaveCancelled = defineEvent({
  type: 'WaveCancelled',
  producer: 'execution',
  description: 'A wave after the one that regressed will not run (laterWaves: cancel).',
  schema: z.object({ upgradeId: id, wave: waveName, reason: nonEmptyText }),
});
