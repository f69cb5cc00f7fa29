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
const retired: AssetEvent = { type: 'AssetRetired', payload: { assetId: 'orders-db', reason: 'replaced by cluster' } };
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
const spec = deciderSpec(assetDecider);

describe('asset decider: registration', () => {
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
});

describe('asset decider: versions', () => {
  it('records a version change with its cause', () => {
    spec.given([registered]).when(change).then([moved]);
  });

  it('records nothing when the version is already there (a redelivered reaction)', () => {
    spec.given([registered, moved]).when(change).thenNothingHappened();
  });
});

describe('asset decider: dependencies', () => {
  it('declares a dependency', () => {
    spec.given([registered]).when(declare).then([declared]);
  });

  it('declares a dependency only once', () => {
    spec.given([registered, declared]).when(declare).thenNothingHappened();
  });

  it('refuses a dependency on itself', () => {
    spec
      .given([registered])
      .when({ ...declare, dependsOnAssetId: 'orders-db' })
      .thenRefuses('invalid', 'an asset cannot depend on itself');
  });

  it('refuses a dependency on an unknown asset', () => {
    spec
      .given([registered])
      .when({ ...declare, dependsOn: null })
      .thenRefuses('not-found', 'asset san-1 not found');
  });

  it('refuses a dependency on a retired asset', () => {
    spec
      .given([registered])
      .when({ ...declare, dependsOn: { assetId: 'san-1', status: 'retired' } })
      .thenRefuses('invalid', 'asset san-1 is retired');
  });
});

describe('asset decider: retirement', () => {
  it('refuses changes to a retired asset', () => {
    spec
      .given([registered, retired])
      .when({ type: 'UpdateAssetDetails', changes: { owner: 'new-team' } })
      .thenRefuses('invalid', 'asset orders-db is retired');
  });

  it('refuses retiring an asset never registered', () => {
    spec.given([]).when({ type: 'RetireAsset', reason: 'x' }).thenRefuses('not-found');
  });
});
