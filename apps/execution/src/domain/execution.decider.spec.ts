import { deciderSpec } from '@upgrade-control/platform/testing';
import { executionDecider } from './execution.decider.js';
import { applied, at, check, inWindow, plan, started, taken, verified } from './execution.fixtures.js';
import type { ExecutionCommand } from './execution.commands.js';

const spec = deciderSpec(executionDecider);
const startCommand = (over: Partial<Extract<ExecutionCommand, { type: 'StartExecution' }>> = {}): ExecutionCommand => ({
  type: 'StartExecution',
  upgradeId: 'pg16',
  executionId: 'x1',
  readiness: { plan, readyEventId: 'ready-1', cancelled: false },
  findings: [],
  operator: 'oscar',
  moment: inWindow,
  ...over,
});
const record = (criterionId: string, outcome: 'passed' | 'failed'): ExecutionCommand => ({
  type: 'RecordAcceptanceCheck',
  criterionId,
  outcome,
  evidence: 'ok',
  checkedBy: 'oscar',
  moment: inWindow,
});
const regression = (metric: string): ExecutionCommand => ({
  type: 'ReactToRegression',
  triggerId: null,
  metric,
  assetId: 'orders-db',
  reason: `${metric} above threshold`,
  moment: at('2027-01-18T10:00:00Z'),
});

