/**
 * The words of the API explained once for the four services' documents, like the authorization
 * table: a tag or path parameter missing here fails the documents spec (apps/openapi), so every
 * group and every parameter a path names is described.
 */

/** What each tag groups. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  assets: 'Inventory: the assets under management, their versions, dependencies and impact',
  compatibility: 'Inventory: declared compatibility rules between products and versions, and checks against them',
  'configuration snapshots': 'Inventory: configuration captured from an asset, and differences between captures',
  'version drift': 'Inventory: where a product runs at different versions',
  upgrades: 'Planning: an upgrade plan from proposal through its gates, approvals and window to ready for execution',
  'change calendar': 'Planning: maintenance windows and change freezes over time',
  'support roster': 'Planning: who is on shift to support an upgrade',
  notices: 'Planning: who is told about upgrades, and where notices are delivered',
  'post-implementation reviews': 'Planning: the review after an upgrade and its follow-ups',
  executions: 'Execution: carrying out an approved plan step by step, backups, acceptance, rollback',
  monitoring: 'Monitoring: baselines, incidents and regressions after an upgrade',
  metrics: 'Monitoring: metric samples pushed by agents',
  'records and audit':
    "Monitoring: the upgrade record, each upgrade's history, hash-chain verification and live events",
};

/** What each path parameter names. */
export const PATH_PARAMETER_DESCRIPTIONS: Record<string, string> = {
  assetId: 'The asset (its id in the inventory)',
  dependsOnAssetId: 'The asset depended on',
  relation: 'How the asset depends on it',
  snapshotId: 'One configuration snapshot of the asset',
  a: 'The earlier configuration snapshot of the comparison',
  b: 'The later configuration snapshot of the comparison',
  product: 'The product name, as assets declare it',
  upgradeId: 'The upgrade (its plan, execution, monitoring and record share this id)',
  followUp: 'The follow-up of the post-implementation review, by its id',
  followUpId: 'The follow-up of the upgrade record, by its id',
  shiftId: 'The support shift',
  subscriptionId: 'The notice subscription',
  backupId: 'The planned backup',
  stepId: 'The runbook step',
  wave: 'The wave, by the name the plan gave it (PUT /upgrades/{upgradeId}/waves)',
  incidentId: 'The incident',
};
