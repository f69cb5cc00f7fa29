import type { Actor } from '@upgrade-control/contracts';
import { recordFact } from '../../../../test/support/fixtures/record-facts.js';
import { compileRecord } from './upgrade-record.js';

const planner: Actor = { id: 'pia', role: 'planner' };
const operator: Actor = { id: 'otto', role: 'operator' };
const system: Actor = { id: 'monitoring-service', role: 'system' };

const fact = (type: string, minute: number, payload: Record<string, unknown>, actor = operator) =>
  recordFact(type, minute, payload, actor);

const proposed = fact(
  'UpgradeProposed',
  0,
  {
    title: 'PostgreSQL 16',
    category: 'end-of-support',
    purpose: 'stay on a supported major version',
    urgency: 'planned',
    targets: [{ assetId: 'orders-db', fromVersion: '15.6', toVersion: '16.2' }],
  },
  planner,
);
const applied = fact('UpgradeApplied', 10, {
  installed: [{ assetId: 'orders-db', version: '16.2' }],
  appliedAt: '2027-01-16T20:10:00.000Z',
});
const regression = (minute: number) =>
  fact(
    'RegressionDetected',
    minute,
    { assetId: 'orders-db', metric: 'error_rate', baseline: 0.01, observed: 0.05, threshold: 0.02 },
    system,
  );
const recovered = (minute: number) =>
  fact('RegressionResolved', minute, { assetId: 'orders-db', metric: 'error_rate' }, system);
const closed = (minute: number, postImplementationReviewRequired: boolean) =>
  fact('UpgradeClosed', minute, { outcome: 'succeeded', postImplementationReviewRequired }, planner);

describe('upgrade record', () => {
  it('names the purpose, the versions and when the upgrade was proposed', () => {
    const record = compileRecord('pg16', [proposed]);

    expect(record.title).toBe('PostgreSQL 16');
    expect(record.purpose).toEqual({
      category: 'end-of-support',
      statement: 'stay on a supported major version',
      urgency: 'planned',
    });
    expect(record.versions).toEqual([
      { assetId: 'orders-db', from: '15.6', to: '16.2', installed: null, restored: null },
    ]);
    expect(record.times.proposedAt).toBe('2027-01-16T20:00:00.000Z');
    expect(record.outcome).toBe('in-progress');
  });

  it('records what was installed, then what a rollback restored and what it cost', () => {
    const rolledBack = fact('RollbackCompleted', 20, {
      restored: [{ assetId: 'orders-db', version: '15.6' }],
      dataLossExposure: 'orders since 20:10',
    });

    const record = compileRecord('pg16', [rolledBack, applied, proposed]);

    expect(record.versions[0]).toMatchObject({ installed: '16.2', restored: '15.6' });
    expect(record.outcome).toBe('rolled-back');
    expect(record.rollback).toMatchObject({ status: 'completed', dataLossExposure: 'orders since 20:10' });
    expect(record.times.appliedAt).toBe('2027-01-16T20:10:00.000Z');
  });

  it('resolves a regression episode and keeps a later one open', () => {
    const record = compileRecord('pg16', [proposed, regression(30), recovered(35), regression(40)]);

    expect(record.issues).toEqual([
      {
        kind: 'regression',
        at: '2027-01-16T20:30:00.000Z',
        summary: 'error_rate on orders-db: 0.05 vs baseline 0.01 (threshold 0.02)',
        resolved: true,
      },
      {
        kind: 'regression',
        at: '2027-01-16T20:40:00.000Z',
        summary: 'error_rate on orders-db: 0.05 vs baseline 0.01 (threshold 0.02)',
        resolved: false,
      },
    ]);
  });

  it('opens a backup taken that was never planned, and lists its failed verification as an issue', () => {
    const taken = fact('BackupTaken', 5, {
      backupId: 'adhoc',
      method: 'pg_dump',
      location: 's3://b',
      checksum: 'c1',
      takenAt: '2027-01-16T20:05:00.000Z',
      takenBy: operator,
    });
    const failed = fact('BackupVerificationFailed', 6, { backupId: 'adhoc', reason: 'checksum mismatch' });

    const record = compileRecord('pg16', [proposed, taken, failed]);

    expect(record.backups).toEqual([
      {
        backupId: 'adhoc',
        assetId: null,
        method: 'pg_dump',
        location: 's3://b',
        checksum: 'c1',
        takenBy: 'otto',
        takenAt: '2027-01-16T20:05:00.000Z',
        verified: false,
        verification: null,
        failures: ['checksum mismatch'],
      },
    ]);
    expect(record.issues.map((i) => i.kind)).toEqual(['backup-verification-failed']);
  });

  it('takes the outcome from the closure and owes the board one review of an emergency change', () => {
    const record = compileRecord('pg16', [proposed, closed(50, true), closed(51, true)]);

    expect(record.outcome).toBe('succeeded');
    expect(record.times.closedAt).toBe('2027-01-16T20:51:00.000Z');
    expect(record.followUps.map((f) => [f.followUpId, f.owner, f.status])).toEqual([
      ['post-implementation-review', 'change-board', 'open'],
    ]);
  });

  it('lists each person once, in order of first appearance, with the kinds of event they caused', () => {
    const record = compileRecord('pg16', [proposed, applied, regression(30), closed(50, false), applied]);

    expect(record.responsibleStaff).toEqual([
      { id: 'pia', role: 'planner', actions: ['UpgradeProposed', 'UpgradeClosed'] },
      { id: 'otto', role: 'operator', actions: ['UpgradeApplied'] },
      { id: 'monitoring-service', role: 'system', actions: ['RegressionDetected'] },
    ]);
  });

  it('counts only this upgrade’s events, each once', () => {
    const otherUpgrade = { ...fact('UpgradeApplied', 12, {}), eventId: 'other', correlationId: 'mysql8' };

    expect(compileRecord('pg16', [proposed, applied, applied, otherUpgrade]).eventCount).toBe(2);
  });
});
