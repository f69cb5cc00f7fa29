import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  at,
  baselines,
  inWindow,
  plan,
  started,
  startEvidence,
  windowEstimates,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const startCommand = (over: Partial<Extract<ExecutionCommand, { type: 'StartExecution' }>> = {}): ExecutionCommand => ({
  type: 'StartExecution',
  upgradeId: 'pg16',
  executionId: 'x1',
  readiness: { plan, readyEventId: 'ready-1', cancelled: false },
  findings: [],
  impactedFreezes: [],
  evidence: startEvidence,
  operator: 'oscar',
  moment: inWindow,
  ...over,
});

describe('execution: start', () => {
  it('starts a ready plan inside its window, outside freezes, still compatible', () => {
    spec.given([]).when(startCommand()).then([started]);
  });

  it('refuses to start a plan that is not ready for execution', () => {
    spec
      .given([])
      .when(startCommand({ readiness: null }))
      .thenRefuses('gate-refused', 'execution cannot start: upgrade pg16 ready for execution');
  });

  it('refuses to start outside the maintenance window', () => {
    spec
      .given([])
      .when(startCommand({ moment: at('2027-01-16T19:59:00Z') }))
      .thenRefuses(
        'gate-refused',
        /the window 2027-01-16T20:00:00.000Z – 2027-01-17T02:00:00.000Z \(now 2027-01-16T19:59:00.000Z\)/,
      );
  });

  it('refuses to start inside a change freeze', () => {
    spec
      .given([])
      .when(startCommand({ moment: at('2027-01-16T21:00:00Z', [{ freezeId: 'f1', name: 'incident freeze' }]) }))
      .thenRefuses('gate-refused', /no active freeze: "incident freeze" \(f1\)/);
  });

  it('refuses to start inside a change freeze over an impacted asset, naming the freeze and the asset', () => {
    spec
      .given([])
      .when(startCommand({ impactedFreezes: [{ freezeId: 'f2', name: 'reporting close', assetId: 'reportly' }] }))
      .thenRefuses(
        'gate-refused',
        'execution cannot start: no active freeze over impacted asset reportly: "reporting close" (f2)',
      );
  });

  it('names a freeze over the targets and their impacted assets once, as a freeze over the targets', () => {
    const freeze = { freezeId: 'f1', name: 'incident freeze' };
    spec
      .given([])
      .when(
        startCommand({
          moment: at('2027-01-16T21:00:00Z', [freeze]),
          impactedFreezes: [{ ...freeze, assetId: 'reportly' }],
        }),
      )
      .thenRefuses('gate-refused', 'execution cannot start: no active freeze: "incident freeze" (f1)');
  });

  it('refuses to start when an incompatibility appeared since the plan was ready', () => {
    const finding = {
      ruleId: 'r',
      status: 'incompatible' as const,
      assetId: 'reportly',
      assetVersion: '4.2',
      otherAssetId: 'orders-db',
      otherVersion: '16.2',
      rule: 'reportly 4.x requires postgresql <16',
      source: 's',
      depth: 1,
      path: ['orders-db', 'reportly'],
    };
    spec
      .given([])
      .when(startCommand({ findings: [finding] }))
      .thenRefuses('gate-refused', /reportly 4.2 with orders-db 16.2/);
  });

  it('refuses to start when the rest of the window no longer holds every part and the rollback, naming them', () => {
    spec
      .given([])
      .when(startCommand({ moment: at('2027-01-16T23:00:00Z') }))
      .thenRefuses(
        'gate-refused',
        'execution cannot start: 75 more minutes: the window has 180 min left from 2027-01-16T23:00:00.000Z, but preparation 15 + final backup 30 + upgrade 45 + verification 30 + repair buffer 30 + rollback decision 15 + rollback 90 = 255 min (rollback: the largest of window estimate 90, rollback kept at readiness 90)',
      );
  });

  it('refuses to start when a longer rollback estimate makes the window too short', () => {
    const evidence = { ...startEvidence, estimates: { ...windowEstimates, rollbackExecution: 240 } };
    spec
      .given([])
      .when(startCommand({ evidence }))
      .thenRefuses('gate-refused', /^execution cannot start: 105 more minutes: .* rollback 240 = 405 min/);
  });

  it('refuses to start before it heard the window’s estimates from planning', () => {
    spec
      .given([])
      .when(startCommand({ evidence: { ...startEvidence, estimates: null } }))
      .thenRefuses(
        'gate-refused',
        "execution cannot start: the window's estimates for upgrade pg16 (MaintenanceWindowScheduled from planning)",
      );
  });

  it('refuses to start without a baseline of each trigger metric from before the window', () => {
    const partial = [{ ...baselines[0]!, metrics: ['error_rate'] }];
    spec
      .given([])
      .when(startCommand({ evidence: { ...startEvidence, baselines: partial } }))
      .thenRefuses(
        'gate-refused',
        'execution cannot start: a baseline of orders-db response_time_p95 captured before the window opening 2027-01-16T20:00:00.000Z',
      );
  });

  it('does not count a baseline captured over a period that ended inside the window', () => {
    const late = [{ ...baselines[0]!, to: '2027-01-16T20:30:00.000Z' }];
    spec
      .given([])
      .when(startCommand({ evidence: { ...startEvidence, baselines: late } }))
      .thenRefuses('gate-refused', /a baseline of orders-db error_rate captured before the window opening/);
  });

  it('refuses every other command before the execution has started', () => {
    spec
      .given([])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('not-found', 'no execution has started for this upgrade');
  });
});
