import type { RunningService } from '../../support/service-app.js';

// The people a drafted plan relies on, through planning's HTTP API: oscar (the operator's dev key)
// owns the rollback decision and is on call as the plan's DBA.

/** The decision owner the HTTP helpers name: a principal with a dev key, so that he can accept. */
export const DECISION_OWNER = 'oscar';

/** The decision owner accepts the role, as himself. */
export async function decisionOwnerAccepts(planning: RunningService, upgradeId: string): Promise<void> {
  await planning
    .as('operator')
    .post(`/upgrades/${upgradeId}/rollback-plan/decision-owner`)
    .send({ accept: true })
    .expect(200);
}

/** The plan needs a DBA on call; the planner puts oscar on call from now until long after any test window. */
export async function dbaOnCall(planning: RunningService, upgradeId: string): Promise<void> {
  await planning
    .as('planner')
    .put(`/upgrades/${upgradeId}/support-roles`)
    .send({ roles: ['dba'] })
    .expect(200);
  await planning
    .as('planner')
    .post('/roster/shifts')
    .send({
      shiftId: `dba-${upgradeId}`,
      role: 'dba',
      principal: DECISION_OWNER,
      startsAt: new Date().toISOString(),
      endsAt: '2028-01-01T00:00:00Z',
    })
    .expect(200);
}
