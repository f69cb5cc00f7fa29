import { createHash } from 'node:crypto';
import { canonicalJson, type EventEnvelope } from '@upgrade-control/contracts';

type P = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads are validated by their contracts upstream

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
    waivers: { ruleId: string; reason: string; approvedBy: string }[];
  };
  eventCount: number;
}

/** Causal then time order: each stream in version order, streams interleaved by time. */
export function orderEvents(events: EventEnvelope[]): EventEnvelope[] {
  const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
  return unique.sort(
    (a, b) =>
      a.occurredAt.localeCompare(b.occurredAt) ||
      a.producer.localeCompare(b.producer) ||
      a.streamId.localeCompare(b.streamId) ||
      a.streamVersion - b.streamVersion,
  );
}

export function compileRecord(upgradeId: string, all: EventEnvelope[]): UpgradeRecord {
  const events = orderEvents(all.filter((e) => e.correlationId === upgradeId));
  const r: UpgradeRecord = {
    upgradeId,
    title: null,
    purpose: null,
    outcome: 'in-progress',
    versions: [],
    times: {
      proposedAt: null,
      window: null,
      executionStartedAt: null,
      appliedAt: null,
      acceptedAt: null,
      stableAt: null,
      closedAt: null,
    },
    responsibleStaff: [],
    approvals: [],
    backups: [],
    changedConfiguration: [],
    tests: [],
    acceptance: { criteria: [], result: 'open' },
    issues: [],
    rollback: {
      status: 'not-needed',
      trigger: null,
      reason: null,
      decidedBy: null,
      breakGlass: null,
      dataLossExposure: null,
    },
    notices: [],
    followUps: [],
    compatibility: { findings: 0, incompatible: 0, waivers: [] },
    eventCount: events.length,
  };
  const staff = new Map<string, { id: string; role: string; actions: string[] }>();
  const backup = (backupId: string) => {
    let b = r.backups.find((x) => x.backupId === backupId);
    if (!b)
      r.backups.push(
        (b = { backupId, assetId: null, method: null, location: null, checksum: null, verified: false, failures: [] }),
      );
    return b;
  };
  const version = (assetId: string) => r.versions.find((v) => v.assetId === assetId);
  for (const e of events) {
    const p = e.payload as P;
    const who = staff.get(`${e.actor.role}:${e.actor.id}`) ?? { id: e.actor.id, role: e.actor.role, actions: [] };
    if (!who.actions.includes(e.type)) who.actions.push(e.type);
    staff.set(`${e.actor.role}:${e.actor.id}`, who);
    switch (e.type) {
      case 'UpgradeProposed':
        r.title = p.title;
        r.purpose = { category: p.category, statement: p.purpose, urgency: p.urgency };
        r.times.proposedAt = e.occurredAt;
        r.versions = p.targets.map((t: P) => ({
          assetId: t.assetId,
          from: t.fromVersion,
          to: t.toVersion,
          installed: null,
          restored: null,
        }));
        break;
      case 'UpgradeTargetAdded':
        r.versions.push({
          assetId: p.target.assetId,
          from: p.target.fromVersion,
          to: p.target.toVersion,
          installed: null,
          restored: null,
        });
        break;
      case 'CompatibilityAssessed':
        r.compatibility.findings = p.findings.length;
        r.compatibility.incompatible = p.findings.filter((f: P) => f.status === 'incompatible').length;
        break;
      case 'CompatibilityWaived':
        r.compatibility.waivers.push({ ruleId: p.ruleId, reason: p.reason, approvedBy: p.approvedBy });
        break;
      case 'BackupPlanned':
        Object.assign(backup(p.backupId), { assetId: p.assetId, method: p.method, location: p.location });
        break;
      case 'BackupTaken':
        Object.assign(backup(p.backupId), { method: p.method, location: p.location, checksum: p.checksum });
        break;
      case 'BackupVerified':
        backup(p.backupId).verified = true;
        break;
      case 'BackupVerificationFailed':
        backup(p.backupId).failures.push(p.reason);
        r.issues.push({ kind: 'backup-verification-failed', at: e.occurredAt, summary: p.reason, resolved: false });
        break;
      case 'AcceptanceCriteriaDefined':
        r.acceptance.criteria = p.criteria.map((c: P) => ({
          criterionId: c.criterionId,
          core: c.core,
          passCondition: c.passCondition,
          outcome: null,
        }));
        break;
      case 'TestEvidenceRecorded':
        r.tests.push({
          environment: p.environment,
          outcome: p.outcome,
          representativeData: p.representativeData,
          loadTested: p.loadTested,
          summary: p.summary,
        });
        break;
      case 'MaintenanceWindowScheduled':
        r.times.window = { startsAt: p.startsAt, endsAt: p.endsAt };
        break;
      case 'UsersNotified':
        r.notices.push({ phase: p.phase, userGroups: p.userGroups, channel: p.channel, sentAt: p.sentAt });
        break;
      case 'UpgradeApproved':
        r.approvals.push({ approver: p.approver, at: e.occurredAt, comment: p.comment });
        break;
      case 'UpgradeRejected':
        r.outcome = 'rejected';
        break;
      case 'UpgradeCancelled':
        r.outcome = 'cancelled';
        break;
      case 'ExecutionStarted':
        r.times.executionStartedAt = p.startedAt;
        break;
      case 'StepCompleted':
        for (const c of p.configurationChanges)
          r.changedConfiguration.push({
            assetId: c.assetId,
            path: c.path,
            before: c.before,
            after: c.after,
            stepId: p.stepId,
          });
        break;
      case 'StepFailed':
        r.issues.push({ kind: 'step-failed', at: e.occurredAt, summary: `${p.stepId}: ${p.error}`, resolved: false });
        break;
      case 'UpgradeApplied':
        r.times.appliedAt = p.appliedAt;
        for (const i of p.installed) {
          const v = version(i.assetId);
          if (v) v.installed = i.version;
        }
        break;
      case 'AcceptanceCheckRecorded': {
        const c = r.acceptance.criteria.find((x) => x.criterionId === p.criterionId);
        if (c) c.outcome = p.outcome;
        break;
      }
      case 'LogReviewRecorded':
        for (const f of p.findings.filter((x: P) => x.severity !== 'info'))
          r.issues.push({
            kind: `log-${f.severity}`,
            at: e.occurredAt,
            summary: `${f.source}: ${f.message}`,
            resolved: false,
          });
        break;
      case 'AcceptancePassed':
        r.acceptance.result = 'passed';
        r.times.acceptedAt = e.occurredAt;
        break;
      case 'AcceptanceFailed':
        r.acceptance.result = 'failed';
        r.issues.push({
          kind: 'acceptance-failed',
          at: e.occurredAt,
          summary: `failed: ${p.failedCriteria.join(', ')}`,
          resolved: false,
        });
        break;
      case 'RollbackTriggered':
        r.rollback = {
          ...r.rollback,
          status: 'triggered',
          trigger: p.trigger,
          reason: p.reason,
          decidedBy: p.decidedBy,
          breakGlass: p.breakGlass?.why ?? null,
        };
        break;
      case 'RollbackCompleted':
        r.rollback = { ...r.rollback, status: 'completed', dataLossExposure: p.dataLossExposure };
        r.outcome = 'rolled-back';
        for (const i of p.restored) {
          const v = version(i.assetId);
          if (v) v.restored = i.version;
        }
        break;
      case 'ForwardFixDeclared':
        r.rollback = { ...r.rollback, status: 'forward-fix', reason: p.plan, decidedBy: p.declaredBy };
        r.outcome = 'failed';
        break;
      case 'RegressionDetected':
        r.issues.push({
          kind: 'regression',
          at: e.occurredAt,
          summary: `${p.metric} on ${p.assetId}: ${p.observed} vs baseline ${p.baseline} (threshold ${p.threshold})`,
          resolved: false,
        });
        break;
      case 'RegressionResolved': {
        const open = r.issues.find(
          (i) => i.kind === 'regression' && !i.resolved && i.summary.startsWith(`${p.metric} on ${p.assetId}:`),
        );
        if (open) open.resolved = true;
        break;
      }
      case 'IncidentReported':
        r.issues.push({
          kind: `incident-${p.severity}`,
          at: e.occurredAt,
          summary: `${p.incidentId}: ${p.summary}`,
          resolved: false,
        });
        break;
      case 'IncidentResolved': {
        const open = r.issues.find((i) => i.kind.startsWith('incident') && i.summary.startsWith(`${p.incidentId}:`));
        if (open) open.resolved = true;
        break;
      }
      case 'StabilityConfirmed':
        r.times.stableAt = p.confirmedAt;
        break;
      case 'UpgradeClosed':
        r.times.closedAt = e.occurredAt;
        if (r.outcome === 'in-progress') r.outcome = p.outcome;
        if (
          p.postImplementationReviewRequired &&
          !r.followUps.some((f) => f.followUpId === 'post-implementation-review')
        ) {
          r.followUps.push({
            followUpId: 'post-implementation-review',
            description: 'post-implementation review of the emergency change',
            owner: 'change-board',
            status: 'open',
            resolution: null,
          });
        }
        break;
      case 'FollowUpAdded':
        r.followUps.push({
          followUpId: p.followUpId,
          description: p.description,
          owner: p.owner,
          status: 'open',
          resolution: null,
        });
        break;
      case 'FollowUpClosed': {
        const f = r.followUps.find((x) => x.followUpId === p.followUpId);
        if (f) Object.assign(f, { status: 'closed', resolution: p.resolution });
        break;
      }
    }
  }
  r.responsibleStaff = [...staff.values()];
  return r;
}

export const recordHash = (record: UpgradeRecord) => createHash('sha256').update(canonicalJson(record)).digest('hex');
