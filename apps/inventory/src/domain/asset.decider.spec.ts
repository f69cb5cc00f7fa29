import { deciderSpec } from '@upgrade-control/platform/testing';
import { assetDecider, type AssetEvent } from './asset.decider.js';

const details = {
  name: 'Orders DB (Berlin)',
  kind: 'database' as const,
  product: 'postgresql',
  version: '15.6',
  site: 'berlin',
  node: 'db-1',
  attributes: { vendor: 'PGDG' },
  criticality: 'high' as const,
  owner: 'dba-team',
  businessProcesses: ['order-to-cash'],
  userGroups: ['sales'],
  peakPeriods: [],
  expiresOn: null,
};
const registered: AssetEvent = { type: 'AssetRegistered', payload: { assetId: 'orders-db', ...details } };
const spec = deciderSpec(assetDecider);

describe('asset decider', () => {
  it('registers a new asset', () => {
    spec.given([]).when({ type: 'RegisterAsset', assetId: 'orders-db', details }).then([registered]);
  });

  it('refuses a certificate without an expiry date', () => {
    spec
      .given([])
      .when({ type: 'RegisterAsset', assetId: 'tls', details: { ...details, kind: 'certificate' } })
      .thenRefuses('invalid', 'a certificate needs its expiry date');
  });

  it('refuses registering twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterAsset', assetId: 'orders-db', details })
      .thenRefuses('invalid', /already registered/);
  });

  it('records a version change with its cause, and nothing when the version is already there', () => {
    const change = {
      type: 'ChangeAssetVersion' as const,
      toVersion: '16.2',
      reason: 'upgrade-applied' as const,
      upgradeId: 'up-1',
      causedByEventId: 'evt-9',
    };
    const moved: AssetEvent = {
      type: 'AssetVersionChanged',
      payload: {
        assetId: 'orders-db',
        fromVersion: '15.6',
        toVersion: '16.2',
        reason: 'upgrade-applied',
        upgradeId: 'up-1',
        causedByEventId: 'evt-9',
      },
    };
    spec.given([registered]).when(change).then([moved]);
    spec.given([registered, moved]).when(change).then([]);
  });

  it('declares a dependency once, and refuses self, unknown and retired targets', () => {
    const declare = {
      type: 'DeclareDependency' as const,
      dependsOnAssetId: 'san-1',
      relation: 'stores-data-in' as const,
      dependsOn: { assetId: 'san-1', status: 'active' as const },
    };
    const declared: AssetEvent = {
      type: 'DependencyDeclared',
      payload: { assetId: 'orders-db', dependsOnAssetId: 'san-1', relation: 'stores-data-in' },
    };
    spec.given([registered]).when(declare).then([declared]);
    spec.given([registered, declared]).when(declare).then([]);
    spec
      .given([registered])
      .when({ ...declare, dependsOnAssetId: 'orders-db' })
      .thenRefuses('invalid', 'an asset cannot depend on itself');
    spec
      .given([registered])
      .when({ ...declare, dependsOn: null })
      .thenRefuses('not-found', 'asset san-1 not found');
    spec
      .given([registered])
      .when({ ...declare, dependsOn: { assetId: 'san-1', status: 'retired' } })
      .thenRefuses('invalid', 'asset san-1 is retired');
  });

  it('refuses changes to a retired asset and to one never registered', () => {
    const retired: AssetEvent = {
      type: 'AssetRetired',
      payload: { assetId: 'orders-db', reason: 'replaced by cluster' },
    };
    spec
      .given([registered, retired])
      .when({ type: 'UpdateAssetDetails', changes: { owner: 'new-team' } })
      .thenRefuses('invalid', 'asset orders-db is retired');
    spec.given([]).when({ type: 'RetireAsset', reason: 'x' }).thenRefuses('not-found');
  });
});
