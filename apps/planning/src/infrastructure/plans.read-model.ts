import { Injectable } from '@nestjs/common';
import { Database, EventStore, type Transaction } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import { PlanReadModel, type CurrentPlan, type PlanSummary } from '../application/plan-read-model.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import type { Plan, PlanStatus } from '../domain/upgrade-plan.state.js';

type PlanRow = { status: PlanStatus; plan: Plan | null };

/** The plans table (plans.projection.ts). */
@Injectable()
export class SqlPlanReadModel extends PlanReadModel {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {
    super();
  }

  async plan(upgradeId: string): Promise<CurrentPlan | null> {
    const row = await this.db.one<PlanRow>('SELECT status, plan FROM plans WHERE upgrade_id = $1', [upgradeId]);
    if (!row) return null;
    if (row.plan) return { status: row.status, plan: row.plan };
    // A row projected before the plan column existed (plan-state.migration.ts): its stream says.
    const state = fold(upgradePlanDecider, await this.store.readStream(upgradeStreamId(upgradeId)));
    return state.status === 'None' ? null : state;
  }

  async status(upgradeId: string, tx?: Transaction): Promise<PlanStatus | null> {
    const row = await this.db.one<{ status: PlanStatus }>(
      'SELECT status FROM plans WHERE upgrade_id = $1',
      [upgradeId],
      tx,
    );
    return row?.status ?? null;
  }

  list(status: string | null): Promise<PlanSummary[]> {
    return this.db.query<PlanSummary>(
      `SELECT upgrade_id AS "upgradeId", title, status, urgency, requested_by AS "requestedBy", window_starts AS "windowStartsAt",
              window_ends AS "windowEndsAt", stream_version AS "streamVersion" FROM plans WHERE $1::text IS NULL OR status = $1 ORDER BY updated_at DESC LIMIT 500`,
      [status],
    );
  }
}
