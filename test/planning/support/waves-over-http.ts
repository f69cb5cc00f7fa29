import type { RunningService } from '../../support/service-app.js';

// A staged rollout over HTTP (issue 18), for the scenarios that need waves.

type Window = { startsAt: string; endsAt: string };

/** A wave by its selector, judged by the plan's rollback triggers, promoted by approval after an hour. */
export const wave = (
  name: string,
  selector: Record<string, unknown>,
  window: Window,
  over: Record<string, unknown> = {},
) => ({
  name,
  pilot: false,
  selector,
  window,
  acceptance: [],
  analysis: { kind: 'triggers' },
  bakeMinutes: 60,
  promotion: 'approval',
  ...over,
});

/** The night of the given December 2026 day, 20:00 to 02:00 UTC. */
export const night = (day: number): Window => ({
  startsAt: `2026-12-${String(day).padStart(2, '0')}T20:00:00Z`,
  endsAt: `2026-12-${String(day + 1).padStart(2, '0')}T02:00:00Z`,
});

export const HOLD_AND_CANCEL = { earlierWaves: 'hold', laterWaves: 'cancel' };

/** PUT /upgrades/{id}/waves as the planner. */
export const defineWaves = (planning: RunningService, upgradeId: string, waves: unknown[]) =>
  planning.as('planner').put(`/upgrades/${upgradeId}/waves`).send({ waves, onRegression: HOLD_AND_CANCEL });

/** One pilot wave moving every named target, as the policy asks of a risky plan. */
export const pilotWaveFor = (planning: RunningService, upgradeId: string, assetIds: string[]) =>
  defineWaves(planning, upgradeId, [wave('pilot', { kind: 'assets', assetIds }, night(5), { pilot: true })]);
