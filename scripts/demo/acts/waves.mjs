// The staged rollout (issue 18): the plan's waves, and their promotion while execution runs them.
import { ok, refusal, sleep } from '../client.mjs';

/** The sites the upgrade moves: Berlin is the pilot, Hamburg and Munich follow in one wave. */
export const SITES = ['berlin', 'hamburg', 'munich'];
export const PILOT = 'pilot';
export const SECOND = 'hamburg-munich';

/**
 * The windows, fixed while the plan is a draft (waves change only then) from the moment the plan's
 * window will open. Each wave's window keeps as long for a rollback as the plan's window (one
 * minute, see plans.mjs), so the pilot's two minutes leave it one to pass its checks; it bakes one
 * minute, which ends about when the second wave's window opens. The second wave's window lasts as
 * long as the plan's: its regression is found while monitoring runs, inside it. A longer pilot
 * window (`pilotMinutes`) gives the pilot more time to pass before its deadline rolls it back.
 */
export function rolloutSchedule(opensAt, pilotMinutes = 2) {
  const minutes = (m) => new Date(opensAt + m * 60_000).toISOString();
  return {
    opensAt: minutes(0),
    pilot: { startsAt: minutes(0), endsAt: minutes(pilotMinutes) },
    second: { startsAt: minutes(pilotMinutes), endsAt: minutes(125) },
    endsAt: minutes(125),
  };
}

/**
 * The pilot is Berlin (its database and the Reportly fix, chosen by site); the second wave names
 * Hamburg's and Munich's databases. The pilot is promoted by an approver, once it baked a minute.
 * A regression rolls the regressing wave back, holds the waves before it on the new version and
 * cancels those after it. `analysed`: the plan has the error-rate analysis, which judges the second wave.
 */
export async function defineWaves({ api, log, upgradeId, id, schedule, analysed }) {
  const upgrade = { params: { path: { upgradeId } } };
  await ok(
    api.planner.PUT('/upgrades/{upgradeId}/waves', {
      ...upgrade,
      body: {
        waves: [
          {
            name: PILOT,
            pilot: true,
            selector: { kind: 'location', site: 'berlin', node: null },
            window: schedule.pilot,
            acceptance: [],
            analysis: { kind: 'triggers' },
            bakeMinutes: 1,
            promotion: 'approval',
          },
          {
            name: SECOND,
            pilot: false,
            selector: { kind: 'assets', assetIds: [id('pg-hamburg'), id('pg-munich')] },
            window: schedule.second,
            acceptance: [],
            analysis: analysed ? { kind: 'metrics', metrics: ['error-rate'] } : { kind: 'triggers' },
            bakeMinutes: 0,
            promotion: 'approval',
          },
        ],
        onRegression: { earlierWaves: 'hold', laterWaves: 'cancel' },
      },
    }),
  );
  const { waves } = await ok(api.observer.GET('/upgrades/{upgradeId}/gates', upgrade));
  for (const wave of waves.waves)
    log(
      `   wave ${wave.name}${wave.pilot ? ' (pilot)' : ''}: ${wave.targets.join(', ')}, ${wave.window.startsAt} – ${wave.window.endsAt}, bakes ${wave.bakeMinutes} min`,
    );
  log(
    `   on a regression: earlier waves ${waves.onRegression.earlierWaves}, later waves ${waves.onRegression.laterWaves}`,
  );
}

/**
 * The approver promotes the accepted wave to the next. Asked at once, execution refuses (the wave
 * has not baked yet, or the next window is not open): the refusal is shown, then the approver
 * promotes when the clock allows, the later of the bake's end and the next window's opening
 * (only the clock opens them; no event announces either).
 */
export async function promoteWhenBaked({ api, log, upgradeId, to }) {
  const upgrade = { upgradeId };
  const promote = () =>
    api.approver.POST('/executions/{upgradeId}/waves/{wave}/promote', { params: { path: { ...upgrade, wave: to } } });
  const { rollout } = await ok(api.observer.GET('/executions/{upgradeId}', { params: { path: upgrade } }));
  const from = rollout.waves[rollout.current];
  const next = rollout.waves.find((w) => w.name === to);
  const at = Math.max(Date.parse(rollout.progress[from.name].bakeUntil), Date.parse(next.window.startsAt));
  if (at > Date.now()) {
    const refused = await refusal(promote(), 422);
    log(`   promotion to ${to} refused for now: ${refused.detail}`);
    await sleep(at - Date.now() + 500);
  }
  const promoted = await ok(promote());
  log(`   the approver promoted wave ${from.name} to ${to} (${promoted.events.join(', ')})`);
}
