import { ExecutionModule } from '../../apps/execution/src/execution.module.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { startService, type RunningService } from '../support/service-app.js';

/** Execution refuses bad input with 400 naming the field and rule, before any command runs. */
const nested = (levels: number): unknown => (levels === 0 ? 1 : [nested(levels - 1)]);

describe('execution refuses bad input', () => {
  let execution: RunningService;
  const post = (url: string) => execution.as('operator').post(url);

  beforeAll(async () => {
    execution = await startService('execution', (env) => ExecutionModule.register(env));
  });
  afterAll(() => execution.close());

  it('refuses an impossible backup start', async () => {
    const response = await withoutEvents(execution, () =>
      post('/executions/up-1/backups/b-1/taken').send({
        what: 'orders database',
        method: 'pg_basebackup',
        location: 's3://backups/orders',
        sizeBytes: 1024,
        checksum: 'sha256:abc',
        startedAt: '2027-02-30T20:10:00Z',
        finishedAt: '2027-03-01T20:40:00Z',
      }),
    );
    expectProblem(response, 400, 'startedAt', 'isDateTime');
  });

  it('refuses a configuration change nested deeper than the limit', async () => {
    const response = await withoutEvents(execution, () =>
      post('/executions/up-1/steps/s-1/complete').send({
        outputSummary: 'done',
        durationSeconds: 10,
        configurationChanges: [{ assetId: 'orders-db', path: 'parameters.x', before: 1, after: nested(40) }],
      }),
    );
    expectProblem(response, 400, `configurationChanges[0].after${'[0]'.repeat(29)}`, 'max-depth');
  });

  it('refuses a configuration change without an asset', async () => {
    const response = await withoutEvents(execution, () =>
      post('/executions/up-1/steps/s-1/complete').send({
        outputSummary: 'done',
        durationSeconds: 10,
        configurationChanges: [{ assetId: '', path: 'parameters.x', after: 2 }],
      }),
    );
    expectProblem(response, 400, 'configurationChanges[0].assetId', 'isLength');
  });

  it('refuses a step error of white space only', async () => {
    const response = await withoutEvents(execution, () =>
      post('/executions/up-1/steps/s-1/fail').send({ error: '\n', durationSeconds: 3 }),
    );
    expectProblem(response, 400, 'error', 'isNotBlank');
  });

  it('refuses a rollback reason of white space only', async () => {
    const response = await withoutEvents(execution, () => post('/executions/up-1/rollback').send({ reason: '  ' }));
    expectProblem(response, 400, 'reason', 'isNotBlank');
  });
});
