import {
  assessPair,
  assessTargets,
  compatibilityDepthFrom,
  DEFAULT_COMPATIBILITY_DEPTH,
  type CompatibilityRule,
} from './compatibility.js';

const reportingNeedsOldPg: CompatibilityRule = {
  ruleId: 'reportly-4-pg',
  product: 'reportly',
  versionRange: '4.x',
  requiresProduct: 'postgresql',
  requiresRange: '>=12 <16',
  source: { kind: 'vendor-note', reference: 'Reportly 4 release notes §3' },
  reason: 'JDBC driver 42.2 lacks SCRAM changes of PG 16',
  mixedVersions: { kind: 'unspecified' },
};
const reporting = { assetId: 'reportly-berlin', name: 'Reportly', product: 'reportly', version: '4.2' };
const pg = (version: string) => ({ assetId: 'orders-db', name: 'Orders DB', product: 'postgresql', version });

describe('compatibility of a related pair', () => {
  it('reports a violated rule naming both assets, versions, rule and source', () => {
    expect(assessPair(pg('16.2'), reporting, [reportingNeedsOldPg])).toEqual([
      {
        status: 'incompatible',
        ruleId: 'reportly-4-pg',
        asset: reporting,
        other: pg('16.2'),
        rule: 'reportly 4.x requires postgresql >=12 <16',
        source: 'vendor-note: Reportly 4 release notes §3',
        reason: 'JDBC driver 42.2 lacks SCRAM changes of PG 16',
      },
    ]);
  });

  it('is compatible when the rule holds, and unknown when no rule binds', () => {
    expect(assessPair(pg('15.6'), reporting, [reportingNeedsOldPg])[0]!.status).toBe('compatible');
    expect(assessPair(pg('16.2'), { ...reporting, version: '5.0' }, [reportingNeedsOldPg])).toEqual([
      expect.objectContaining({ status: 'unknown', reason: 'no rule covers postgresql 16.2 with reportly 5.0' }),
    ]);
  });
});

describe('compatibility through the dependency graph', () => {
  // billing depends on reportly, which depends on the orders database.
  const edges = [
    { assetId: 'reportly-berlin', dependsOnAssetId: 'orders-db' },
    { assetId: 'billing', dependsOnAssetId: 'reportly-berlin' },
  ];
  const assets = new Map([
    ['orders-db', { name: 'Orders DB', product: 'postgresql', version: '15.6' }],
    ['reportly-berlin', { name: 'Reportly', product: 'reportly', version: '4.2' }],
    ['billing', { name: 'Billing', product: 'billing', version: '2.0' }],
  ]);
  const billingNeedsPg15: CompatibilityRule = {
    ...reportingNeedsOldPg,
    ruleId: 'billing-pg',
    product: 'billing',
    versionRange: '2.x',
    requiresRange: '<16',
  };
  const assess = (depth: number) =>
    assessTargets({
      targets: [{ assetId: 'orders-db', toVersion: '16.2' }],
      edges,
      assets,
      rules: [reportingNeedsOldPg, billingNeedsPg15],
      depth,
    });

  it('finds an incompatibility two hops away, saying at which depth and through which path', () => {
    expect(assess(2).find((f) => f.ruleId === 'billing-pg')).toMatchObject({
      status: 'incompatible',
      depth: 2,
      path: ['orders-db', 'reportly-berlin', 'billing'],
    });
  });

  it('stops at the configured depth', () => {
    expect(assess(1).map((f) => f.other.assetId === 'billing' || f.asset.assetId === 'billing')).toEqual([false]);
  });

  it('reads the depth from the deployment setting, 2 when unset, and refuses a depth below 1', () => {
    expect(compatibilityDepthFrom(undefined)).toBe(DEFAULT_COMPATIBILITY_DEPTH);
    expect(compatibilityDepthFrom('3')).toBe(3);
    expect(() => compatibilityDepthFrom('0')).toThrow(
      'COMPATIBILITY_DEPTH: "0" is not a whole number of hops of at least 1',
    );
  });
});
