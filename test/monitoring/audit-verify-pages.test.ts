import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { RecordLog } from '../../apps/monitoring/src/application/record-log.js';
import { recordLogStatement } from '../../apps/monitoring/src/infrastructure/record-log.projection.js';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { uniqueName } from '../support/environment.js';
import { draftPlanStream } from '../support/published-history.js';
import { startService, type RunningService } from '../support/service-app.js';

const PAGE = 3;

/** GET /audit/verify reads monitoring's log in pages (ADR 29), never the whole log at once. */
describe('the audit verification over a log larger than one page', () => {
  let monitoring: RunningService;
  const first = draftPlanStream('pages-1');
  const second = draftPlanStream('pages-2');

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env), {
      KAFKA_TOPIC_PREFIX: `${uniqueName('pages')}.`,
      AUDIT_VERIFY_PAGE_SIZE: String(PAGE),
    });
    const data = monitoring.app.get(DataSource);
    // The first upgrade's stream fills the first page and more; the second's follows.
    for (const event of [...first, ...second]) {
      const { sql, parameters } = recordLogStatement(event);
      await data.query(sql, parameters as unknown[]);
    }
  });
  afterAll(() => monitoring?.close());

  it('names a tampered link past the first page, reading at most a page per query', async () => {
    expect(first.length).toBeGreaterThan(PAGE);
    const target: EventEnvelope = second[1]!;
    await monitoring.app
      .get(DataSource)
      .query(`UPDATE record_events SET envelope = jsonb_set(envelope, '{actor,id}', '"mallory"') WHERE event_id = $1`, [
        target.eventId,
      ]);
    const pages = jest.spyOn(monitoring.app.get(RecordLog), 'page');

    const whole = (await monitoring.as('auditor').get('/audit/verify').expect(200)).body;
    expect(whole).toMatchObject({
      ok: false,
      streams: 2,
      events: first.length + second.length,
      broken: [{ streamId: target.streamId, streamVersion: 2, eventId: target.eventId, problem: 'hash-mismatch' }],
    });
    expect(pages.mock.calls.length).toBeGreaterThan((first.length + second.length) / PAGE);
    expect(pages.mock.calls.every(([, , limit]) => limit === PAGE)).toBe(true);

    // Filtered: only the upgrade's streams are read and counted, each whole.
    expect((await monitoring.as('auditor').get('/audit/verify?upgradeId=pages-1').expect(200)).body).toMatchObject({
      ok: true,
      streams: 1,
      events: first.length,
      broken: [],
    });
    expect((await monitoring.as('auditor').get('/audit/verify?upgradeId=pages-2').expect(200)).body).toMatchObject({
      ok: false,
      streams: 1,
      events: second.length,
      broken: [{ streamId: target.streamId, streamVersion: 2, problem: 'hash-mismatch' }],
    });
    pages.mockRestore();
  });
});
