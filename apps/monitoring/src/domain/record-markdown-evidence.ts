import type { SnapshotReference } from './upgrade-record/record.js';
import type { UpgradeRecord } from './upgrade-record.js';
import { table } from './markdown-table.js';

const snapshot = (s: SnapshotReference | null) =>
  s ? `\`${s.snapshotId}\` sha256 \`${s.contentHash}\` at ${s.capturedAt} by ${s.capturedBy ?? '—'}` : 'missing';
const ms = (d: number | null) => (d === null ? null : `${(d / 1000).toFixed(1)} s`);

/** How each backup was verified: the evidence measured, or that it was only claimed (version 1). */
export const backupVerifications = (r: UpgradeRecord) => [
  '### Backup verification evidence',
  table(
    [
      'backup',
      'taken by',
      'taken at',
      'evidence',
      'checksum',
      'size (bytes)',
      'restore target',
      'restore',
      'objects checked',
      'verified by',
      'verified at',
    ],
    r.backups
      .filter((b) => b.verification)
      .map(({ backupId, takenBy, takenAt, verification: v }) => [
        backupId,
        takenBy,
        takenAt,
        v!.evidence,
        `${v!.checksum.algorithm ?? '?'}:${v!.checksum.digest}`,
        v!.sizeBytes,
        v!.restore.target,
        v!.restore.startedAt
          ? `${v!.restore.startedAt} – ${v!.restore.finishedAt} (${ms(v!.restore.durationMs)})`
          : null,
        v!.restore.objectsChecked,
        v!.verifiedBy,
        v!.verifiedAt,
      ]),
  ),
];

/** Each target's configuration before and after apply, and every path that changed between them. */
export const configurationSnapshots = (r: UpgradeRecord) => [
  '## Configuration before and after apply',
  table(
    ['asset', 'before apply', 'after apply'],
    r.configurationSnapshots.map((t) => [t.assetId, snapshot(t.before), snapshot(t.after)]),
  ),
  table(
    ['asset', 'change', 'path', 'before', 'after'],
    r.configurationSnapshots.flatMap(({ assetId, diff }) =>
      diff
        ? [
            ...diff.added.map((a) => [assetId, 'added', a.path, null, JSON.stringify(a.value)]),
            ...diff.removed.map((a) => [assetId, 'removed', a.path, JSON.stringify(a.value), null]),
            ...diff.changed.map((c) => [assetId, 'changed', c.path, JSON.stringify(c.before), JSON.stringify(c.after)]),
          ]
        : [],
    ),
  ),
];

/** Runbook steps skipped instead of completed. */
export const skippedSteps = (r: UpgradeRecord) => [
  '## Skipped runbook steps',
  table(
    ['step', 'skipped by', 'at', 'reason'],
    r.skippedSteps.map((s) => [s.stepId, s.skippedBy, s.at, s.reason]),
  ),
];
