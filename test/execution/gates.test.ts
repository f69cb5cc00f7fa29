import { toKafkaRecord } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/** What must hold before execution starts or applies: the window and its size, no freeze (except to roll back), baselines, verified backups. */
describe('execution gates', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, startedAndApplied, types } = service;

  it('refuses to start outside the window or inside a freeze', async () => {
    await planReady('early');
    setNow('2027-01-16T19:00:00Z');
    const early = await as('operator').post('/executions/early/start').expect(422);
    expect(early.body.gates[0]).toMatchObject({ gate: 'maintenance-window', status: 'failed' });
    setNow('2027-01-16T21:00:00Z');
    await sendRaw(service.execution.topic('planning'), [
      toKafkaRecord(
        envelope('ChangeFreezeDeclared', 'planning', 'calendar-incident', {
          freezeId: 'incident',
          kind: 'freeze',
          name: 'incident freeze',
          startsAt: '2027-01-16T20:30:00Z',
          endsAt: '2027-01-16T23:00:00Z',
          scope: { all: true, assetIds: [], sites: [] },
          reason: 'major incident',
        }),
      ),
    ]);
    const data = service.execution.app.get(DataSource);
    await eventually(
      async () => (await data.query(`SELECT 1 FROM freezes WHERE freeze_id = 'incident'`)).length === 1,
      30_000,
      'the freeze',
    );
    const frozen = await as('operator').post('/executions/early/start').expect(422);
    expect(frozen.body.detail).toBe('execution cannot start: no active freeze: "incident freeze" (incident)');
    expect(await types('early')).toEqual([]);
  });

  it('refuses a late start when the rest of the window no longer holds every part and the rollback', async () => {
    await planReady('late-start');
    setNow('2027-01-16T23:00:00Z');
    const late = await as('operator').post('/executions/late-start/start').expect(422);
    expect(late.body.gates).toEqual([
      expect.objectContaining({
        gate: 'window-sizing',
        missing: [
          '75 more minutes: the window has 180 min left from 2027-01-16T23:00:00.000Z, but preparation 15 + final backup 30 + upgrade 45 + verification 30 + repair buffer 30 + rollback decision 15 + rollback 90 = 255 min (rollback: the largest of window estimate 90, rollback kept at readiness 90)',
        ],
        fix: 'reschedule the window in planning (PUT /upgrades/{id}/window)',
      }),
    ]);
    expect(await types('late-start')).toEqual([]);
  });

  it('refuses to start without a baseline of each trigger metric captured before the window', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('unobserved', {}, { baselines: [] });
    const refused = await as('operator').post('/executions/unobserved/start').expect(422);
    expect(refused.body.gates[0]).toMatchObject({
      gate: 'monitoring-baseline',
      missing: ['error_rate', 'response_time_p95', 'cpu'].map(
        (m) => `a baseline of orders-db ${m} captured before the window opening 2027-01-16T20:00:00.000Z`,
      ),
    });
    expect(await types('unobserved')).toEqual([]);
  });

  it('accepts a rollback inside a freeze, as break-glass naming who and why', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('glass');
    await startedAndApplied('glass');
    setNow('2027-01-16T21:00:00Z'); // the incident freeze is in force now
    await as('approver')
      .post('/executions/glass/rollback')
      .send({ reason: 'orders fail', breakGlassWhy: 'customers cannot order' })
      .expect(200);
    const [triggered] = (await service.execution.store.readStream('execution-glass')).filter(
      (e) => e.type === 'RollbackTriggered',
    );
    expect(triggered!.payload).toMatchObject({
      decidedBy: 'bob',
      breakGlass: { why: 'customers cannot order (inside change freeze "incident freeze")' },
    });
  });

  it('never applies before the backup is verified; a failed verification blocks', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('nobackup');
    await as('operator').post('/executions/nobackup/start').expect(201);
    const before = await types('nobackup');
    const refused = await as('operator').post('/executions/nobackup/apply').expect(422);
    expect(refused.body.detail).toBe('the upgrade cannot be applied before every planned backup is verified: nightly');
    expect(await types('nobackup')).toEqual(before);
    await service.backupVerified('nobackup', false);
    const blocked = await as('operator').post('/executions/nobackup/apply').expect(422);
    expect(blocked.body.gates[0].missing).toEqual([
      'backup nightly failed verification (restore test on staging failed); take and verify it again',
    ]);
    expect(await types('nobackup')).not.toContain('UpgradeApplied');
  });
});
