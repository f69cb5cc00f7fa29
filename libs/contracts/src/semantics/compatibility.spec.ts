import { assessPair, type CompatibilityRule } from './compatibility.js';

const reportingNeedsOldPg: CompatibilityRule = {
  ruleId: 'reportly-4-pg',
  product: 'reportly',
  versionRange: '4.x',
  requiresProduct: 'postgresql',
  requiresRange: '>=12 <16',
  source: { kind: 'vendor-note', reference: 'Reportly 4 release notes §3' },
  reason: 'JDBC driver 42.2 lacks SCRAM changes of PG 16',
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
