/** Everything the rule book's FAQ asks of an upgrade record, compiled from the events alone. */
export interface UpgradeRecord {
  upgradeId: string;
  title: string | null;
  purpose: { category: string; statement: string; urgency: string } | null;
  outcome: 'in-progress' | 'succeeded' | 'rolled-back' | 'failed' | 'cancelled' | 'rejected';
  versions: { assetId: string; from: string; to: string; installed: string | null; restored: string | null }[];
  times: {
    proposedAt: string | null;
    window: { startsAt: string; endsAt: string } | null;
    executionStartedAt: string | null;
    appliedAt: string | null;
    acceptedAt: string | null;
    stableAt: string | null;
    closedAt: string | null;
  };
  responsibleStaff: { id: string; role: string; actions: string[] }[];
  approvals: { approver: string; at: string; comment: string }[];
  backups: {
    backupId: string;
    assetId: string | null;
    method: string | null;
    location: string | null;
    checksum: string | null;
    verified: boolean;
    failures: string[];
  }[];
  changedConfiguration: { assetId: string; path: string; before: unknown; after: unknown; stepId: string }[];
  tests: { environment: string; outcome: string; representativeData: boolean; loadTested: boolean; summary: string }[];
  acceptance: {
    criteria: { criterionId: string; core: boolean; passCondition: string; outcome: string | null }[];
    result: 'open' | 'passed' | 'failed';
  };
  issues: { kind: string; at: string; summary: string; resolved: boolean }[];
  rollback: {
    status: 'not-needed' | 'triggered' | 'completed' | 'forward-fix';
    trigger: string | null;
    reason: string | null;
    decidedBy: string | null;
    breakGlass: string | null;
    dataLossExposure: string | null;
  };
  notices: { phase: string; userGroups: string[]; channel: string; sentAt: string }[];
  followUps: {
    followUpId: string;
    description: string;
    owner: string;
    status: 'open' | 'closed';
    resolution: string | null;
  }[];
  compatibility: {
    findings: number;
    incompatible: number;
    /** ruleId null: an unknown pair (no rule) was waived. */
    waivers: { ruleId: string | null; reason: string; approvedBy: string }[];
  };
  eventCount: number;
}
