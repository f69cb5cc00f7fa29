import { checkPayload } from './validation.js';
import { upcast } from './upcasting.js';
import { storedV1Event } from '../../../test/support/stored-event.js';

describe('ConfigurationSnapshotCaptured v1 → v2 upcaster', () => {
  const v1 = {
    snapshotId: 's1',
    assetId: 'orders-db',
    capturedAt: '2026-11-25T09:00:00Z',
    label: null,
    contentHash: 'a'.repeat(64),
    configuration: { max_connections: 100 },
  };

  it('reads a snapshot from before the link as one of the asset alone: no upgrade, no phase', () => {
    const current = upcast(
      storedV1Event({
        type: 'ConfigurationSnapshotCaptured',
        streamId: 'configuration-snapshot-s1',
        streamVersion: 1,
        producer: 'inventory',
        correlationId: 'orders-db',
        actor: { id: 'oscar', role: 'operator' },
        payload: v1,
      }),
    );
    expect(current.schemaVersion).toBe(2);
    expect(current.payload).toEqual({ ...v1, upgradeId: null, phase: null });
    expect(checkPayload('ConfigurationSnapshotCaptured', 2, current.payload)).toMatchObject({ ok: true });
  });
});
