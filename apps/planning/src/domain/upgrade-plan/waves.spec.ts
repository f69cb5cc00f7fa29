import type { CompatibilityRule, MixedVersionStance } from '@upgrade-control/contracts';
import type { DomainError } from '@upgrade-control/platform/domain';
import { deciderSpec } from '@upgrade-control/platform/testing';
import { draftCommands, history, ordersDb, propose } from '../../../../../test/support/fixtures/upgrade-plan.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';
import type { TargetLocation, WaveRequest } from '../waves.js';

// Waves are checked when they are written (issue 18): each rule refuses naming the wave's field.
// The plan moves PostgreSQL at three sites and the Reportly that reads from Berlin's.

const spec = deciderSpec(upgradePlanDecider);

const locations: TargetLocation[] = [
  { assetId: 'orders-db', product: 'postgresql', site: 'berlin', node: 'db-1' },
  { assetId: 'orders-db-hh', product: 'postgresql', site: 'hamburg', node: 'db-1' },
  { assetId: 'orders-db-muc', product: 'postgresql', site: 'munich', node: null },
  { assetId: 'reportly', product: 'reportly', site: 'berlin', node: 'app-1' },
];
const proposal: PlanCommand = {
  ...(propose as Extract<PlanCommand, { type: 'ProposeUpgrade' }>),
  targets: locations.map((l) => ({
    assetId: l.assetId,
    toVersion: l.product === 'reportly' ? '5.0' : '16.2',
    current: { ...ordersDb, assetId: l.assetId },
  })),
};
/** The fixture's draft (acceptance criteria c1..c3, an acceptance-failure trigger) for the four targets. */
const drafted = [proposal, ...draftCommands.slice(1)];

const rule = (mixedVersions: MixedVersionStance): CompatibilityRule => ({
  ruleId: 'reportly-5-pg',
  product: 'reportly',
  versionRange: '>=5',
  requiresProduct: 'postgresql',
  requiresRange: '>=14',
  source: { kind: 'vendor-note', reference: 'Reportly 5 notes' },
  reason: null,
  mixedVersions,
});

const wave = (name: string, day: number, selector: WaveRequest['selector'], over: Partial<WaveRequest> = {}) => ({
  name,
  pilot: false,
  selector,
  window: { startsAt: `2026-12-${day}T20:00:00Z`, endsAt: `2026-12-${day + 1}T02:00:00Z` },
  acceptance: ['c1'],
  analysis: { kind: 'triggers' as const },
  bakeMinutes: 120,
  promotion: 'approval' as const,
  ...over,
});
const pilot = wave('pilot', 10, { kind: 'assets', assetIds: ['orders-db', 'reportly'] }, { pilot: true });
const hamburg = wave('hamburg', 12, { kind: 'location', site: 'hamburg', node: null });
const munich = wave('munich', 14, { kind: 'assets', assetIds: ['orders-db-muc'] });
const onRegression = { earlierWaves: 'hold' as const, laterWaves: 'cancel' as const };

const define = (waves: WaveRequest[], rules: CompatibilityRule[] = []): PlanCommand => ({
  type: 'DefineWaves',
  waves,
  onRegression,
  inventory: { locations, rules },
});

const refusal = (command: PlanCommand) =>
  spec.given(history(drafted)).when(command).thenRefuses('invalid') as Extract<DomainError, { kind: 'invalid' }>;

