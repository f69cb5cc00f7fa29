import { table } from './markdown-table.js';
import { metricAnalysis } from './record-markdown-analysis.js';
import { backupVerifications, configurationSnapshots, skippedSteps } from './record-markdown-evidence.js';
import { waveTimeline } from './record-markdown-waves.js';
import type { UpgradeRecord } from './upgrade-record.js';

/** The record as a document people read; the JSON stays the authoritative form. */
export function recordToMarkdown(r: UpgradeRecord, hash: string): string {
  return [
    `# Upgrade record: ${r.title ?? r.upgradeId}`,
    '',
    `- Upgrade: \`${r.upgradeId}\` — outcome **${r.outcome}**`,
    `- Purpose: ${r.purpose ? `${r.purpose.statement} (${r.purpose.category}, ${r.purpose.urgency})` : '—'}`,
    `- Window: ${r.times.window ? `${r.times.window.startsAt} – ${r.times.window.endsAt}` : '—'}`,
    `- Started ${r.times.executionStartedAt ?? '—'}, applied ${r.times.appliedAt ?? '—'}, accepted ${r.times.acceptedAt ?? '—'}, stable ${r.times.stableAt ?? '—'}, closed ${r.times.closedAt ?? '—'}`,
    `- Record hash: \`${hash}\` over ${r.eventCount} events`,
    '',
    '## Versions',
    table(
      ['asset', 'from', 'to', 'installed', 'restored'],
      r.versions.map((v) => [v.assetId, v.from, v.to, v.installed, v.restored]),
    ),
    '## People',
    table(
      ['who', 'role', 'did'],
      r.responsibleStaff.map((s) => [s.id, s.role, s.actions.join(', ')]),
    ),
    '## Approvals',
    table(
      ['approver', 'at', 'comment'],
      r.approvals.map((a) => [a.approver, a.at, a.comment]),
    ),
    '## Backups',
    table(
      ['backup', 'asset', 'method', 'location', 'checksum', 'verified', 'failures'],
      r.backups.map((b) => [
        b.backupId,
        b.assetId,
        b.method,
        b.location,
        b.checksum,
        b.verified ? 'yes' : 'no',
        b.failures.join('; '),
      ]),
    ),
    ...backupVerifications(r),
    ...configurationSnapshots(r),
    ...skippedSteps(r),
    '## Changed configuration',
    table(
      ['asset', 'path', 'before', 'after', 'step'],
      r.changedConfiguration.map((c) => [
        c.assetId,
        c.path,
        JSON.stringify(c.before),
        JSON.stringify(c.after),
        c.stepId,
      ]),
    ),
    '## Tests and acceptance',
    table(
      ['environment', 'outcome', 'representative data', 'load tested', 'summary'],
      r.tests.map((t) => [t.environment, t.outcome, t.representativeData, t.loadTested, t.summary]),
    ),
    `Acceptance: **${r.acceptance.result}**`,
    '',
    table(
      ['criterion', 'core', 'pass condition', 'outcome'],
      r.acceptance.criteria.map((c) => [c.criterionId, c.core ? 'core' : '', c.passCondition, c.outcome]),
    ),
    '## Issues',
    table(
      ['kind', 'at', 'summary', 'resolved'],
      r.issues.map((i) => [i.kind, i.at, i.summary, i.resolved ? 'yes' : 'no']),
    ),
    ...waveTimeline(r),
    ...metricAnalysis(r),
    '## Rollback',
    `Status **${r.rollback.status}**${r.rollback.trigger ? `, trigger ${r.rollback.trigger} by ${r.rollback.decidedBy}: ${r.rollback.reason}` : ''}${r.rollback.breakGlass ? ` — break-glass: ${r.rollback.breakGlass}` : ''}${r.rollback.dataLossExposure ? ` — data loss: ${r.rollback.dataLossExposure}` : ''}`,
    '',
    '## Notices',
    table(
      ['phase', 'user groups', 'channel', 'sent (server time)', 'reported by the sender'],
      r.notices.map((n) => [n.phase, n.userGroups.join(', '), n.channel, n.sentAt, n.reportedSentAt]),
    ),
    '## Follow-ups',
    table(
      ['id', 'description', 'owner', 'status', 'resolution'],
      r.followUps.map((f) => [f.followUpId, f.description, f.owner, f.status, f.resolution]),
    ),
    ...reviewSection(r.postImplementationReview),
  ].join('\n');
}

/** An emergency's review: nothing for other changes. */
function reviewSection(review: UpgradeRecord['postImplementationReview']): string[] {
  if (!review) return [];
  return [
    '## Post-implementation review',
    `- Due ${review.dueAt} — **${review.status}**${review.closedBy ? `, closed by ${review.closedBy} at ${review.closedAt}` : ''}`,
    `- Findings: ${review.findings ?? '—'}`,
    `- Root cause: ${review.rootCause ?? '—'}`,
    `- Lessons: ${review.lessons ?? '—'}`,
    '',
    table(
      ['#', 'action', 'owner', 'due', 'done'],
      review.followUps.map((f) => [f.followUp, f.action, f.owner, f.dueAt, f.doneAt && `${f.doneAt} by ${f.doneBy}`]),
    ),
  ];
}
