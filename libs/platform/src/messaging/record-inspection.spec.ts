import { sealEnvelope, toKafkaRecord, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { inspectRecord } from './record-inspection.js';

/** A RegressionDetected, sealed with a valid hash, as whoever `producer` is would publish it. */
const regression = (producer: ServiceName): EventEnvelope =>
  sealEnvelope({
    eventId: '0190f0a0-0000-7000-9000-000000000001',
    type: 'RegressionDetected',
    schemaVersion: 1,
    streamId: 'monitoring-up-1',
    streamVersion: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    producer,
    correlationId: 'up-1',
    causationId: null,
    actor: { id: `${producer}-service`, role: 'system' },
    payload: {
      upgradeId: 'up-1',
      assetId: 'orders-db',
      metric: 'error_rate',
      triggerId: null,
      baseline: 0.01,
      observed: 0.2,
      threshold: 0.02,
      windowFrom: '2026-11-25T09:55:00.000Z',
      windowTo: '2026-11-25T10:00:00.000Z',
    },
    prevHash: null,
  });

const onTopic = (topic: string, envelope: EventEnvelope) => ({
  ...toKafkaRecord(envelope),
  topic,
  partition: 0,
  offset: '0',
  lag: 0,
});
const handlesAll = () => true;

describe('reading a record', () => {
  it('takes the envelope from the value alone, leaving the headers encoded', () => {
    const record = onTopic('monitoring.events', regression('monitoring'));
    const untouched = Object.defineProperty({ ...record }, 'headers', {
      get: () => {
        throw new Error('headers decoded');
      },
    });
    expect(inspectRecord(untouched, handlesAll, 'monitoring').kind).toBe('event');
  });
});

describe('trust on consume: the producer must own the event', () => {
  it('accepts monitoring’s RegressionDetected on monitoring’s topic', () => {
    const inspected = inspectRecord(onTopic('monitoring.events', regression('monitoring')), handlesAll, 'monitoring');
    expect(inspected.kind).toBe('event');
  });

  it('parks an event whose producer is not the owner of the topic it came on', () => {
    expect(inspectRecord(onTopic('planning.events', regression('monitoring')), handlesAll, 'planning')).toEqual({
      kind: 'poison',
      reason: 'foreign-producer',
      error: "event 0190f0a0-0000-7000-9000-000000000001 claims producer monitoring but came on planning's topic",
    });
  });

  it('parks a RegressionDetected claiming another producer, even on that producer’s own topic', () => {
    expect(inspectRecord(onTopic('planning.events', regression('planning')), handlesAll, 'planning')).toEqual({
      kind: 'poison',
      reason: 'foreign-producer',
      error:
        'RegressionDetected is published by monitoring only, but event 0190f0a0-0000-7000-9000-000000000001 claims producer planning',
    });
  });

  it('checks the type’s producer on a redrive topic, whose owner the topic does not say', () => {
    const inspected = inspectRecord(onTopic('execution.redrive', regression('inventory')), handlesAll, null);
    expect(inspected).toMatchObject({ kind: 'poison', reason: 'foreign-producer' });
  });
});
