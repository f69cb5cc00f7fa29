import { CommandBus } from '@nestjs/cqrs';
import { Decide, orThrow } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import { DataSource } from 'typeorm';
import { upgradePlanStream } from '../../apps/planning/src/application/streams.js';
import { upgradePlanDecider } from '../../apps/planning/src/domain/upgrade-plan.decider.js';
import type { Plan, PlanState } from '../../apps/planning/src/domain/upgrade-plan.state.js';
import { PlanningModule } from '../../apps/planning/src/planning.module.js';
import { draftCommands } from '../support/fixtures/upgrade-plan.js';
import { startService, type RunningService } from '../support/service-app.js';

/** A plan is read from its row in the plans read model, which must answer exactly what its stream folds to. */
describe('planning reads a plan from its read model', () => {
  let planning: RunningService;
  const upgradeId = 'up-1'; // the fixtures' plan
  const caller = { actor: { id: 'alice', role: 'planner' as const }, traceparent: null };

  beforeAll(async () => {
    planning = await startService('planning', (env) => PlanningModule.register(env));
    const commands = planning.app.get(CommandBus);
    for (const command of draftCommands)
      orThrow(await commands.execute(Decide.by(caller, upgradePlanStream, upgradeId, command)));
  }, 60_000);
  afterAll(async () => {
    await planning.close();
  });

  const get = () => planning.as('observer').get(`/upgrades/${upgradeId}`).expect(200);

  it('keeps the plan its stream folds to, key for key and in the same order', async () => {
    const history = await planning.store.readStream(upgradePlanStream.streamId(upgradeId));
    const { status, plan } = fold(upgradePlanDecider, history) as Extract<PlanState, { plan: Plan }>;
    const response = await get();
    expect(response.text).toBe(JSON.stringify({ status, ...plan, streamVersion: history.length }));
  });

  it('folds the stream of a row projected before the plan column existed, answering the same', async () => {
    const before = await get();
    await planning.app.get(DataSource).query('UPDATE plans SET plan = NULL WHERE upgrade_id = $1', [upgradeId]);
    const after = await get();
    expect(after.text).toBe(before.text);
  });

  it('answers 404 for an upgrade it does not know', async () => {
    const response = await planning.as('observer').get('/upgrades/no-such-upgrade').expect(404);
    expect(response.body.detail).toBe('upgrade no-such-upgrade not found');
  });
});
