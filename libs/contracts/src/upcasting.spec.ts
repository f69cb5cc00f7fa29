import { checkPayload } from './validation.js';
import { upcast } from './upcasting.js';
import { storedV1Event } from '../../../test/support/stored-event.js';

const v1Payload = {
  assetId: 'db-berlin-1',
  name: 'Orders DB',
  kind: 'database',
  product: 'postgresql',
  version: '15.6',
  location: 'berlin/node-a',
  attributes: {},
  criticality: 'high',
  owner: 'dba-team',
  businessProcesses: ['order-to-cash'],
  userGroups: ['sales'],
  peakPeriods: [],
  expiresOn: null,
};

const stored = storedV1Event({
  type: 'AssetRegistered',
  streamId: 'asset-db-berlin-1',
  producer: 'inventory',
  correlationId: 'asset-db-berlin-1',
  actor: { id: 'alice', role: 'planner' },
  payload: v1Payload,
});

describe('AssetRegistered v1 → v2 upcaster', () => {
  it('splits the location into site and node and yields a valid v2 payload', () => {
    const current = upcast(stored);
    expect(current.schemaVersion).toBe(2);
    expect(current.payload).toMatchObject({ site: 'berlin', node: 'node-a' });
    expect(current.payload).not.toHaveProperty('location');
    expect(checkPayload('AssetRegistered', 2, current.payload)).toMatchObject({ ok: true });
    expect(checkPayload('AssetRegistered', 1, v1Payload)).toMatchObject({ ok: true });
  });

  it('leaves the stored hash alone, since chains are verified on the stored form', () => {
    expect(upcast(stored).hash).toBe(stored.hash);
  });
});

describe('CompatibilityRuleDeclared v1 → v2 upcaster', () => {
  const v1Rule = {
    ruleId: 'reportly-4-pg',
    product: 'reportly',
    versionRange: '4.x',
    requiresProduct: 'postgresql',
    requiresRange: '>=12 <16',
    source: { kind: 'vendor-note', reference: 'Reportly 4 notes' },
    reason: null,
  };
  const storedRule = storedV1Event({
    type: 'CompatibilityRuleDeclared',
    streamId: 'compatibility-rule-reportly-4-pg',
    producer: 'inventory',
    correlationId: 'compatibility-rule-reportly-4-pg',
    actor: { id: 'alice', role: 'planner' },
    payload: v1Rule,
  });

  it('reads a v1 rule as saying nothing about mixed versions, a valid v2 payload', () => {
    const current = upcast(storedRule);
    expect(current.schemaVersion).toBe(2);
    expect(current.payload).toEqual({ ...v1Rule, mixedVersions: { kind: 'unspecified' } });
    expect(checkPayload('CompatibilityRuleDeclared', 2, current.payload)).toMatchObject({ ok: true });
    expect(checkPayload('CompatibilityRuleDeclared', 1, v1Rule)).toMatchObject({ ok: true });
  });

  it('refuses a v2 rule whose stance is "supported" without its days', () => {
    const payload = { ...v1Rule, mixedVersions: { kind: 'supported' } };
    expect(checkPayload('CompatibilityRuleDeclared', 2, payload)).toMatchObject({ ok: false });
  });
});

describe('payload validation', () => {
  it('names the field and the rule that failed', () => {
    expect(checkPayload('AssetRetired', 1, { assetId: '' })).toEqual({
      ok: false,
      reason: 'invalid-payload',
      message: expect.stringMatching(/assetId: .*>=1 characters.*reason: /),
      issues: [
        { path: 'assetId', message: expect.stringContaining('>=1 characters') },
        { path: 'reason', message: expect.any(String) },
      ],
    });
  });

  it('reports unknown types as such', () => {
    expect(checkPayload('SomethingNew', 1, {})).toMatchObject({ ok: false, reason: 'unknown-type' });
  });
});
