import type { DomainError } from '@upgrade-control/platform/domain';
import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  draftCommands,
  history,
  irreversibleDraft,
  pilotWave,
  propose,
  ready,
  readyCommands,
  reporting,
  submit,
  unknownFinding,
  waiveFinding,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// The policy asks for a pilot wave (issue 18) for architecture changes, irreversible migrations
// and plans whose unknown compatibility an approver waived; submission is refused without one.

const spec = deciderSpec(upgradePlanDecider);

const gate = (error: DomainError, name: string) =>
  error.kind === 'gate-refused' ? error.gates.find((g) => g.gate === name) : undefined;

const refusedFor = (commands: PlanCommand[], command: PlanCommand = submit) => {
  const error = spec
    .given(history(commands))
    .when(command)
    .thenRefuses('gate-refused', 'the plan cannot go to approval: pilot-wave not met');
  return gate(error, 'pilot-wave');
};

const architecture = [{ ...propose, category: 'architecture' } as PlanCommand, ...draftCommands.slice(1)];
const waived = [
  ...draftCommands,
  { type: 'AssessCompatibility', findings: [unknownFinding] } as PlanCommand,
  waiveFinding(unknownFinding, 'bob'),
];
const withUnknown = { ...submit, findings: [unknownFinding] } as PlanCommand;
const fix = 'PUT /upgrades/{id}/waves with the first wave marked pilot';

describe('upgrade plan: the pilot-wave gate', () => {
  it('refuses an architecture change without a pilot wave, saying why and how to fix it', () => {
    expect(refusedFor(architecture)).toEqual({
      gate: 'pilot-wave',
      rule: expect.stringContaining('architecture changes, irreversible migrations'),
      status: 'failed',
      missing: ['a pilot wave first, for an architecture change'],
      fix,
    });
  });

  it('refuses an irreversible migration without a pilot wave', () => {
    const withoutWaves = irreversibleDraft.filter((c) => c.type !== 'DefineWaves');
    expect(refusedFor(withoutWaves)!.missing).toEqual([
      'a pilot wave first, for an irreversible migration (the rollback plan is forward-fix only)',
    ]);
  });

  it('refuses a plan whose unknown compatibility was waived without a pilot wave', () => {
    expect(refusedFor(waived, withUnknown)!.missing).toEqual([
      'a pilot wave first, for compatibility of orders-db with billing unknown and waived',
    ]);
  });

  it('refuses waves whose first wave is not a pilot', () => {
    const notPilot = { ...pilotWave, waves: [{ ...(pilotWave as { waves: object[] }).waves[0], pilot: false }] };
    expect(refusedFor([...architecture, notPilot as PlanCommand])!.status).toBe('failed');
  });

  it('lets each through once a pilot wave leads the rollout', () => {
    for (const [commands, command] of [
      [architecture, submit],
      [irreversibleDraft, submit],
      [waived, withUnknown],
    ] as const)
      expect(spec.given(history([...commands, pilotWave])).when(command).decision.ok).toBe(true);
  });

  it('does not apply to a reversible plan with known compatibility', () => {
    expect(spec.given(history(draftCommands)).when(submit).decision.ok).toBe(true);
  });

  it('fails the waves gate when a target was added after the waves were defined', () => {
    const added: PlanCommand = {
      type: 'AddTarget',
      assetId: 'reportly',
      toVersion: '5.0',
      current: { ...reporting, version: '4.2' },
      reason: 'moves with the database',
    };
    const error = spec
      .given(history([...architecture, pilotWave, added]))
      .when(submit)
      .thenRefuses('gate-refused', /waves not met/);
    expect(gate(error, 'waves')).toMatchObject({
      status: 'failed',
      missing: ['reportly in no wave: every target is in exactly one wave'],
    });
  });
});

describe('upgrade plan: the wave-windows gate', () => {
  it("refuses readiness for a wave whose window is shorter than the rollback time the plan's window keeps", () => {
    const waves = (pilotWave as { waves: { window: object }[] }).waves;
    const short = {
      ...pilotWave,
      waves: [{ ...waves[0], window: { startsAt: '2026-12-05T20:00:00Z', endsAt: '2026-12-05T21:00:00Z' } }],
    } as PlanCommand;
    const untilReady = readyCommands.slice(0, -1);
    const draft = untilReady.indexOf(submit);
    const error = spec
      .given(history([...untilReady.slice(0, draft), short, ...untilReady.slice(draft)]))
      .when(ready)
      .thenRefuses('gate-refused', /wave-windows/);
    // The fixture's window keeps its 90 minutes of rollback after the decision deadline.
    expect(gate(error, 'wave-windows')).toMatchObject({
      status: 'failed',
      missing: ["wave pilot's window at least 90 min long, the rollback time the plan keeps"],
    });
  });
});
