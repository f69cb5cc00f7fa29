import { sealEnvelope, toKafkaRecord } from '@upgrade-control/contracts';
import { EventTooLargeError, recordBytes, refuseOversized } from './event-too-large.js';

const snapshot = (configuration: Record<string, unknown>) =>
  sealEnvelope({
    eventId: '0190f0a0-0000-7000-8000-000000000001',
    type: 'ConfigurationSnapshotCaptured',
    schemaVersion: 1,
    streamId: 'asset-orders-db',
    streamVersion: 2,
    occurredAt: '2027-01-16T20:00:00.000Z',
    producer: 'inventory',
    correlationId: 'orders-db',
    causationId: null,
    actor: { id: 'alice', role: 'planner' },
    payload: { snapshotId: 's-1', assetId: 'orders-db', label: 'before', configuration },
    prevHash: null,
  });

describe('event size limit', () => {
  it('measures the record the relay sends: key, value and every header, in UTF-8 bytes', () => {
    const envelope = snapshot({ city: 'Köln' });
    const record = toKafkaRecord(envelope, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const headers = Object.entries(record.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(recordBytes(envelope, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toBe(
      record.key.length + Buffer.byteLength(record.value) + headers,
    );
    expect(Buffer.byteLength(record.value)).toBe(record.value.length + 1);
  });

  it('refuses an event over the limit, naming the payload property that weighs most', () => {
    const envelope = snapshot({ blob: 'x'.repeat(2000) });
    const size = recordBytes(envelope, null);
    expect(() => refuseOversized([envelope], null, size - 1)).toThrow(
      expect.objectContaining({ field: 'configuration', sizeBytes: size, limitBytes: size - 1 }),
    );
    expect(() => refuseOversized([envelope], null, size - 1)).toThrow(EventTooLargeError);
  });

  it('accepts an event exactly at the limit', () => {
    const envelope = snapshot({ blob: 'x'.repeat(2000) });
    expect(() => refuseOversized([envelope], null, recordBytes(envelope, null))).not.toThrow();
  });
});
