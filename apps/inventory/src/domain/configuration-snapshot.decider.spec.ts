import { deciderSpec } from '@upgrade-control/platform/testing';
import { findSecret, snapshotDecider, type CaptureSnapshot } from './configuration-snapshot.decider.js';

const unlinked = { link: null, capturedBy: { id: 'pat', role: 'planner' } } as const;
const now = new Date('2026-11-25T10:00:00Z');
const beforeApply = (capturedBy: CaptureSnapshot['capturedBy']): CaptureSnapshot => ({
  snapshotId: 's1',
  assetId: 'orders-db',
  label: 'before apply',
  configuration: { max_connections: 100 },
  link: { upgradeId: 'pg16', phase: 'before-apply' },
  capturedBy,
  now,
});

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
    const a = snapshotDecider.decide(
      { snapshotId: 's1', assetId: 'a', label: null, configuration: { x: 1, y: { z: 2 } }, ...unlinked, now },
      { captured: false },
    );
    const b = snapshotDecider.decide(
      { snapshotId: 's2', assetId: 'a', label: null, configuration: { y: { z: 2 }, x: 1 }, ...unlinked, now },
      { captured: false },
    );
    if (!a.ok || !b.ok) throw new Error('expected snapshots');
    expect(a.events[0]!.payload.contentHash).toBe(b.events[0]!.payload.contentHash);
  });

  it('records the upgrade and phase a snapshot is taken for, at the server time', () => {
    deciderSpec(snapshotDecider)
      .given([])
      .when(beforeApply({ id: 'pg-agent', role: 'agent' }))
      .then([
        {
          type: 'ConfigurationSnapshotCaptured',
          payload: {
            snapshotId: 's1',
            assetId: 'orders-db',
            capturedAt: '2026-11-25T10:00:00.000Z',
            label: 'before apply',
            contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string,
            configuration: { max_connections: 100 },
            upgradeId: 'pg16',
            phase: 'before-apply',
          },
        },
      ]);
  });

  it('refuses a snapshot for an upgrade from a planner: the operator or an agent records it', () => {
    deciderSpec(snapshotDecider)
      .given([])
      .when(beforeApply({ id: 'pat', role: 'planner' }))
      .thenRefuses('invalid', 'a snapshot for upgrade pg16 is captured by an operator or an agent, not a planner');
  });
});
