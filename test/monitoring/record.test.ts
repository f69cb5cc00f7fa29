import type { EventEnvelope } from '@upgrade-control/contracts';
import { replayLog } from '../../apps/monitoring/src/cli/audit.js';
import { compileRecord, recordHash } from '../../apps/monitoring/src/domain/upgrade-record.js';
import { eventually, kafkaBrokers } from '../support/environment.js';
import { digest } from '../support/fixtures/execution.js';
import { publishedStream } from '../support/published-history.js';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { finishedUpgrade } from './finished-upgrade.js';
import { useMonitoringService } from './monitoring-service.js';

/** The upgrade record: compiled complete, identical from the auditor's replay, and tamper-evident. */
describe('monitoring upgrade record', () => {
  const service = useMonitoringService();
  const { prefix, publish, types } = service;

  it('compiles a complete record, identical from the CLI replay, and verify names a tampered event', async () => {
    const { planningEvents, execution } = finishedUpgrade('rec-1');
    // The plan's own chain, closed after stability, as planning would publish it.
    const fullPlanning = publishedStream(
      'planning',
      'upgrade-rec-1',
      'rec-1',
      [
        ...planningEvents,
        {
          type: 'UpgradeClosed',
          payload: { upgradeId: 'rec-1', outcome: 'succeeded', postImplementationReviewRequired: false },
        },
      ],
      new Date('2026-12-01T00:00:00Z'),
    );
    await publish('execution', execution);
    await service.monitoring
      .as('planner')
      .post('/records/rec-1/follow-ups')
      .send({ followUpId: 'retrain', description: 'explain the new report menu', owner: 'bi-team' })
      .expect(200);
    await publish('planning', fullPlanning);
    await eventually(
      async () => (await types('rec-1')).includes('UpgradeRecordCompiled'),
      30_000,
      'the compiled record',
    );

    const { body } = await service.monitoring.as('auditor').get('/records/rec-1').expect(200);
    const record = body.record;
    expect(record).toMatchObject({
      upgradeId: 'rec-1',
      outcome: 'succeeded',
      versions: [{ assetId: 'orders-db', from: '15.6', to: '16.2', installed: '16.2', restored: null }],
      approvals: [{ approver: 'bob' }],
      backups: [
        expect.objectContaining({ backupId: 'b1', method: 'pg_dump', checksum: `sha256:${digest}`, verified: true }),
      ],
      acceptance: { result: 'passed' },
      rollback: { status: 'not-needed' },
      notices: [
        expect.objectContaining({ phase: 'before', userGroups: ['sales'], channel: 'webhook' }),
        expect.objectContaining({ phase: 'before', userGroups: ['finance'], channel: 'webhook' }),
      ],
      followUps: [expect.objectContaining({ followUpId: 'retrain', status: 'open' })],
      tests: [expect.objectContaining({ outcome: 'passed' })],
    });
    for (const field of ['times', 'responsibleStaff', 'changedConfiguration', 'issues', 'compatibility'])
      expect(record).toHaveProperty(field);
    expect(record.responsibleStaff.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['alice', 'oscar', 'monitoring-service']),
    );
    const markdown = await service.monitoring
      .as('auditor')
      .get('/records/rec-1')
      .set('accept', 'text/markdown')
      .expect(200)
      .expect('content-type', /text\/markdown/);
    expect(markdown.text).toContain('# Upgrade record: PostgreSQL 16 for orders');
    expect(markdown.text).toContain('| orders-db | 15.6 | 16.2 | 16.2 | — |');

    // The auditor's replay from Kafka offset 0 compiles the same record.
    const replay = await replayLog(kafkaBrokers(), prefix);
    const fromKafka = compileRecord('rec-1', replay.events);
    expect(fromKafka).toEqual(record);
    expect(recordHash(fromKafka)).toBe(body.recordHash);

    expect((await service.monitoring.as('auditor').get('/audit/verify').expect(200)).body).toMatchObject({
      ok: true,
      broken: [],
    });
    const history = (await service.monitoring.as('auditor').get('/audit/upgrades/rec-1/events?limit=200').expect(200))
      .body.items as EventEnvelope[];
    expect(history[0]!.type).toBe('UpgradeProposed');
    await service.data.query(
      `UPDATE record_events SET envelope = jsonb_set(envelope, '{payload,approver}', '"mallory"') WHERE upgrade_id = 'rec-1' AND type = 'UpgradeApproved'`,
    );
    const tampered = (await service.monitoring.as('auditor').get('/audit/verify').expect(200)).body;
    const approval = history.find((e) => e.type === 'UpgradeApproved')!;
    expect(tampered).toMatchObject({
      ok: false,
      broken: [
        {
          streamId: 'upgrade-rec-1',
          streamVersion: approval.streamVersion,
          eventId: approval.eventId,
          problem: 'hash-mismatch',
        },
      ],
    });
  });

  it('shows the evidence: configuration before and after apply with the diff, skipped steps, measured backup verification, notice server times', async () => {
    const { planning, planningEvents, execution, snapshots } = finishedUpgrade('rec-2');
    await publish('inventory', snapshots);
    await publish('planning', planning);
    await publish('execution', execution);
    const record = await eventually(
      async () => {
        const { body } = await service.monitoring.as('auditor').get('/records/rec-2');
        // Each topic is consumed on its own: wait for what every one of them contributes.
        return body.record?.configurationSnapshots?.[0]?.diff &&
          body.record.times.executionStartedAt &&
          body.record.notices?.length
          ? body.record
          : null;
      },
      30_000,
      'the record with both snapshots',
    );
    const hashes = snapshots.map((e) => (e.payload as { contentHash: string }).contentHash);
    expect(record.configurationSnapshots).toEqual([
      {
        assetId: 'orders-db',
        before: {
          snapshotId: 'rec-2-before-apply',
          contentHash: hashes[0],
          capturedAt: '2027-01-16T21:40:00.000Z',
          capturedBy: 'pg-agent',
        },
        after: {
          snapshotId: 'rec-2-after-apply',
          contentHash: hashes[1],
          capturedAt: '2027-01-16T22:05:00.000Z',
          capturedBy: 'pg-agent',
        },
        diff: {
          added: [],
          removed: [],
          changed: [
            { path: 'server_version', before: '15.6', after: '16.2' },
            { path: 'max_connections', before: 100, after: 200 },
          ],
        },
      },
    ]);
    const reason = 'the vendor ran it in the maintenance tool';
    expect(record.skippedSteps).toEqual(
      (planningEvents.at(-1)!.payload as ReadyPlan).steps.map(({ stepId }: { stepId: string }) =>
        expect.objectContaining({ stepId, skippedBy: 'bob', reason }),
      ),
    );
    expect(record.backups[0].verification).toEqual({
      evidence: 'measured',
      verifiedBy: 'backup-agent',
      verifiedAt: '2027-01-16T21:20:00.000Z',
      checksum: { algorithm: 'sha256', digest },
      sizeBytes: 1024,
      restore: {
        target: 'staging',
        startedAt: '2027-01-16T21:10:00.000Z',
        finishedAt: '2027-01-16T21:15:00.000Z',
        durationMs: 300_000,
        objectsChecked: 42,
      },
    });
    expect(record.notices[0]).toMatchObject({ phase: 'before', reportedSentAt: null });
    const markdown = await service.monitoring
      .as('auditor')
      .get('/records/rec-2')
      .set('accept', 'text/markdown')
      .expect(200);
    expect(markdown.text).toContain('| orders-db | changed | max_connections | 100 | 200 |');
    expect(markdown.text).toContain('## Skipped runbook steps');
    expect(markdown.text).toContain(
      `| ${record.backups[0].backupId} | oscar | 2027-01-16T21:05:00.000Z | measured | sha256:${digest} |`,
    );
  });
});