describe('upgrade plan: waves', () => {
  it('records the waves with each selector resolved to the plan targets it picks', () => {
    spec
      .given(history(drafted))
      .when(define([pilot, hamburg, munich]))
      .then([
        {
          type: 'WavesDefined',
          payload: {
            upgradeId: 'up-1',
            waves: [
              { ...pilot, targets: ['orders-db', 'reportly'] },
              { ...hamburg, targets: ['orders-db-hh'] },
              { ...munich, targets: ['orders-db-muc'] },
            ],
            onRegression,
          },
        },
      ]);
  });

  it('refuses a plan target in no wave, naming it', () => {
    const error = refusal(define([pilot, hamburg]));
    expect(error).toMatchObject({ field: 'waves', rule: 'every-target' });
    expect(error.message).toBe('orders-db-muc in no wave: every target is in exactly one wave');
  });

  it('refuses a target in two waves', () => {
    const twice = wave('again', 16, { kind: 'location', site: 'berlin', node: null });
    const error = refusal(define([pilot, hamburg, munich, twice]));
    expect(error).toMatchObject({ field: 'waves[3].selector', rule: 'one-wave' });
    expect(error.message).toBe('orders-db is in wave pilot and in wave again: every target is in exactly one wave');
  });

  it('refuses an asset that is not a target, and a location no target is at', () => {
    const stranger = { ...munich, selector: { kind: 'assets' as const, assetIds: ['kiosk'] } };
    expect(refusal(define([pilot, hamburg, stranger]))).toMatchObject({
      field: 'waves[2].selector.assetIds',
      rule: 'target',
      message: 'wave munich: kiosk is not a target of this upgrade',
    });
    const byNode = { ...munich, selector: { kind: 'location' as const, site: 'munich', node: 'db-1' } };
    expect(refusal(define([pilot, hamburg, byNode]))).toMatchObject({
      field: 'waves[2].selector',
      rule: 'matches-a-target',
      message:
        'wave munich: no target of this upgrade is at site munich, node db-1 (the node of some targets is not known to planning yet: name them as assets)',
    });
  });

  it('refuses acceptance criteria and metrics the plan does not define', () => {
    expect(refusal(define([{ ...pilot, acceptance: ['c9'] }, hamburg, munich]))).toMatchObject({
      field: 'waves[0].acceptance',
      rule: 'known-criterion',
      message: 'wave pilot: c9 is not an acceptance criterion of this upgrade',
    });
    const byMetric = { ...hamburg, analysis: { kind: 'metrics' as const, metrics: ['p95-latency'] } };
    expect(refusal(define([pilot, byMetric, munich]))).toMatchObject({
      field: 'waves[1].analysis.metrics',
      rule: 'known-metric',
      message: "wave hamburg: p95-latency is not a metric of this upgrade's analysis (PUT /upgrades/{id}/analysis)",
    });
  });

  it('refuses a pilot that is not the first wave', () => {
    expect(refusal(define([{ ...pilot, pilot: false }, { ...hamburg, pilot: true }, munich]))).toMatchObject({
      field: 'waves[1].pilot',
      rule: 'pilot-first',
      message: 'wave hamburg: only the first wave may be a pilot',
    });
  });

  it('refuses windows out of order or overlapping', () => {
    const early = { ...munich, window: { startsAt: '2026-12-13T01:00:00Z', endsAt: '2026-12-13T05:00:00Z' } };
    expect(refusal(define([pilot, hamburg, early]))).toMatchObject({
      field: 'waves[2].window',
      rule: 'waves-in-sequence',
      message:
        'wave munich starts at 2026-12-13T01:00:00Z, before wave hamburg ends at 2026-12-13T02:00:00Z: waves run one after the other',
    });
    const backwards = { ...munich, window: { startsAt: '2026-12-15T05:00:00Z', endsAt: '2026-12-15T01:00:00Z' } };
    expect(refusal(define([pilot, hamburg, backwards]))).toMatchObject({ rule: 'window-order' });
  });

  it('refuses waves that split an upgrade-together group, naming the rule and the split', () => {
    const error = refusal(define([pilot, hamburg, munich], [rule({ kind: 'upgrade-together' })]));
    expect(error).toMatchObject({ field: 'waves', rule: 'upgrade-together' });
    expect(error.message).toBe(
      'rule reportly-5-pg (reportly >=5 requires postgresql >=14) says the products must be upgraded together, but the waves split them: ' +
        'pilot has orders-db, reportly; hamburg has orders-db-hh; munich has orders-db-muc',
    );
  });

  it('accepts one wave for an upgrade-together group, and a rule whose range the plan does not reach', () => {
    const all = wave('all', 10, { kind: 'assets', assetIds: locations.map((l) => l.assetId) }, { pilot: true });
    expect(spec.given(history(drafted)).when(define([all], [rule({ kind: 'upgrade-together' })])).decision.ok).toBe(
      true,
    );
    const older = { ...rule({ kind: 'upgrade-together' }), versionRange: '4.x' };
    expect(spec.given(history(drafted)).when(define([pilot, hamburg, munich], [older])).decision.ok).toBe(true);
  });

  it('refuses a mixed-version period longer than the rule supports, and accepts one within it', () => {
    const error = refusal(define([pilot, hamburg, munich], [rule({ kind: 'supported', days: 3 })]));
    expect(error).toMatchObject({ field: 'waves', rule: 'mixed-version-period' });
    expect(error.message).toBe(
      'rule reportly-5-pg (reportly >=5 requires postgresql >=14) supports mixed versions for 3 day(s), but ' +
        'orders-db, orders-db-hh, orders-db-muc, reportly run at mixed versions from wave pilot opening 2026-12-10T20:00:00Z ' +
        'to wave munich closing 2026-12-15T02:00:00Z: 4.3 days',
    );
    expect(
      spec.given(history(drafted)).when(define([pilot, hamburg, munich], [rule({ kind: 'supported', days: 5 })]))
        .decision.ok,
    ).toBe(true);
  });

  it('takes an empty list as removing the waves, and refuses waves once the plan left Draft', () => {
    const events = history([...drafted, define([pilot, hamburg, munich])]);
    const removed = { type: 'WavesDefined' as const, payload: { upgradeId: 'up-1', waves: [], onRegression } };
    spec.given(events).when(define([])).then([removed]);
    const state = upgradePlanDecider.evolve(spec.given(events).state, removed);
    expect(state.status !== 'None' && state.plan.waves).toBeNull();
    const cancelled = history([...drafted, { type: 'CancelUpgrade', reason: 'not now' }]);
    spec
      .given(cancelled)
      .when(define([pilot, hamburg, munich]))
      .thenRefuses('illegal-transition');
  });
});
