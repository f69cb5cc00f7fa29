import { Injectable } from '@nestjs/common';
import { Database, EventStore, pageOf, type Page, type PageRequest, type Transaction } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import { PlanReadModel, type CurrentPlan, type PlanSummary } from '../application/plan-read-model.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import type { Plan, PlanStatus } from '../domain/upgrade-plan.state.js';

type PlanRow = { status: PlanStatus; plan: Plan | null; streamVersion: number };

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
    const row = await this.db.one<PlanRow>(
      'SELECT status, plan, stream_version AS "streamVersion" FROM plans WHERE upgrade_id = $1',
      [upgradeId],
    );
    if (!row) return null;
    if (row.plan) return { status: row.status, plan: row.plan, streamVersion: row.streamVersion };
    // A row projected before the plan column existed (plan-state.migration.ts): its stream says.
    const history = await this.store.readStream(upgradeStreamId(upgradeId));
    const state = fold(upgradePlanDecider, history);
    return state.status === 'None' ? null : { ...state, streamVersion: history.length };
  }

  async status(upgradeId: string, tx?: Transaction): Promise<PlanStatus | null> {
    const row = await this.db.one<{ status: PlanStatus }>(
      'SELECT status FROM plans WHERE upgrade_id = $1',
      [upgradeId],
      tx,
    );
    return row?.status ?? null;
  }

  async list(status: string | null, page: PageRequest): Promise<Page<PlanSummary>> {
    const [proposedAt = null, upgradeId = null] = page.after ?? [];
    const rows = await this.db.query<PlanSummary>(
      `SELECT upgrade_id AS "upgradeId", title, status, urgency, requested_by AS "requestedBy", window_starts AS "windowStartsAt",
              window_ends AS "windowEndsAt", stream_version AS "streamVersion", proposed_at AS "proposedAt"
         FROM plans
        WHERE ($1::text IS NULL OR status = $1)
          AND ($2::timestamptz IS NULL OR (proposed_at, upgrade_id) < ($2::timestamptz, $3::text))
        ORDER BY proposed_at DESC, upgrade_id DESC LIMIT $4`,
      [status, proposedAt, upgradeId, page.limit + 1],
    );
    return pageOf(rows, page, (plan) => [new Date(plan.proposedAt).toISOString(), plan.upgradeId]);
  }
}
