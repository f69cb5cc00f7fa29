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

describe('CloudEvents binary mode on Kafka', () => {
  it('carries the attributes as ce_* headers and keys by upgrade', () => {
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

  it('round-trips the envelope', () => {
    const record = toKafkaRecord(envelope);
    expect(fromKafkaRecord(record.value, record.headers)).toEqual({ ok: true, envelope, traceparent: null });
  });

  it('refuses what is not an envelope, saying why', () => {
    expect(fromKafkaRecord('{"hello":1}', {})).toMatchObject({ ok: false, error: expect.stringContaining('eventId') });
    expect(fromKafkaRecord('not json', {})).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
  });
});
