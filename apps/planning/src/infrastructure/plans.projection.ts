import type { EventEnvelope } from '@upgrade-control/contracts';
import type { InlineProjection, StreamReader, Transaction } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import type { DeclareFreeze } from '../domain/change-calendar.decider.js';
import { upgradePlanDecider } from '../domain/upgrade-plan.decider.js';
import { planAssets } from './plan-assets.js';

/**
 * Plans and the calendar as tables for listing, conflict detection and the plan itself. A plan
 * row is the decider's own fold of the stream, so the read model can never disagree with the
 * aggregate, and reading it costs no fold; it only ever moves to a later stream version, and a
 * freeze is written once, so applying events again changes nothing (ADR 10). The stream comes
 * from the store, or from the replayed topic in a rebuild.
 */
export const planningProjection =
  (readStream: StreamReader): InlineProjection =>
  async (events: EventEnvelope[], tx: Transaction) => {
    for (const event of events.filter((e) => e.type === 'ChangeFreezeDeclared')) {
      const p = event.payload as DeclareFreeze;
      await tx.query('INSERT INTO calendar VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING', [
        p.freezeId,
        p.kind,
        p.name,
        p.startsAt,
        p.endsAt,
        p.scope,
        p.reason,
      ]);
    }
    const upgrades = new Set(events.filter((e) => e.streamId.startsWith('upgrade-')).map((e) => e.streamId));
    for (const streamId of upgrades) {
      const history = await readStream(streamId, tx);
      const state = fold(upgradePlanDecider, history);
      if (state.status === 'None') continue;
      const { plan } = state;
      // json, not jsonb: the plan keeps its keys in the order the fold gave them, as it is answered.
      await tx.query(
        `INSERT INTO plans (upgrade_id, title, status, urgency, requested_by, asset_ids, window_starts, window_ends,
                            stream_version, updated_at, plan, proposed_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::json,$12)
         ON CONFLICT (upgrade_id) DO UPDATE SET status = $3, asset_ids = $6, window_starts = $7, window_ends = $8,
                                                stream_version = $9, updated_at = $10, plan = $11::json
         WHERE plans.stream_version < $9`,
        [
          plan.upgradeId,
          plan.title,
          state.status,
          plan.urgency,
          plan.requestedBy,
          planAssets(plan),
          plan.window?.startsAt ?? null,
          plan.window?.endsAt ?? null,
          history.length,
          history.at(-1)!.occurredAt,
          JSON.stringify(plan),
          history[0]!.occurredAt,
        ],
      );
    }
  };
