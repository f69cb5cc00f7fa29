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
});