describe('execution', () => {
  it('starts only for a ready plan, inside its window, outside freezes, still compatible', () => {
    spec.given([]).when(startCommand()).then([started]);
    spec
      .given([])
      .when(startCommand({ readiness: null }))
      .thenRefuses('gate-refused', 'execution cannot start: upgrade pg16 ready for execution');
    spec
      .given([])
      .when(startCommand({ moment: at('2027-01-16T19:59:00Z') }))
      .thenRefuses(
        'gate-refused',
        /the window 2027-01-16T20:00:00.000Z – 2027-01-17T02:00:00.000Z \(now 2027-01-16T19:59:00.000Z\)/,
      );
    spec
      .given([])
      .when(startCommand({ moment: at('2027-01-16T21:00:00Z', [{ freezeId: 'f1', name: 'incident freeze' }]) }))
      .thenRefuses('gate-refused', /no active freeze: "incident freeze" \(f1\)/);
    const finding = {
      ruleId: 'r',
      status: 'incompatible' as const,
      assetId: 'reportly',
      assetVersion: '4.2',
      otherAssetId: 'orders-db',
      otherVersion: '16.2',
      rule: 'reportly 4.x requires postgresql <16',
      source: 's',
    };
    spec
      .given([])
      .when(startCommand({ findings: [finding] }))
      .thenRefuses('gate-refused', /reportly 4.2 with orders-db 16.2/);
  });

  it('refuses to apply before every planned backup is verified, and a failed verification blocks', () => {
    spec
      .given([started])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused', 'the upgrade cannot be applied before every planned backup is verified: nightly');
    const failed = spec.given([started, taken]).when({
      type: 'VerifyBackup',
      backupId: 'nightly',
      checksum: 'sha256:zzz',
      restoreTest: { target: 'staging', durationSeconds: 1, succeeded: true },
    });
    failed.then([
      {
        type: 'BackupVerificationFailed',
        payload: {
          upgradeId: 'pg16',
          backupId: 'nightly',
          reason: 'checksum mismatch: taken sha256:abc, verified sha256:zzz',
        },
      },
    ]);
    const error = spec
      .given([started, taken, ...(failed.decision.ok ? failed.decision.events : [])])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused');
    expect(error.kind === 'gate-refused' && error.gates[0]!.missing).toEqual([
      'backup nightly failed verification (checksum mismatch: taken sha256:abc, verified sha256:zzz); take and verify it again',
    ]);
    spec
      .given([started, taken, verified])
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T22:00:00Z') })
      .then([applied]);
  });

  it('enforces core checks first and passes acceptance when every core check passed', () => {
    const ready = [started, taken, verified, applied];
    spec
      .given(ready)
      .when(record('report', 'passed'))
      .thenRefuses('invalid', 'core checks are still open (starts, orders): test core functions first');
    spec
      .given([...ready, check('starts', 'passed')])
      .when(record('orders', 'passed'))
      .then([
        check('orders', 'passed'),
        {
          type: 'AcceptancePassed',
          payload: { upgradeId: 'pg16', passedCriteria: ['starts', 'orders'], monitoringMinutes: 4320 },
        },
      ]);
  });

  it('rolls back automatically when acceptance fails and the plan says so', () => {
    spec
      .given([started, taken, verified, applied, check('starts', 'passed')])
      .when(record('orders', 'failed'))
      .then([
        check('orders', 'failed'),
        { type: 'AcceptanceFailed', payload: { upgradeId: 'pg16', failedCriteria: ['orders'] } },
        {
          type: 'RollbackTriggered',
          payload: {
            upgradeId: 'pg16',
            trigger: 'acceptance-failure',
            triggerId: null,
            reason: 'core acceptance checks failed: orders',
            decidedBy: 'execution-service',
            breakGlass: null,
          },
        },
      ]);
  });

  it('rolls back once when the decision deadline passes without acceptance', () => {
    const running = [started, taken, verified, applied];
    spec
      .given(running)
      .when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:29:00Z') })
      .then([]);
    const fired = spec.given(running).when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:31:00Z') });
    fired.then([
      {
        type: 'RollbackTriggered',
        payload: {
          upgradeId: 'pg16',
          trigger: 'decision-deadline',
          triggerId: null,
          reason: 'the rollback-decision deadline 2027-01-17T00:30:00.000Z passed without AcceptancePassed',
          decidedBy: 'execution-service',
          breakGlass: null,
        },
      },
    ]);
    spec
      .given([...running, ...(fired.decision.ok ? fired.decision.events : [])])
      .when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:32:00Z') })
      .then([]);
  });

  it('reacts to a regression by its trigger mode: roll back, ask for a decision, or only record', () => {
    const monitoring = [started, taken, verified, applied, check('starts', 'passed'), check('orders', 'passed')];
    const automatic = spec.given(monitoring).when(regression('error_rate'));
    expect(automatic.decision.ok && automatic.decision.events[0]).toMatchObject({
      type: 'RollbackTriggered',
      payload: {
        trigger: 'regression',
        triggerId: 'errors',
        breakGlass: { why: 'error_rate above threshold (outside the maintenance window)' },
      },
    });
    const confirm = spec.given(monitoring).when(regression('response_time_p95'));
    confirm.then([
      {
        type: 'RollbackDecisionRequested',
        payload: {
          upgradeId: 'pg16',
          triggerId: 'latency',
          decisionOwner: 'dora',
          reason: 'response_time_p95 above threshold',
          decideBy: '2027-01-18T10:15:00.000Z',
          defaultDecision: 'rollback',
        },
      },
    ]);
    const asked = [...monitoring, ...(confirm.decision.ok ? confirm.decision.events : [])];
    const timeout = spec.given(asked).when({ type: 'WatchDeadlines', moment: at('2027-01-18T10:16:00Z') });
    expect(timeout.decision.ok && timeout.decision.events[0]).toMatchObject({
      type: 'RollbackTriggered',
      payload: { trigger: 'decision-timeout', triggerId: 'latency' },
    });
    spec
      .given(asked)
      .when({
        type: 'DecideRollback',
        decision: 'continue',
        reason: 'known batch job',
        decidedBy: { id: 'dora', role: 'operator' },
        moment: at('2027-01-18T10:05:00Z'),
      })
      .then([
        {
          type: 'RollbackDeclined',
          payload: { upgradeId: 'pg16', triggerId: 'latency', decidedBy: 'dora', reason: 'known batch job' },
        },
      ]);
    spec
      .given(monitoring)
      .when(regression('cpu'))
      .then([
        {
          type: 'RollbackDryRunRecorded',
          payload: { upgradeId: 'pg16', triggerId: 'cpu', reason: 'cpu above threshold' },
        },
      ]);
  });

  it('accepts a manual rollback in a freeze as break-glass, only from the decision owner or an approver', () => {
    const running = [started, taken, verified, applied];
    const frozen = at('2027-01-16T23:00:00Z', [{ freezeId: 'f9', name: 'incident freeze' }]);
    spec
      .given(running)
      .when({
        type: 'TriggerRollback',
        reason: 'orders fail',
        decidedBy: { id: 'oscar', role: 'operator' },
        breakGlassWhy: null,
        moment: frozen,
      })
      .thenRefuses('forbidden', 'only the decision owner (dora) or an approver may trigger the rollback');
    spec
      .given(running)
      .when({
        type: 'TriggerRollback',
        reason: 'orders fail',
        decidedBy: { id: 'dora', role: 'operator' },
        breakGlassWhy: 'customers cannot order',
        moment: frozen,
      })
      .then([
        {
          type: 'RollbackTriggered',
          payload: {
            upgradeId: 'pg16',
            trigger: 'manual',
            triggerId: null,
            reason: 'orders fail',
            decidedBy: 'dora',
            breakGlass: { why: 'customers cannot order (inside change freeze "incident freeze")' },
          },
        },
      ]);
  });

  it('refuses rollback on a forward-fix-only plan and takes a forward fix instead', () => {
    const irreversible = {
      ...started,
      payload: {
        ...started.payload,
        plan: { ...plan, rollback: { ...plan.rollback, reversibility: 'forward-fix-only' as const } },
      },
    } as typeof started;
    spec
      .given([irreversible])
      .when({
        type: 'TriggerRollback',
        reason: 'x',
        decidedBy: { id: 'dora', role: 'operator' },
        breakGlassWhy: null,
        moment: inWindow,
      })
      .thenRefuses('invalid', 'this plan is forward-fix only: declare a forward fix instead');
    spec
      .given([irreversible])
      .when({ type: 'DeclareForwardFix', plan: 'hotfix 16.2.1 tonight', declaredBy: 'dora' })
      .then([
        {
          type: 'ForwardFixDeclared',
          payload: { upgradeId: 'pg16', plan: 'hotfix 16.2.1 tonight', declaredBy: 'dora' },
        },
      ]);
  });

  it('completes only after acceptance passed, and restores the old versions on rollback', () => {
    spec
      .given([started, taken, verified, applied])
      .when({ type: 'CompleteExecution', now: new Date() })
      .thenRefuses('invalid', 'the upgrade is complete only when acceptance has passed');
    const rolling = [
      started,
      taken,
      verified,
      applied,
      {
        type: 'RollbackTriggered' as const,
        payload: {
          upgradeId: 'pg16',
          trigger: 'manual' as const,
          triggerId: null,
          reason: 'x',
          decidedBy: 'dora',
          breakGlass: null,
        },
      },
    ];
    spec
      .given(rolling)
      .when({ type: 'CompleteRollback', dataLossExposure: 'none', now: new Date('2027-01-17T01:00:00Z') })
      .then([
        {
          type: 'RollbackCompleted',
          payload: {
            upgradeId: 'pg16',
            restored: [{ assetId: 'orders-db', version: '15.6' }],
            dataLossExposure: 'none',
            completedAt: '2027-01-17T01:00:00.000Z',
          },
        },
      ]);
  });
});
