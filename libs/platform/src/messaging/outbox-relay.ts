import pg from 'pg';
import { toKafkaRecord } from '@upgrade-control/contracts';
import type { CommitSignal } from '../event-store/commit-signal.js';
import { EVENTS_NOTIFY_CHANNEL } from '../event-store/event-store.js';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from '../event-store/event-row.js';
import type { Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import type { BusProducer, MessageBus } from './message-bus.js';

export interface OutboxRelayOptions {
  name: string;
  databaseUrl: string;
  topic: string;
  batchSize: number;
  pollMs: number;
  logger: Logger;
  metrics?: PlatformMetrics;
  /** The store's commit signal, when it runs in this process: wakes the relay without a NOTIFY. */
  commits?: CommitSignal;
}

type Checkpoint = { txId: string; position: string };
type Row = EventRow & { tx_id: string };

/** First retry when a signalled commit was not visible yet: it waits behind an older transaction. */
const HELD_BACK_RETRY_MS = 5;
/** After a wake-up, lets a burst of commits gather into one batch (as Kafka's linger.ms does). */
const LINGER_MS = 5;
const LAG_EVERY_MS = 1000;

/**
 * Publishes the event store to Kafka in commit order, at least once.
 *
 * Ordering: rows are read by (transaction id, position) and only from transactions older than
 * every transaction still running (pg_snapshot_xmin), so a slow writer can never commit an
 * event "behind" the checkpoint. One replica relays at a time: the holder of a session-level
 * advisory lock; the others wait on standby and take over if it dies.
 */
export class OutboxRelay {
  private stopped = false;
  private running: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private wake: (() => void) | null = null;
  /** Set by a commit that arrives while the relay is busy, so the next idle does not sleep. */
  private woken = false;
  private lagMeasuredAt = 0;
  private unsubscribe: (() => void) | null = null;
  leader = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.unsubscribe ??= this.options.commits?.subscribe(() => this.ring()) ?? null;
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let producer: BusProducer | null = null;
      try {
        const client = await this.connect();
        if (!(await this.acquireLeadership(client))) break;
        producer = await this.bus.producer();
        this.leader = true;
        this.options.metrics?.relayLeader.set(1);
        this.options.logger.info({ relay: this.options.name }, 'outbox relay is the active publisher');
        await this.publish(client, producer, await this.readCheckpoint(client));
      } catch (error) {
        if (!this.stopped) {
          this.options.logger.error({ err: error, relay: this.options.name }, 'outbox relay failed; restarting');
          await sleep(1000);
        }
      } finally {
        this.leader = false;
        this.options.metrics?.relayLeader.set(0);
        await producer?.close().catch(() => undefined);
        await this.disconnect();
      }
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `relay:${this.options.name}`,
    });
    client.on('error', () => undefined); // surfaced by the next query instead
    client.on('notification', () => this.ring());
    await client.connect();
    this.client = client;
    await client.query(`LISTEN ${EVENTS_NOTIFY_CHANNEL}`);
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Waits on standby until this replica holds the relay lock; false if stopped meanwhile. */
  private async acquireLeadership(client: pg.Client): Promise<boolean> {
    while (!this.stopped) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `outbox-relay:${this.options.name}`,
      ]);
      if (rows[0]?.locked) return true;
      await this.idle(2000);
    }
    return false;
  }

  private async readCheckpoint(client: pg.Client): Promise<Checkpoint> {
    const { rows } = await client.query<{ tx_id: string; position: string }>(
      'SELECT tx_id::text, position::text FROM relay_checkpoints WHERE relay = $1',
      [this.options.name],
    );
    return rows[0] ? { txId: rows[0].tx_id, position: rows[0].position } : { txId: '0', position: '0' };
  }

  /**
   * Publishes until stopped. Reading the next batch overlaps sending a full one, and a
   * batch's checkpoint is saved while the next is sent: the checkpoint still never runs ahead
   * of what Kafka acknowledged, because it is written only after its batch's send resolved.
   */
  private async publish(client: pg.Client, producer: BusProducer, from: Checkpoint): Promise<void> {
    let checkpoint = from;
    let rows = await this.readBatch(client, checkpoint);
    let saving: Promise<void> = Promise.resolve();
    // Set while a signalled commit may still be invisible: the next wait is short, then doubles.
    let retryMs: number | null = null;
    while (!this.stopped) {
      if (rows.length === 0) {
        await saving;
        await this.measureLag(client, checkpoint);
        if (await this.idle(retryMs ?? this.options.pollMs)) {
          retryMs = HELD_BACK_RETRY_MS;
          await sleep(LINGER_MS);
        } else retryMs = retryMs !== null && retryMs < this.options.pollMs ? retryMs * 2 : null;
        if (this.stopped) break;
        rows = await this.readBatch(client, checkpoint);
        continue;
      }
      retryMs = null;
      const last = rows[rows.length - 1]!;
      const next = { txId: last.tx_id, position: last.position };
      const records = rows.map((row) => toKafkaRecord(rowToEnvelope(row), row.traceparent));
      // A short batch was the end of what is committed: read again when the next commit signals.
      const full = rows.length === this.options.batchSize;
      const [nextRows] = await Promise.all([
        full ? this.readBatch(client, next) : [],
        producer.send(this.options.topic, records),
        saving,
      ]);
      saving = this.saveCheckpoint(client, next, rows.length);
      checkpoint = next;
      rows = nextRows;
    }
    await saving;
  }

  private async readBatch(client: pg.Client, from: Checkpoint): Promise<Row[]> {
    // A commit signalled from here on is seen by this read or wakes the idle after it.
    this.woken = false;
    // ORDER BY names the table: a bare tx_id would mean the text column selected here, and text
    // order ('10' < '9') would skip events once transaction ids grow a digit.
    const { rows } = await client.query<Row>({
      name: 'uc_relay_batch',
      text: `SELECT tx_id::text, ${EVENT_COLUMNS} FROM events
        WHERE (tx_id, position) > ($1::xid8, $2::bigint)
          AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.tx_id, events.position
        LIMIT $3`,
      values: [from.txId, from.position, this.options.batchSize],
    });
    return rows;
  }

  private async saveCheckpoint(client: pg.Client, at: Checkpoint, published: number): Promise<void> {
    await client.query({
      name: 'uc_relay_checkpoint',
      text: `INSERT INTO relay_checkpoints (relay, tx_id, position, published) VALUES ($1, $2::xid8, $3, $4)
       ON CONFLICT (relay) DO UPDATE SET tx_id = EXCLUDED.tx_id, position = EXCLUDED.position,
         published = relay_checkpoints.published + EXCLUDED.published, updated_at = now()`,
      values: [this.options.name, at.txId, at.position, published],
    });
    this.options.metrics?.relayPublished.inc(published);
  }

  /** Unpublished events, including those held behind a running transaction; at most once a second. */
  private async measureLag(client: pg.Client, from: Checkpoint): Promise<void> {
    if (!this.options.metrics || Date.now() - this.lagMeasuredAt < LAG_EVERY_MS) return;
    this.lagMeasuredAt = Date.now();
    const { rows } = await client.query<{ lag: string }>(
      'SELECT count(*)::text AS lag FROM events WHERE (tx_id, position) > ($1::xid8, $2::bigint)',
      [from.txId, from.position],
    );
    this.options.metrics.relayLag.set(Number(rows[0]?.lag ?? 0));
  }

  /** Events were committed: this relay publishes them, if it is the one publishing. */
  private ring(): boolean {
    if (!this.leader) return false;
    this.woken = true;
    this.wake?.();
    return true;
  }

  /**
   * Sleeps until a commit is signalled (in process or by NOTIFY), or for `ms`. True when a commit
   * was signalled, including one that arrived since the last read.
   */
  private idle(ms: number): Promise<boolean> {
    // stop() may come while the loop is busy, when there is no sleep yet for it to cut short.
    if (this.stopped) return Promise.resolve(false);
    if (this.woken) {
      this.woken = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), ms);
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.wake = null;
        resolve(woken);
      };
      this.wake = () => finish(true);
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
