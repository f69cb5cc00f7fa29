import type { Role, ServiceName } from '../envelope.js';

/**
 * Who may call what: every HTTP operation of the four services, by its operationId, with the
 * roles allowed to call it. This table is the one authorization policy: the platform's guard
 * reads it through `@Operation(name)` on each route, the README shows it (`npm run docs:authz`),
 * and each service's authorization spec tries every operation in every role against it.
 *
 * `system` appears nowhere: it is the services acting themselves (process managers, watchdogs)
 * and no HTTP caller holds it (API keys and token role claims refuse it).
 */
export type Access = readonly Role[] | 'public';

export interface OperationRule {
  service: ServiceName | 'every service';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as Nest declares it (`:param`). */
  path: string;
  access: Access;
}

/** The people who read plans, executions and records; never a machine identity. */
export const READERS = ['planner', 'approver', 'operator', 'observer', 'auditor'] as const satisfies Role[];

const P = ['planner'] as const;
const A = ['approver'] as const;
const O = ['operator'] as const;
const PO = ['planner', 'operator'] as const;
const PA = ['planner', 'approver'] as const;
const OA = ['operator', 'approver'] as const;
const PAO = ['planner', 'approver', 'operator'] as const;
const OBSERVE = ['observer', 'operator'] as const;

const rule = (service: OperationRule['service'], route: string, access: Access): OperationRule => {
  const [method, path] = route.split(' ') as [OperationRule['method'], string];
  return { service, method, path, access };
};
const inventory = (route: string, access: Access) => rule('inventory', route, access);
const planning = (route: string, access: Access) => rule('planning', route, access);
const execution = (route: string, access: Access) => rule('execution', route, access);
const monitoring = (route: string, access: Access) => rule('monitoring', route, access);

