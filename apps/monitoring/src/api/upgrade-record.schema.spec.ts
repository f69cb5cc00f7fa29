import type { Actor } from '@upgrade-control/contracts';
import { recordFact } from '../../../../test/support/fixtures/record-facts.js';
import { rolloutStartedPayload } from '../../../../test/support/fixtures/rollout.js';
import { compileRecord } from '../domain/upgrade-record.js';
import { upgradeRecordSchema } from './upgrade-record.schema.js';

const planner: Actor = { id: 'pia', role: 'planner' };
const approver: Actor = { id: 'bob', role: 'approver' };

const fact = (type: string, minute: number, payload: Record<string, unknown>, actor = planner) =>
  recordFact(type, minute, payload, actor, 'planning');

const history = [
  fact('UpgradeProposed', 0, {
    title: 'PostgreSQL 16',
    category: 'end-of-support',
    purpose: 'stay on a supported major version',
    urgency: 'planned',
    targets: [{ assetId: 'orders-db', fromVersion: '15.6', toVersion: '16.2' }],
  }),
  fact(
    'UpgradeApproved',
    5,
    { approver: 'bob', comment: 'ok', approvalsSoFar: 1, fullyApproved: true, planVersion: 4 },
    approver,
  ),
  fact('UpgradeApplied', 10, {
    installed: [{ assetId: 'orders-db', version: '16.2' }],
    appliedAt: '2027-01-16T20:10:00.000Z',
  }),
  fact('UpgradeClosed', 30, { outcome: 'succeeded', postImplementationReviewRequired: false }),
];

describe('the upgrade record as the API document describes it', () => {
  it('describes a record of a single proposal', () => {
    const parsed = upgradeRecordSchema.safeParse(compileRecord('pg16', history.slice(0, 1)));

    expect(parsed.error?.issues).toBeUndefined();
  });

  it('describes a record of a closed upgrade', () => {
    const parsed = upgradeRecordSchema.safeParse(compileRecord('pg16', history));

    expect(parsed.error?.issues).toBeUndefined();
  });

  it('describes a record of a staged rollout, with its waves', () => {
    const rollout = fact('RolloutStarted', 8, rolloutStartedPayload('pg16', '2027-01-16T20:08:00.000Z'));
    const cancelled = fact('WaveCancelled', 12, { wave: 'second', reason: 'the pilot regressed' });
    const record = compileRecord('pg16', [...history.slice(0, 2), rollout, history[2]!, cancelled]);

    expect(record.waves).toHaveLength(2);
    expect(upgradeRecordSchema.safeParse(record).error?.issues).toBeUndefined();
  });

  it('refuses a record with a field it does not describe, so a new field cannot go undocumented', () => {
    const record = { ...compileRecord('pg16', history), undocumented: true };

    expect(upgradeRecordSchema.safeParse(record).error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['undocumented'] }),
    ]);
  });
});
