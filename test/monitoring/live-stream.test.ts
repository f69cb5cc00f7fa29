import pg from 'pg';
import { DataSource } from 'typeorm';
import { createUpgradeControlClient, openEventStream } from '@upgrade-control/client';
import { toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { LiveStreams } from '../../apps/monitoring/src/api/live-streams.js';
import { compareCursors } from '../../apps/monitoring/src/application/record-log.js';
import { recordLogStatement } from '../../apps/monitoring/src/infrastructure/record-log.projection.js';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { eventually, uniqueName } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { draftPlanStream } from '../support/published-history.js';
import { KEYS, startService, type RunningService } from '../support/service-app.js';
import { SseClient, type SseMessage } from '../support/sse-client.js';

const observer = { 'x-api-key': KEYS.observer };

const cursorOf = (m: SseMessage) => {
  const [txId, seq] = m.id!.split('.') as [string, string];
  return { txId, seq };
};
const eventIds = (messages: SseMessage[]) => messages.map((m) => (JSON.parse(m.data) as EventEnvelope).eventId);
const expectCursorOrder = (messages: SseMessage[]) => {
  for (let i = 1; i < messages.length; i += 1)
    expect(compareCursors(cursorOf(messages[i - 1]!), cursorOf(messages[i]!))).toBe(-1);
};

describe('the live stream (SSE)', () => {
  let monitoring: RunningService;
  const open: SseClient[] = [];
  const connect = async (path: string, headers: Record<string, string> = observer) => {
    const client = await SseClient.open(monitoring.app, path, headers);
    open.push(client);
    return client;
  };
  /** A connection of its own, as one of monitoring's consumer transactions. */
  const writer = async () => {
    const client = new pg.Client({ connectionString: monitoring.db.url });
    await client.connect();
    return client;
  };
  const data = () => monitoring.app.get(DataSource);
  const insert = (client: pg.Client, event: EventEnvelope) => {
    const { sql, parameters } = recordLogStatement(event);
    return client.query(sql, parameters as unknown[]);
  };

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env), {
      KAFKA_TOPIC_PREFIX: `${uniqueName('live')}.`,
      SSE_HEARTBEAT_MS: '100',
      SSE_POLL_MS: '50',
      SSE_MAX_STREAMS: '4',
    });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(() => monitoring.close());

  it('does not deliver past a row whose transaction is still open, then delivers both in cursor order', async () => {
    const [z, a, b] = draftPlanStream('gap-1');
    const stream = await connect('/streams/events?upgradeId=gap-1');
    expect(stream.status).toBe(200);
    const [tz, ta, tb] = await Promise.all([writer(), writer(), writer()]);
    try {
      await tz.query('BEGIN');
      await insert(tz, z!); // the oldest transaction
      await ta.query('BEGIN');
      await insert(ta, a!); // a lower seq than b's, held open
      await tb.query('BEGIN');
      await insert(tb, b!);
      await tb.query('COMMIT');
      await tz.query('COMMIT'); // after b: any read that finds z can see b
      expect(eventIds(await stream.waitFor(1, 'the oldest row'))).toEqual([z!.eventId]);
      // The stream stays alive and keeps reading (SSE_POLL_MS 50), yet b waits behind a.
      const beats = stream.comments.length;
      await eventually(async () => stream.comments.length >= beats + 3, 10_000, 'three heartbeats');
      expect(eventIds(stream.messages)).toEqual([z!.eventId]);

      await ta.query('COMMIT');
      const all = await stream.waitFor(3, 'both rows');
      expect(eventIds(all)).toEqual([z!.eventId, a!.eventId, b!.eventId]);
      expectCursorOrder(all);
      // The case a bigserial cursor loses: b had the higher seq and committed first.
      const rows: { event_id: string; seq: string }[] = (
        await tz.query(`SELECT event_id, seq::text FROM record_events WHERE upgrade_id = 'gap-1'`)
      ).rows;
      const seq = (id: string) => BigInt(rows.find((r) => r.event_id === id)!.seq);
      expect(seq(z!.eventId) < seq(a!.eventId) && seq(a!.eventId) < seq(b!.eventId)).toBe(true);
    } finally {
      await Promise.all([tz, ta, tb].map((c) => c.end()));
    }
  });

  it('delivers every row of concurrent writers exactly once, in cursor order', async () => {
    const stored = async () =>
      ((await data().query('SELECT event_id FROM record_events')) as { event_id: string }[]).map((r) => r.event_id);
    // Rows of earlier tests are in the table too: the stream starts from the beginning.
    const before = (await stored()).length;
    const stream = await connect('/streams/events');
    // Kafka: several upgrades at once, keyed across the topic's partitions, consumed concurrently…
    const upgrades = Array.from({ length: 6 }, (_, i) => draftPlanStream(`conc-${i}`));
    const viaKafka = Promise.all(
      upgrades.map((events) =>
        sendRaw(
          monitoring.topic('planning'),
          events.map((e) => toKafkaRecord(e)),
        ),
      ),
    );
    // …and eight writers committing two-row transactions whose seqs interleave.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      const client = await writer();
      try {
        for (let t = 0; t < 10; t += 1) {
          const [first, second] = draftPlanStream(`direct-${w}-${t}`);
          await client.query('BEGIN');
          await insert(client, first!);
          await new Promise((r) => setTimeout(r, Math.random() * 15)); // let other writers take seqs meanwhile
          await insert(client, second!);
          await client.query('COMMIT');
        }
      } finally {
        await client.end();
      }
    });
    await Promise.all([viaKafka, ...writers]);
    const direct = 8 * 10 * 2;
    const fromKafka = upgrades.reduce((n, events) => n + events.length, 0);
    await eventually(async () => (await stored()).length === before + direct + fromKafka, 30_000, 'the consumer');
    const all = await stream.waitFor(before + direct + fromKafka, 'every row');
    expect(new Set(eventIds(all)).size).toBe(all.length);
    expect(new Set(eventIds(all))).toEqual(new Set(await stored()));
    expectCursorOrder(all);
    for (const m of all) expect(m.event).toBe((JSON.parse(m.data) as EventEnvelope).type);
  });

  it('resumes after a reconnect with Last-Event-ID: only later rows, none twice', async () => {
    const events = draftPlanStream('resume-1');
    const publish = (batch: EventEnvelope[]) =>
      sendRaw(
        monitoring.topic('planning'),
        batch.map((e) => toKafkaRecord(e)),
      );
    await publish(events.slice(0, 3));
    const first = await connect('/streams/events?upgradeId=resume-1');
    const seen = await first.waitFor(3);
    first.close();
    await publish(events.slice(3));
    const resumed = await connect('/streams/events?upgradeId=resume-1', { ...observer, 'last-event-id': seen[2]!.id! });
    const rest = await resumed.waitFor(events.length - 3, 'the rest');
    expect(eventIds(rest)).toEqual(events.slice(3).map((e) => e.eventId));
    expect(compareCursors(cursorOf(seen[2]!), cursorOf(rest[0]!))).toBe(-1);
    const everything = await connect('/streams/events?upgradeId=resume-1');
    expect((await everything.waitFor(events.length)).map((m) => m.id)).toEqual([...seen, ...rest].map((m) => m.id));
  });

  it('names each event by its type, filters by comma-separated types, and sends heartbeats', async () => {
    const events = draftPlanStream('names-1');
    await sendRaw(
      monitoring.topic('planning'),
      events.map((e) => toKafkaRecord(e)),
    );
    const [t1, t2, t3] = [...new Set(events.map((e) => e.type))];
    const wanted = events.filter((e) => [t1, t2, t3].includes(e.type));
    expect(wanted.length).toBeLessThan(events.length);
    const stream = await connect(`/streams/events?upgradeId=names-1&type=${t1},${t2},${t3}`);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    const got = await stream.waitFor(wanted.length);
    expect(got.map((m) => m.event)).toEqual(wanted.map((e) => e.type));
    expect(eventIds(got)).toEqual(wanted.map((e) => e.eventId));
    await eventually(async () => stream.comments.filter((c) => c === 'heartbeat').length >= 2, 10_000, 'heartbeats');
    expect(stream.text).toMatch(new RegExp(`^id: \\d+\\.\\d+\nevent: ${t1}\ndata: \\{`, 'm'));
    expect(stream.text).toContain(': heartbeat\n\n');

    // The typed client (the demo's and the end-to-end tests') asks for the same filter and gets the same stream.
    const server = monitoring.app.getHttpServer() as { address(): { port: number } };
    const here = `http://127.0.0.1:${server.address().port}`;
    const client = createUpgradeControlClient({
      urls: { inventory: here, planning: here, execution: here, monitoring: here },
      apiKey: KEYS.observer,
    });
    const abort = new AbortController();
    const parsed: { id?: string; event?: string; data?: string }[] = [];
    const filter = { upgradeId: 'names-1', types: [t1!, t2!, t3!] };
    for await (const message of await openEventStream(client, { filter, signal: abort.signal })) {
      parsed.push(message);
      if (parsed.length === got.length) break;
    }
    abort.abort();
    expect(parsed).toEqual(got.map((m) => ({ id: m.id, event: m.event, data: m.data })));
  });

  it('refuses a caller without a reading role, and bad filters or cursors with 400 problem+json', async () => {
    await monitoring.anonymous
      .get('/streams/events')
      .expect(401)
      .expect('content-type', /problem\+json/);
    const agent = await monitoring.anonymous.get('/streams/events').set('x-api-key', KEYS.agent).expect(403);
    expect(agent.body.detail).toContain('role agent may not');
    const streams = monitoring.app.get(LiveStreams);
    for (const role of ['auditor', 'observer', 'planner', 'approver', 'operator'] as const) {
      const stream = await connect('/streams/events', { 'x-api-key': KEYS[role] });
      expect(stream.status).toBe(200);
      stream.close();
      await eventually(async () => streams.count === 0, 10_000, 'the stream to end');
    }
    const refused = async (path: string, field: string, rule: string, headers: Record<string, string> = {}) => {
      const response = await monitoring.as('observer').get(path).set(headers).expect(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.errors).toEqual([expect.objectContaining({ field, rule })]);
    };
    for (const id of ['42', 'abc', '1.2.3', '18446744073709551616.1', '1.9223372036854775808', '-1.5'])
      await refused('/streams/events', 'Last-Event-ID', 'cursor', { 'last-event-id': id });
    await refused('/streams/events?type=NotAnEvent', 'type', 'known-event-type');
    await refused('/streams/events?type=UpgradeProposed,Nope', 'type', 'known-event-type');
    await refused('/streams/events?type=UpgradeProposed&type=UpgradeApproved', 'type', 'single-value');
    await refused('/streams/events?type=%00', 'type', 'no-control-characters');
    await refused('/streams/events?upgradeId=a&upgradeId=b', 'upgradeId', 'single-value');
    await refused('/streams/events?upgradeId=a%00b', 'upgradeId', 'no-control-characters');
  });

  it('serves at most SSE_MAX_STREAMS streams, and frees a place when a client leaves', async () => {
    const streams = monitoring.app.get(LiveStreams);
    await eventually(async () => streams.count === 0, 10_000, 'earlier streams to end');
    const four = await Promise.all([1, 2, 3, 4].map(() => connect('/streams/events?upgradeId=cap')));
    expect(four.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    const fifth = await monitoring.as('observer').get('/streams/events?upgradeId=cap').expect(503);
    expect(fifth.headers['content-type']).toMatch(/problem\+json/);
    expect(fifth.headers['retry-after']).toBe('5');
    four[0]!.close();
    await eventually(async () => streams.count === 3, 10_000, 'the disconnected stream to end');
    expect((await connect('/streams/events?upgradeId=cap')).status).toBe(200);
  });

  it('ends every stream when the application shuts down', async () => {
    const replica = await startService(
      'monitoring',
      (env) => MonitoringModule.register(env),
      { KAFKA_TOPIC_PREFIX: `${uniqueName('live-replica')}.` },
      { db: monitoring.db },
    );
    const stream = await SseClient.open(replica.app, '/streams/events', observer);
    expect(stream.status).toBe(200);
    await stream.waitFor(1, 'the stream to deliver');
    await replica.close(); // would wait for the open connection forever if the stream went on
    await stream.ended;
    expect(replica.app.get(LiveStreams).count).toBe(0);
  });
});
