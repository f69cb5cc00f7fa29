import type { Actor } from '@upgrade-control/contracts';
import {
  afterApplySnapshot,
  beforeApplySnapshot,
  configurationAfter,
  configurationBefore,
  legacyVerified,
  verified,
} from '../../../../../test/support/fixtures/execution.js';
import { backups } from './backups.js';
import { configurationSnapshotsSeen, targetConfigurations } from './configuration-snapshots.js';
import { issues } from './issues.js';
import { notices } from './notices.js';
import type { RecordEvent, RecordSection } from './record-event.js';
import { skippedSteps } from './skipped-steps.js';

const agent: Actor = { id: 'pg-agent', role: 'agent' };
const at = (minute: number) => new Date(Date.UTC(2027, 0, 16, 21, minute)).toISOString();
/** A record event of upgrade pg16: the type's payload, when and by whom. */
const event = (type: string, minute: number, payload: Record<string, unknown>, actor = agent) =>
  ({ type, payload: { upgradeId: 'pg16', ...payload }, occurredAt: at(minute), actor }) as RecordEvent;
const fold = <S>(section: RecordSection<S>, events: RecordEvent[]) => events.reduce(section.evolve, section.initial());

const captured = (linked: typeof beforeApplySnapshot, configuration: Record<string, unknown>) => {
  const { snapshotId, assetId, capturedAt, contentHash, phase } = linked.payload;
  return event('ConfigurationSnapshotCaptured', 1, {
    snapshotId,
    assetId,
    capturedAt,
    contentHash,
    phase,
    label: null,
    configuration,
  });
};
const counted = (linked: typeof beforeApplySnapshot, minute: number) =>
  event(linked.type, minute, linked.payload, { id: 'execution-service', role: 'system' });

describe('upgrade record: configuration snapshots', () => {
  it('shows each target before and after apply, who captured them, and the diff', () => {
    const seen = fold(configurationSnapshotsSeen, [
      captured(beforeApplySnapshot, configurationBefore),
      counted(beforeApplySnapshot, 2),
      captured(afterApplySnapshot, configurationAfter),
      counted(afterApplySnapshot, 4),
    ]);
    expect(targetConfigurations(seen)).toEqual([
      {
        assetId: 'orders-db',
        before: {
          snapshotId: 'snap-before-apply',
          contentHash: beforeApplySnapshot.payload.contentHash,
          capturedAt: beforeApplySnapshot.payload.capturedAt,
          capturedBy: 'pg-agent',
        },
        after: expect.objectContaining({ snapshotId: 'snap-after-apply', capturedBy: 'pg-agent' }),
        diff: {
          added: [],
          removed: [],
          changed: [
            { path: 'server_version', before: '15.6', after: '16.2' },
            { path: 'max_connections', before: 100, after: 200 },
          ],
        },
      },
    ]);
  });

  it('shows a missing after-apply snapshot as missing, with no diff', () => {
    const seen = fold(configurationSnapshotsSeen, [
      captured(beforeApplySnapshot, configurationBefore),
      counted(beforeApplySnapshot, 2),
    ]);
    expect(targetConfigurations(seen)).toEqual([
      expect.objectContaining({ assetId: 'orders-db', after: null, diff: null }),
    ]);
  });

  it('ignores a snapshot execution did not count', () => {
    const seen = fold(configurationSnapshotsSeen, [captured(afterApplySnapshot, configurationAfter)]);
    expect(targetConfigurations(seen)).toEqual([]);
  });
});

describe('upgrade record: evidence added by issue 14', () => {
  it('lists a skipped step with who skipped it, why and when', () => {
    const skipped = event('StepSkipped', 3, { stepId: 'pg-upgrade', skippedBy: 'bob', reason: 'done by the vendor' });
    expect(fold(skippedSteps, [skipped])).toEqual([
      { stepId: 'pg-upgrade', skippedBy: 'bob', reason: 'done by the vendor', at: at(3) },
    ]);
  });

  it('opens a no-data finding and resolves it when data resumes', () => {
    const silence = {
      assetId: 'orders-db',
      metric: 'error_rate',
      triggerId: 'errors',
      windowFrom: at(0),
      windowTo: at(5),
    };
    const found = fold(issues, [
      event('NoDataDetected', 5, silence),
      event('DataResumed', 9, { assetId: 'orders-db', metric: 'error_rate', resumedAt: at(9) }),
    ]);
    expect(found).toEqual([
      {
        kind: 'no-data',
        at: at(5),
        summary: `error_rate on orders-db: no samples from ${at(0)} to ${at(5)}`,
        resolved: true,
      },
    ]);
  });

  it('shows what the verifier measured', () => {
    const [backup] = fold(backups, [event('BackupVerified', 20, verified.payload)]);
    expect(backup).toMatchObject({
      verified: true,
      verification: {
        evidence: 'measured',
        verifiedBy: 'backup-agent',
        checksum: { algorithm: 'sha256' },
        sizeBytes: 1024,
        restore: { target: 'staging', durationMs: 300_000, objectsChecked: 42 },
      },
    });
  });

  it('does not count a version 1 verification, which measured nothing', () => {
    const [backup] = fold(backups, [event('BackupVerified', 20, legacyVerified.payload)]);
    expect(backup).toMatchObject({ verified: false, verification: { evidence: 'not-recorded', verifiedBy: null } });
  });

  it('shows a notice at the server time, and the time the sender reported beside it', () => {
    const notice = { phase: 'before', userGroups: ['sales'], channel: 'email', sentAt: at(0), reportedSentAt: at(-5) };
    expect(fold(notices, [event('UsersNotified', 0, notice)])).toEqual([
      { phase: 'before', userGroups: ['sales'], channel: 'email', sentAt: at(0), reportedSentAt: at(-5) },
    ]);
  });
});
