import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { startService, type RunningService } from '../support/service-app.js';

/** Monitoring refuses bad input with 400 naming the field and rule, where it used to answer 500. */
describe('monitoring refuses bad input', () => {
  let monitoring: RunningService;
  const post = (url: string) => monitoring.as('operator').post(url);

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env));
  });
  afterAll(() => monitoring.close());

  it('refuses NUL in a follow-up description', async () => {
    const response = await withoutEvents(monitoring, () =>
      post('/records/up-1/follow-ups').send({ description: 'retrain\u0000finance', owner: 'bi-team' }),
    );
    expectProblem(response, 400, 'description', 'no-control-characters');
  });

  it('refuses an impossible follow-up due date', async () => {
    const response = await withoutEvents(monitoring, () =>
      post('/records/up-1/follow-ups').send({ description: 'retrain finance', owner: 'bi-team', dueOn: '2027-02-30' }),
    );
    expectProblem(response, 400, 'dueOn', 'isDate');
  });

  it('refuses a baseline period given as dates without a time', async () => {
    const response = await withoutEvents(monitoring, () =>
      monitoring
        .as('observer')
        .post('/monitoring/up-1/baselines')
        .send({ assetId: 'orders-db', from: '2027-01-09', to: '2027-01-16T00:00:00Z' }),
    );
    expectProblem(response, 400, 'from', 'isDateTime');
  });

  it('refuses an incident summary of white space only', async () => {
    const response = await withoutEvents(monitoring, () =>
      post('/monitoring/up-1/incidents').send({ summary: ' ', severity: 'minor' }),
    );
    expectProblem(response, 400, 'summary', 'isNotBlank');
  });

  it('rejects a metric sample with an impossible date on its own and keeps the rest of the batch', async () => {
    const { body } = await monitoring
      .as('observer')
      .post('/metrics')
      .send({
        samples: [
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-02-30T10:00:00Z', value: 1 },
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-02-28T10:00:00Z', value: 2 },
        ],
      })
      .expect(200);
    expect(body).toEqual({ accepted: 1, rejected: [{ index: 0, reason: 'timestamp: an ISO 8601 date-time' }] });
  });

  it('rejects a metric sample in year 0, which PostgreSQL cannot store, and keeps the rest', async () => {
    const { body } = await monitoring
      .as('observer')
      .post('/metrics')
      .send({
        samples: [
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-02-28T11:00:00Z', value: 2 },
          { assetId: 'orders-db', metric: 'cpu', timestamp: '0000-01-01T00:00:00Z', value: 1 },
        ],
      })
      .expect(200);
    expect(body).toEqual({ accepted: 1, rejected: [{ index: 1, reason: 'timestamp: an ISO 8601 date-time' }] });
  });

  it('refuses NUL in a metric sample with 400 naming the sample', async () => {
    const response = await monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: [{ assetId: 'orders\u0000db', metric: 'cpu', timestamp: '2027-02-28T10:00:00Z', value: 2 }] });
    expectProblem(response, 400, 'samples[0].assetId', 'no-control-characters');
  });

  it('refuses a repeated type filter on the live stream', async () => {
    const response = await monitoring.as('auditor').get('/streams/events?type=IncidentReported&type=FollowUpAdded');
    expectProblem(response, 400, 'type', 'single-value');
  });
});
