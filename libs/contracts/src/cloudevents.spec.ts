import { fromKafkaRecord, toKafkaRecord } from './cloudevents.js';
import { sealEnvelope } from './hash-chain.js';

const envelope = sealEnvelope({
  eventId: '0190f0a0-0000-7000-8000-000000000001',
  type: 'UpgradeCancelled',
  schemaVersion: 1,
  streamId: 'upgrade-42',
  streamVersion: 3,
  occurredAt: '2026-11-25T10:00:00.000Z',
  producer: 'planning',
  correlationId: 'upgrade-42',
  causationId: '0190f0a0-0000-7000-8000-000000000000',
  actor: { id: 'alice', role: 'planner' },
  payload: { upgradeId: 'upgrade-42', reason: 'vendor withdrew the release' },
  prevHash: null,
});

const { hash: _hash, ...unsealed } = envelope;

describe('CloudEvents binary mode on Kafka', () => {
  it('carries the attributes as ce_* headers and keys by stream', () => {
    const record = toKafkaRecord(envelope, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(record.key).toBe('upgrade-42');
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: envelope.eventId,
      ce_type: 'dev.upgradecontrol.UpgradeCancelled.v1',
      ce_source: '/upgrade-control/planning',
      ce_time: '2026-11-25T10:00:00.000Z',
      ce_subject: 'upgrade-42',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
  });

  it('keys every event of a stream alike, whatever upgrade or command it correlates with', () => {
    // An asset's events come from HTTP commands (correlated by asset) and from reactions (by
    // upgrade); all must travel in one partition, in stream order.
    const asset = (version: number, correlationId: string) =>
      toKafkaRecord(
        sealEnvelope({ ...unsealed, streamId: 'asset-pg-1', streamVersion: version, correlationId, prevHash: null }),
      );
    expect(new Set([asset(1, 'pg-1'), asset(2, 'upgrade-7'), asset(3, 'upgrade-8')].map((r) => r.key))).toEqual(
      new Set(['asset-pg-1']),
    );
  });

  it('round-trips the envelope', () => {
    const record = toKafkaRecord(envelope);
    expect(fromKafkaRecord(record.value, record.headers)).toEqual({ ok: true, envelope, traceparent: null });
  });

  it('refuses what is not an envelope, saying why', () => {
    expect(fromKafkaRecord('{"hello":1}', {})).toMatchObject({ ok: false, error: expect.stringContaining('eventId') });
    expect(fromKafkaRecord('not json', {})).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
  });
});