export const OPERATIONS = {
  // Every service: probes and Prometheus scraping, unauthenticated by design.
  getLiveness: rule('every service', 'GET /health/live', 'public'),
  getReadiness: rule('every service', 'GET /health/ready', 'public'),
  getPrometheusMetrics: rule('every service', 'GET /metrics', 'public'),

  // Inventory
  registerAsset: inventory('POST /assets', PO),
  listAssets: inventory('GET /assets', READERS),
  listExpiringAssets: inventory('GET /assets/expiring', READERS),
  getAsset: inventory('GET /assets/:assetId', READERS),
  updateAssetDetails: inventory('PATCH /assets/:assetId', PO),
  retireAsset: inventory('POST /assets/:assetId/retire', PO),
  declareDependency: inventory('POST /assets/:assetId/dependencies', PO),
  removeDependency: inventory('DELETE /assets/:assetId/dependencies/:dependsOnAssetId/:relation', PO),
  getAssetImpact: inventory('GET /assets/:assetId/impact', READERS),
  captureConfigurationSnapshot: inventory('POST /assets/:assetId/snapshots', ['planner', 'operator', 'agent']),
  listConfigurationSnapshots: inventory('GET /assets/:assetId/snapshots', READERS),
  getConfigurationSnapshot: inventory('GET /assets/:assetId/snapshots/:snapshotId', READERS),
  diffConfigurationSnapshots: inventory('GET /assets/:assetId/snapshots/:a/diff/:b', READERS),
  declareCompatibilityRule: inventory('POST /compatibility/rules', PO),
  listCompatibilityRules: inventory('GET /compatibility/rules', READERS),
  checkCompatibility: inventory('POST /compatibility/check', READERS),
  getProductDrift: inventory('GET /products/:product/drift', READERS),

  // Planning: the plan
  proposeUpgrade: planning('POST /upgrades', P),
  listUpgrades: planning('GET /upgrades', READERS),
  getUpgradePlan: planning('GET /upgrades/:upgradeId', READERS),
  getUpgradeGates: planning('GET /upgrades/:upgradeId/gates', READERS),
  addUpgradeTarget: planning('POST /upgrades/:upgradeId/targets', P),
  assessImpact: planning('POST /upgrades/:upgradeId/impact', P),
  assessCompatibility: planning('POST /upgrades/:upgradeId/compatibility', P),
  waiveCompatibilityFinding: planning('POST /upgrades/:upgradeId/compatibility/waivers', A),
  planBackup: planning('POST /upgrades/:upgradeId/backups', P),
  defineRollbackPlan: planning('PUT /upgrades/:upgradeId/rollback-plan', P),
  recordRollbackRehearsal: planning('POST /upgrades/:upgradeId/rollback-rehearsals', P),
  defineAcceptanceCriteria: planning('PUT /upgrades/:upgradeId/acceptance-criteria', P),
  recordTestEvidence: planning('POST /upgrades/:upgradeId/test-evidence', ['planner', 'agent']),
  defineRunbook: planning('PUT /upgrades/:upgradeId/runbook', P),
  defineMonitoringPeriod: planning('PUT /upgrades/:upgradeId/monitoring-period', P),
  defineAnalysis: planning('PUT /upgrades/:upgradeId/analysis', P),
  defineWaves: planning('PUT /upgrades/:upgradeId/waves', P),
  requireSupportRoles: planning('PUT /upgrades/:upgradeId/support-roles', P),
  acceptRollbackDecisionOwnership: planning('POST /upgrades/:upgradeId/rollback-plan/decision-owner', PAO),
  acknowledgeIrreversibleChange: planning('POST /upgrades/:upgradeId/irreversible-acknowledgements', A),
  submitPlan: planning('POST /upgrades/:upgradeId/submit', P),
  approvePlan: planning('POST /upgrades/:upgradeId/approvals', A),
  rejectPlan: planning('POST /upgrades/:upgradeId/rejections', A),
  scheduleMaintenanceWindow: planning('PUT /upgrades/:upgradeId/window', P),
  requestNotice: planning('POST /upgrades/:upgradeId/notices', PO),
  markReadyForExecution: planning('POST /upgrades/:upgradeId/ready', PA),
  cancelUpgrade: planning('POST /upgrades/:upgradeId/cancel', PA),
  closePostImplementationReview: planning('POST /upgrades/:upgradeId/post-implementation-review', A),
  markReviewFollowUpDone: planning(
    'POST /upgrades/:upgradeId/post-implementation-review/follow-ups/:followUp/done',
    PAO,
  ),
  listPostImplementationReviews: planning('GET /post-implementation-reviews', READERS),
  listReviewFollowUps: planning('GET /post-implementation-reviews/follow-ups', READERS),
  // Planning: notices, the roster and the calendar
  subscribeToNotices: planning('POST /notice-subscriptions', PO),
  // Webhook URLs often carry the receiver's token: those who manage them, and auditors.
  listNoticeSubscriptions: planning('GET /notice-subscriptions', ['planner', 'operator', 'auditor']),
  removeNoticeSubscription: planning('DELETE /notice-subscriptions/:subscriptionId', PO),
  recordSupportShift: planning('POST /roster/shifts', PA),
  // The decider admits only the person on call, a planner or an approver; any person may ask.
  cancelSupportShift: planning('POST /roster/shifts/:shiftId/cancel', READERS),
  listSupportShifts: planning('GET /roster', READERS),
  declareChangeFreeze: planning('POST /calendar/freezes', A),
  getChangeCalendar: planning('GET /calendar', READERS),

  // Execution
  getExecution: execution('GET /executions/:upgradeId', READERS),
  startExecution: execution('POST /executions/:upgradeId/start', O),
  recordBackupTaken: execution('POST /executions/:upgradeId/backups/:backupId/taken', ['operator', 'agent']),
  recordBackupVerification: execution('POST /executions/:upgradeId/backups/:backupId/verification', [
    'operator',
    'agent',
  ]),
  startStep: execution('POST /executions/:upgradeId/steps/:stepId/start', O),
  completeStep: execution('POST /executions/:upgradeId/steps/:stepId/complete', O),
  failStep: execution('POST /executions/:upgradeId/steps/:stepId/fail', O),
  skipStep: execution('POST /executions/:upgradeId/steps/:stepId/skip', A),
  applyUpgrade: execution('POST /executions/:upgradeId/apply', O),
  recordAcceptanceCheck: execution('POST /executions/:upgradeId/acceptance-checks', O),
  recordLogReview: execution('POST /executions/:upgradeId/log-review', O),
  completeExecution: execution('POST /executions/:upgradeId/complete', O),
  triggerRollback: execution('POST /executions/:upgradeId/rollback', OA),
  decideRollback: execution('POST /executions/:upgradeId/rollback-decision', OA),
  completeRollback: execution('POST /executions/:upgradeId/rollback/complete', O),
  declareForwardFix: execution('POST /executions/:upgradeId/forward-fix', OA),
  promoteWave: execution('POST /executions/:upgradeId/waves/:wave/promote', OA),

  // Monitoring
  ingestMetricSamples: monitoring('POST /metrics', ['observer', 'operator', 'agent']),
  getMonitoring: monitoring('GET /monitoring/:upgradeId', READERS),
  captureBaseline: monitoring('POST /monitoring/:upgradeId/baselines', OBSERVE),
  reportIncident: monitoring('POST /monitoring/:upgradeId/incidents', O),
  resolveIncident: monitoring('POST /monitoring/:upgradeId/incidents/:incidentId/resolve', O),
  addRecordFollowUp: monitoring('POST /records/:upgradeId/follow-ups', PO),
  closeRecordFollowUp: monitoring('POST /records/:upgradeId/follow-ups/:followUpId/close', PO),
  getUpgradeRecord: monitoring('GET /records/:upgradeId', READERS),
  // Both event feeds serve each role only what EVENT_VISIBILITY lets it see.
  getUpgradeHistory: monitoring('GET /audit/upgrades/:upgradeId/events', READERS),
  streamEvents: monitoring('GET /streams/events', READERS),
  // A browser's EventSource cannot send headers: it asks for a short-lived token for the stream (ADR 24).
  issueStreamToken: monitoring('POST /stream-tokens', READERS),
  // The dashboard's page and its scripts: public code; everything it shows needs sign-in.
  getDashboard: monitoring('GET /dashboard', 'public'),
  getDashboardAsset: monitoring('GET /dashboard/:asset', 'public'),
  verifyAuditTrail: monitoring('GET /audit/verify', ['auditor']),
} as const satisfies Record<string, OperationRule>;

export type OperationName = keyof typeof OPERATIONS;

export const operationNames = Object.keys(OPERATIONS) as OperationName[];

export const isOperationName = (name: string): name is OperationName => Object.hasOwn(OPERATIONS, name);

/** Whether a caller in this role may call the operation (a public one: anyone, unauthenticated). */
export function mayCall(name: OperationName, role: Role): boolean {
  const { access } = OPERATIONS[name];
  return access === 'public' || access.includes(role);
}
