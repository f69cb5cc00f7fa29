import { storedV1Event } from '../../../../../test/support/stored-event.js';
import { upcast } from '../../upcasting.js';
import { checkPayload } from '../../validation.js';

const stored = (type: string, payload: Record<string, unknown>) =>
  storedV1Event({
    type,
    streamId: 'upgrade-pg16',
    streamVersion: 4,
    producer: 'planning',
    correlationId: 'pg16',
    actor: { id: 'bob', role: 'approver' },
    payload,
  });

const finding = {
  ruleId: null,
  status: 'unknown',
  assetId: 'orders-db',
  assetVersion: '16.2',
  otherAssetId: 'reportly',
  otherVersion: '4.2',
  rule: null,
  source: null,
};

describe('compatibility events v1 → v2 upcasters', () => {
  it('reads a v1 assessment with depth and path not recorded, a valid v2 payload', () => {
    const current = upcast(
      stored('CompatibilityAssessed', { upgradeId: 'pg16', stage: 'submit', findings: [finding] }),
    );
    expect(current.payload).toEqual({
      upgradeId: 'pg16',
      stage: 'submit',
      findings: [{ ...finding, depth: null, path: null }],
    });
    expect(checkPayload('CompatibilityAssessed', 2, current.payload)).toMatchObject({ ok: true });
  });

  it('reads a v1 waiver as the waiver of an incompatible finding, a valid v2 payload', () => {
    const v1 = {
      upgradeId: 'pg16',
      ruleId: 'r2',
      assetId: 'reportly',
      otherAssetId: 'orders-db',
      reason: 'driver patched',
      approvedBy: 'bob',
    };
    const current = upcast(stored('CompatibilityWaived', v1));
    expect(current.payload).toEqual({ ...v1, status: 'incompatible' });
    expect(checkPayload('CompatibilityWaived', 2, current.payload)).toMatchObject({ ok: true });
  });

  it('reads a v1 test run as pilot evidence for no pair, a valid v2 payload', () => {
    const v1 = {
      upgradeId: 'pg16',
      environment: 'staging',
      representativeData: true,
      rolesCovered: [],
      integrationsCovered: [],
      loadTested: false,
      outcome: 'passed',
      summary: 'green',
    };
    const current = upcast(stored('TestEvidenceRecorded', v1));
    expect(current.payload).toEqual({ ...v1, pairsCovered: [] });
    expect(checkPayload('TestEvidenceRecorded', 2, current.payload)).toMatchObject({ ok: true });
  });
});
