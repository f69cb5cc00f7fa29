import type { EventEnvelope } from '@upgrade-control/contracts';
import type { ProjectionStatement, StateProjection, StreamChange } from '@upgrade-control/platform';
import type { DeclareFreeze } from '../domain/change-calendar.decider.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import type { PlanState } from '../domain/upgrade-plan.state.js';
import { planAssets } from './plan-assets.js';

/** The calendar as a table for conflict detection; a freeze is written once (ADR 10). */
export const projectCalendar = (event: EventEnvelope): ProjectionStatement[] => {
  if (event.type !== 'ChangeFreezeDeclared') return [];
  const p = event.payload as DeclareFreeze;
  return [
    {
      sql: 'INSERT INTO calendar VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING',
      parameters: [p.freezeId, p.kind, p.name, p.startsAt, p.endsAt, p.scope, p.reason],
    },
  ];
};

const UPGRADE_STREAM = upgradeStreamId('');

/**
 * Plans as a table for listing and the plan itself. A plan row is the decider's own state after
 * the append, the one the command was decided on evolved by the stored events, so the read model
 * can never disagree with the aggregate, and neither keeping nor reading it costs a fold of the
 * stream (ADR 36). It only ever moves to a later stream version, so applying events again changes
 * nothing (ADR 10).
 */
export const projectPlans: StateProjection<PlanState> = {
  decider: upgradePlanDecider,
  owns: (streamId) => streamId.startsWith(UPGRADE_STREAM),
  project: ({ version, events, state }: StreamChange<PlanState>) => {
    if (state.status === 'None') return [];
    const { plan } = state;
    return [
      {
        // json, not jsonb: the plan keeps its keys in the order the fold gave them, as it is answered.
        // proposed_at is only inserted: the row is created by the append of UpgradeProposed, the
        // stream's first event (no other event leaves the state 'None'), so events[0] is the proposal.
        sql: `INSERT INTO plans (upgrade_id, title, status, urgency, requested_by, asset_ids, window_starts, window_ends,
                                 stream_version, updated_at, plan, proposed_at)
              VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::json,$12)
              ON CONFLICT (upgrade_id) DO UPDATE SET status = $3, asset_ids = $6, window_starts = $7, window_ends = $8,
                                                     stream_version = $9, updated_at = $10, plan = $11::json
              WHERE plans.stream_version < $9`,
        parameters: [
          plan.upgradeId,
          plan.title,
          state.status,
          plan.urgency,
          plan.requestedBy,
          planAssets(plan),
          plan.window?.startsAt ?? null,
          plan.window?.endsAt ?? null,
          version,
          events.at(-1)!.occurredAt,
          JSON.stringify(plan),
          events[0]!.occurredAt,
        ],
      },
    ];
  },
};
