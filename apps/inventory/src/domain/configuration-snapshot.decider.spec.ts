import { diffConfigurations, findSecret, snapshotDecider } from './configuration-snapshot.decider.js';

describe('configuration snapshots', () => {
  it('refuses literal secrets, naming the path', () => {
    expect(findSecret({ database: { user: 'app', password: 'hunter2' } })).toEqual({
      path: 'configuration.database.password',
      why: '"password" holds a literal value; store a secret reference',
    });
    expect(findSecret({ tls: { key: '-----BEGIN RSA PRIVATE KEY-----\nMIIE' } })).toMatchObject({
      path: 'configuration.tls.key',
    });
    expect(findSecret({ jobs: [{ url: 'https://svc:s3cret@reports.local/run' }] })).toMatchObject({
      path: 'configuration.jobs[0].url',
    });
  });

  it('accepts secret references', () => {
    expect(
      findSecret({ database: { password: 'vault:kv/orders#password', apiKey: { secretRef: 'aws-sm:orders/api' } } }),
    ).toBeNull();
  });

  it('hashes content independent of key order', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const a = snapshotDecider.decide(
      { snapshotId: 's1', assetId: 'a', label: null, configuration: { x: 1, y: { z: 2 } }, now },
      { captured: false },
    );
    const b = snapshotDecider.decide(
      { snapshotId: 's2', assetId: 'a', label: null, configuration: { y: { z: 2 }, x: 1 }, now },
      { captured: false },
    );
    if (!a.ok || !b.ok) throw new Error('expected snapshots');
    expect(a.events[0]!.payload.contentHash).toBe(b.events[0]!.payload.contentHash);
  });

  it('diffs added, removed and changed leaves exactly', () => {
    const before = { max_connections: 100, routes: ['a', 'b'], ssl: { enabled: false }, legacy: true };
    const after = { max_connections: 200, routes: ['a', 'b', 'c'], ssl: { enabled: false, minVersion: 'TLSv1.2' } };
    expect(diffConfigurations(before, after)).toEqual({
      added: [
        { path: 'routes[2]', value: 'c' },
        { path: 'ssl.minVersion', value: 'TLSv1.2' },
      ],
      removed: [{ path: 'legacy', value: true }],
      changed: [{ path: 'max_connections', before: 100, after: 200 }],
    });
  });
});
