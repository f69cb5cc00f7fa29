import type { GateFacts } from './gates.js';
import { DEFAULT_NOTICE_LEAD_TIMES } from './policy.js';
import type { AssetFact, PlanCommand } from './upgrade-plan.commands.js';
import type { PlanEvent } from './upgrade-plan.state.js';
import { upgradePlanDecider } from './upgrade-plan.decider.js';

/** Readable, fixed test data: PostgreSQL 15 → 16 at Berlin, planned by alice. */
/** Minutes for each part of a maintenance window: 315 in all, rollback included. */
export const windowEstimates = {
  preparation: 30,
  finalBackup: 45,
  upgrade: 60,
  verification: 45,
  repairBuffer: 30,
  rollbackDecision: 15,
  rollbackExecution: 90,
};

export const ordersDb: AssetFact = {
  assetId: 'orders-db',
  name: 'Orders DB',
  version: '15.6',
  status: 'active',
  criticality: 'high',
};
export const reporting: AssetFact & { depth: number } = {
  assetId: 'reportly',
  name: 'Reportly',
  version: '4.2',
  status: 'active',
  criticality: 'medium',
  depth: 1,
};
export const NOW = new Date('2026-12-01T09:00:00Z');
export const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
  currentFindings: null,
  freezesInWindow: [],
  noticeLeadTimes: DEFAULT_NOTICE_LEAD_TIMES,
  ...over,
});
export const cleanFinding = {
  ruleId: 'r1',
  status: 'compatible' as const,
  assetId: 'reportly',
  assetVersion: '4.2',
  otherAssetId: 'orders-db',
  otherVersion: '16.2',
  rule: 'reportly 4.x requires postgresql >=12',
  source: 'test: pilot',
};
export const badFinding = {
  ...cleanFinding,
  ruleId: 'r2',
  status: 'incompatible' as const,
  rule: 'reportly 4.x requires postgresql <16',
};

export const propose: PlanCommand = {
  type: 'ProposeUpgrade',
  upgradeId: 'up-1',
  title: 'PostgreSQL 16 for orders',
  category: 'end-of-support',
  purpose: 'replace PostgreSQL 15 before its end of support',
  urgencyOverride: null,
  targets: [{ assetId: 'orders-db', toVersion: '16.2', current: ordersDb }],
  requestedBy: 'alice',
};

export const draftCommands: PlanCommand[] = [
  propose,
  {
    type: 'AssessImpact',
    facts: {
      targets: [ordersDb],
      impacted: [reporting],
      businessProcesses: ['order-to-cash'],
      userGroups: ['sales', 'finance'],
      peakPeriods: [
        {
          name: 'business hours',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '08:00',
          to: '18:00',
          timeZone: 'Europe/Berlin',
        },
      ],
    },
    slaNote: null,
  },
  {
    type: 'PlanBackup',
    backupId: 'b1',
    assetId: 'orders-db',
    scope: 'data-and-configuration',
    method: 'pg_basebackup',
    location: 's3://backups/orders',
    retentionDays: 30,
    restoreMethod: 'pg restore to standby',
    expectedRestoreMinutes: 45,
  },
  {
    type: 'PlanRollback',
    decisionOwner: 'dora',
    steps: ['stop app', 'restore basebackup', 'start app'],
    estimatedMinutes: 60,
    dataLossExposure: 'none: writes stopped',
    reversibility: 'reversible',
    irreversibleAcknowledgedBy: null,
    confirmTimeoutMinutes: 15,
    defaultDecision: 'rollback',
    triggers: [
      {
        triggerId: 't1',
        kind: 'acceptance-failure',
        mode: 'automatic',
        metric: null,
        comparison: null,
        threshold: null,
        sustainedMinutes: null,
        assetId: null,
      },
    ],
  },
  { type: 'RecordRollbackRehearsal', outcome: 'succeeded', durationMinutes: 50, notes: 'on staging' },
  {
    type: 'DefineAcceptanceCriteria',
    criteria: [
      {
        criterionId: 'c1',
        order: 1,
        kind: 'startup',
        core: true,
        description: 'database starts',
        passCondition: 'accepts connections',
      },
      {
        criterionId: 'c2',
        order: 2,
        kind: 'core-workflow',
        core: true,
        description: 'orders can be placed',
        passCondition: 'test order committed',
      },
      {
        criterionId: 'c3',
        order: 3,
        kind: 'report',
        core: false,
        description: 'monthly report',
        passCondition: 'report renders',
      },
    ],
  },
  {
    type: 'RecordTestEvidence',
    environment: 'staging copy of production',
    representativeData: true,
    rolesCovered: ['clerk'],
    integrationsCovered: ['reportly'],
    loadTested: true,
    outcome: 'passed',
    summary: 'all green',
  },
  {
    type: 'DefineRunbook',
    steps: [
      { stepId: 's1', order: 1, description: 'final backup' },
      { stepId: 's2', order: 2, description: 'pg_upgrade' },
    ],
  },
];

export const submit: PlanCommand = { type: 'SubmitUpgrade', findings: [cleanFinding], gateFacts: facts() };
export const approve = (approver: string): PlanCommand => ({ type: 'ApproveUpgrade', approver, comment: 'ok' });
// Saturday night in Berlin: outside the weekday business-hours peak.
export const scheduleWindow = (
  over: Partial<Extract<PlanCommand, { type: 'ScheduleMaintenanceWindow' }>> = {},
): PlanCommand => ({
  type: 'ScheduleMaintenanceWindow',
  startsAt: '2026-12-12T20:00:00Z',
  endsAt: '2026-12-13T02:00:00Z',
  now: NOW,
  estimates: windowEstimates,
  conflicts: { freezes: [], otherUpgrades: [] },
  ...over,
});
export const beforeNotice: PlanCommand = {
  type: 'RecordNotice',
  phase: 'before',
  userGroups: ['sales', 'finance'],
  channel: 'email',
  sentAt: '2026-12-02T09:00:00Z',
  message: {
    expectedTime: 'Sat 21:00–03:00',
    serviceImpact: 'orders unavailable',
    limitations: null,
    contact: 'ops desk',
    avoid: 'no order entry',
    availableAgain: null,
    changes: null,
    knownIssues: null,
  },
};
export const ready: PlanCommand = {
  type: 'MarkReadyForExecution',
  gateFacts: { ...facts(), currentFindings: [cleanFinding] },
};

/** Runs commands through the decider, collecting the events (throws on any refusal). */
export function history(commands: PlanCommand[]): PlanEvent[] {
  const events: PlanEvent[] = [];
  for (const command of commands) {
    const state = events.reduce(upgradePlanDecider.evolve, upgradePlanDecider.initialState());
    const decision = upgradePlanDecider.decide(command, state);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.message}`);
    events.push(...decision.events);
  }
  return events;
}
