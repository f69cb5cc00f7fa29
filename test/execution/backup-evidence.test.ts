import { devToken } from '@upgrade-control/platform/testing/http';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { takenBody, useExecutionService, verification } from './execution-service.js';

/** A backup counts once another principal or an agent attests what it measured; times are the server's. */
describe('execution: backup evidence', () => {
  const service = useExecutionService();
  const { advance, as, planReady, setNow } = service;
  const backup = (upgradeId: string, path: string) => `/executions/${upgradeId}/backups/nightly/${path}`;

  async function takenNow(upgradeId: string) {
    setNow('2027-01-16T20:10:00Z');
    await planReady(upgradeId);
    await as('operator').post(`/executions/${upgradeId}/start`).expect(201);
    await as('operator').post(backup(upgradeId, 'taken')).send(takenBody).expect(200);
    const takenAt = Date.parse('2027-01-16T20:10:00Z');
    advance(5);
    return takenAt;
  }

  it('records the server time and the taker, and the agent measurement with its restore duration', async () => {
    const takenAt = await takenNow('evidence');
    await as('agent').post(backup('evidence', 'verification')).send(verification(takenAt)).expect(200);
    const events = await service.execution.store.readStream('execution-evidence');
    expect(events.find((e) => e.type === 'BackupTaken')!.payload).toMatchObject({
      evidence: 'recorded',
      takenAt: '2027-01-16T20:10:00.000Z',
      takenBy: { id: 'oscar', role: 'operator' },
    });
    expect(events.find((e) => e.type === 'BackupVerified')!.payload).toMatchObject({
      evidence: 'measured',
      verifiedBy: { id: 'backup-agent', role: 'agent' },
      verifiedAt: '2027-01-16T20:15:00.000Z',
      restore: { durationMs: 240_000, objectsChecked: 12 },
    });
  });

  it('refuses the taker verifying their own backup, naming the rule', async () => {
    const takenAt = await takenNow('self');
    const response = await withoutEvents(service.execution, () =>
      as('operator').post(backup('self', 'verification')).send(verification(takenAt)),
    );
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toBe(
      'a backup is verified by a different principal than the one who took it, or by an agent: oscar took backup nightly',
    );
  });

  it('accepts an agent verification under a bearer token with the agent role', async () => {
    const takenAt = await takenNow('jwt');
    await service.execution.anonymous
      .post(backup('jwt', 'verification'))
      .set('authorization', `Bearer ${await devToken('restore-bot', 'agent')}`)
      .send(verification(takenAt))
      .expect(200);
    const [verified] = (await service.execution.store.readStream('execution-jwt')).filter(
      (e) => e.type === 'BackupVerified',
    );
    expect(verified!.actor).toEqual({ id: 'restore-bot', role: 'agent' });
  });

  it('refuses a size of zero, naming the field', async () => {
    const takenAt = await takenNow('empty');
    const response = await withoutEvents(service.execution, () =>
      as('agent')
        .post(backup('empty', 'verification'))
        .send({ ...verification(takenAt), sizeBytes: 0 }),
    );
    expectProblem(response, 400, 'sizeBytes', 'min');
  });

  it('refuses a successful restore that checked no object', async () => {
    const takenAt = await takenNow('nothing-checked');
    const body = verification(takenAt);
    const response = await withoutEvents(service.execution, () =>
      as('agent')
        .post(backup('nothing-checked', 'verification'))
        .send({ ...body, restore: { ...body.restore, objectsChecked: 0 } }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'restore.objectsChecked', rule: 'above-zero' });
  });

  it('refuses a restore that ends before it starts', async () => {
    const takenAt = await takenNow('backwards');
    const body = verification(takenAt);
    const restore = { ...body.restore, finishedAt: body.restore.startedAt };
    const response = await withoutEvents(service.execution, () =>
      as('agent')
        .post(backup('backwards', 'verification'))
        .send({ ...body, restore }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'restore.finishedAt', rule: 'after-start' });
    expect(response.body.detail).toMatch(/^the restore ends after it starts/);
  });

  it('refuses a restore that started before the backup was taken', async () => {
    const takenAt = await takenNow('early-restore');
    const body = verification(takenAt - 120_000);
    const response = await withoutEvents(service.execution, () =>
      as('agent').post(backup('early-restore', 'verification')).send(body),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'restore.startedAt', rule: 'after-taken' });
    expect(response.body.detail).toMatch(/^a backup is verified after it was taken/);
  });

  it('refuses a digest that does not have its algorithm length', async () => {
    const takenAt = await takenNow('short');
    const body = { ...verification(takenAt), checksum: { algorithm: 'sha512', digest: 'abc' } };
    const response = await withoutEvents(service.execution, () =>
      as('agent').post(backup('short', 'verification')).send(body),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'checksum.digest', rule: 'digest-length' });
  });

  it('refuses a backup taken after the window closed, with the freshness gate', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('late');
    await as('operator').post('/executions/late/start').expect(201);
    setNow('2027-01-17T02:30:00Z');
    const response = await withoutEvents(service.execution, () =>
      as('operator').post(backup('late', 'taken')).send(takenBody),
    );
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe(
      'backup nightly must be taken inside the window or within its freshness limit before it',
    );
    expect(response.body.gates[0]).toMatchObject({ gate: 'backup-freshness', status: 'failed' });
  });
});
