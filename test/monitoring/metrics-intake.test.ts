import { PushedMetricProvider } from '../../apps/monitoring/src/infrastructure/pushed-metric-provider.js';
import { useMonitoringService } from './monitoring-service.js';

/** Metric samples in: the good ones kept, each bad one reported, large batches accepted. */
describe('monitoring metrics intake', () => {
  const service = useMonitoringService();
  const { samples } = service;

  it('keeps the good samples of a mixed batch and reports each bad one', async () => {
    const { body } = await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({
        samples: [
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-01-10T10:00:00Z', value: 41.5 },
          { assetId: 'orders-db', metric: 'CPU!', timestamp: '2027-01-10T10:00:00Z', value: 1 },
          { assetId: 'orders-db', metric: 'cpu', timestamp: 'yesterday', value: 1 },
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-01-10T10:01:00Z', value: 'high' },
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-01-10T10:02:00Z', value: 43 },
        ],
      })
      .expect(200);
    expect(body).toEqual({
      accepted: 2,
      rejected: [
        { index: 1, reason: 'metric: lowercase letters, digits, "_" or "."' },
        { index: 2, reason: 'timestamp: an ISO 8601 date-time' },
        { index: 3, reason: 'value: a finite number' },
      ],
    });
    const big = samples('bulk-asset', 'queue_length', new Date('2027-01-01T00:00:00Z'), 10_000, (i) => i % 50);
    expect((await service.monitoring.as('observer').post('/metrics').send({ samples: big }).expect(200)).body).toEqual({
      accepted: 10_000,
      rejected: [],
    });
  });

  it('serves the pushed samples to analysis as the `pushed` metric provider', async () => {
    const from = new Date('2027-02-01T00:00:00Z');
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: samples('pushed-db', 'latency', from, 5, (i) => 10 + i) })
      .expect(200);
    const pushed = service.monitoring.app.get(PushedMetricProvider);
    const target = { assetId: 'pushed-db' };
    const to = new Date(from.getTime() + 3 * 60_000);
    expect(await pushed.range({ query: 'latency', target, from, to, stepSeconds: 60 })).toEqual({
      kind: 'series',
      series: [
        {
          labels: { assetId: 'pushed-db', metric: 'latency' },
          points: [0, 1, 2, 3].map((i) => ({ at: new Date(from.getTime() + i * 60_000).toISOString(), value: 10 + i })),
        },
      ],
    });
    const latest = await pushed.instant({ query: 'latency', target, at: new Date(from.getTime() + 7 * 60_000) });
    expect(latest).toMatchObject({ kind: 'series', series: [{ points: [{ value: 14 }] }] });
    expect(await pushed.range({ query: 'latency', target: { assetId: 'other' }, from, to, stepSeconds: 60 })).toEqual({
      kind: 'no-data',
      query: 'latency',
    });
    // Beyond the lookback, the latest sample is too old to stand for the instant.
    const stale = await pushed.instant({ query: 'latency', target, at: new Date(from.getTime() + 60 * 60_000) });
    expect(stale.kind).toBe('no-data');
  });
});
