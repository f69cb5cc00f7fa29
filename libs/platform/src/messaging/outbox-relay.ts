import { DedicatedConnection } from '../database/dedicated-connection.js';
import { countParked } from '../database/parked-events.js';
import { EVENTS_NOTIFY_CHANNEL, type CommitSignal } from '../event-store/commit-signal.js';
import type { Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import { cappedBackoff, sleep } from './backoff.js';
import type { BusProducer, MessageBus } from './message-bus.js';
import {
  countUnpublished,
  drained,
  readBatch,
  readCheckpoint,
  saveCheckpoint,
  type Checkpoint,
  type RelayRow,
} from '../database/relay-checkpoint.js';
import { RelaySender } from './relay-sender.js';

export interface OutboxRelayOptions {
  name: string;
  databaseUrl: string;
  topic: string;
  batchSize: number;
  pollMs: number;
  /** Most bytes per send (below the broker's message.max.bytes). */
  maxBatchBytes?: number;
  logger: Logger;
  metrics?: PlatformMetrics;
  /** The store's commit signal, when it runs in this process: wakes the relay without a NOTIFY. */
  commits?: CommitSignal;
}

/** A failed round (database or broker away) is retried after this, doubling up to the cap. */
const failureBackoff = cappedBackoff({ baseMs: 200, capMs: 5_000 });

/** First retry when a signalled commit was not visible yet: it waits behind an older transaction. */
const HELD_BACK_RETRY_MS = 5;
/** After a wake-up, lets a burst of commits gather into one batch (as Kafka's linger.ms does). */
const LINGER_MS = 5;
const LAG_EVERY_MS = 1000;
/**
 * How often, at most, an empty read is repeated with this database's own horizon: bounds both
 * what a transaction open in another database can delay publishing by and the pg_stat_activity
 * look-ups on the hot path.
 */
const PRECISE_EVERY_MS = 100;

/**
 * Publishes the event store to Kafka in commit order, at least once.
 *
 * Ordering: rows are read by (transaction id, position) and only from transactions older than
 * every transaction of this database still running (uc_commit_horizon), so a slow writer can never
 * commit an event "behind" the checkpoint. One replica relays at a time: the holder of a
 * session-level advisory lock; the others wait on standby and take over if it dies.
 *
 * It never wedges: a failure (database or broker away) is retried from the checkpoint with capped
 * backoff for as long as it lasts, and a record the broker refuses for good is parked (RelaySender).
 */
export class OutboxRelay {
  private stopped = false;
  private running: Promise<void> | null = null;
  private client: DedicatedConnection | null = null;
  private wake: (() => void) | null = null;
  /** Set by a commit that arrives while the relay is busy, so the next idle does not sleep. */
  private woken = false;
  private lagMeasuredAt = 0;
  private preciseReadAt = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly sender: RelaySender;
  leader = false;
  /** Events set aside because the broker refuses them for good; readiness reports it. */
  parked = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: OutboxRelayOptions,
  ) {
    this.sender = new RelaySender({
      relay: options.name,
      topic: options.topic,
      maxBatchBytes: options.maxBatchBytes ?? 900_000,
      logger: options.logger,
      onParked: (count) => this.setParked(count),
    });
  }

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
    let failures = 0;
    while (!this.stopped) {
      let producer: BusProducer | null = null;
      try {
        const client = await this.connect();
        if (!(await this.acquireLeadership(client))) break;
        this.setParked(await countParked(client, this.options.name));
        const from = await readCheckpoint(client, this.options.name);
        // Before the broker is needed, so the lag is told even while it cannot be reached.
        await this.measureLag(client, from, true);
        producer = await this.bus.producer();
        this.leader = true;
        this.options.metrics?.relayLeader.set(1);
        this.options.logger.info({ relay: this.options.name }, 'outbox relay is the active publisher');
        await this.publish(client, producer, from, () => (failures = 0));
      } catch (error) {
        if (!this.stopped) {
          failures += 1;
          this.options.metrics?.relayFailures.inc();
          this.options.logger.error(
            { err: error, relay: this.options.name, failures },
            'outbox relay failed; retrying',
          );
          // While it cannot publish the lag still grows: say so, if the database answers.
          const client = this.client;
          if (client)
            await readCheckpoint(client, this.options.name)
              .then((at) => this.measureLag(client, at, true))
              .catch(() => undefined);
        }
      } finally {
        this.leader = false;
        this.options.metrics?.relayLeader.set(0);
        await producer?.close().catch(() => undefined);
        await this.disconnect();
      }
      if (!this.stopped && failures > 0) await this.idle(failureBackoff(failures));
    }
  }

  private async connect(): Promise<DedicatedConnection> {
    const client = await DedicatedConnection.open(this.options.databaseUrl, `relay:${this.options.name}`, () =>
      this.ring(),
    );
    this.client = client;
    await client.listen(EVENTS_NOTIFY_CHANNEL);
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.close();
  }

  /** Waits on standby until this replica holds the relay lock; false if stopped meanwhile. */
  private async acquireLeadership(client: DedicatedConnection): Promise<boolean> {
    while (!this.stopped) {
      if (await client.tryAdvisoryLock(`outbox-relay:${this.options.name}`)) return true;
      await this.idle(2000);
    }
    return false;
  }

  /**
   * Publishes until stopped. Reading the next batch overlaps sending a full one, and a
   * batch's checkpoint is saved while the next is sent: the checkpoint still never runs ahead
   * of what Kafka acknowledged, because it is written only after its batch's send resolved.
   */
  private async publish(
    client: DedicatedConnection,
    producer: BusProducer,
    from: Checkpoint,
    succeeded: () => void,
  ): Promise<void> {
    let checkpoint = from;
    let rows = await this.readBatch(client, checkpoint);
    let saving: Promise<void> = Promise.resolve();
    // Set while a signalled commit may still be invisible: the next wait is short, then doubles.
    let retryMs: number | null = null;
    while (!this.stopped) {
      if (rows.length === 0) {
        await saving;
        succeeded();
        if (checkpoint.draining) {
          checkpoint = drained(checkpoint);
          await saveCheckpoint(client, this.options.name, checkpoint, 0);
          this.options.logger.info({ relay: this.options.name }, 'restored events published; relaying this cluster');
          rows = await this.readBatch(client, checkpoint);
          continue;
        }
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
      const next = { ...checkpoint, txId: last.tx_id, position: last.position };
      // A short batch was the end of what is committed: read again when the next commit signals.
      const full = rows.length === this.options.batchSize;
      const [nextRows] = await Promise.all([
        full ? this.readBatch(client, next) : [],
        this.sender.send(client, producer, rows),
        saving,
      ]);
      const published = rows.length;
      saving = saveCheckpoint(client, this.options.name, next, published).then(() =>
        this.options.metrics?.relayPublished.inc(published),
      );
      checkpoint = next;
      rows = nextRows;
    }
    await saving;
  }

  private async readBatch(client: DedicatedConnection, from: Checkpoint): Promise<RelayRow[]> {
    // A commit signalled from here on is seen by this read or wakes the idle after it.
    this.woken = false;
    const rows = await readBatch(client, from, this.options.batchSize);
    if (rows.length > 0 || from.draining || Date.now() - this.preciseReadAt < PRECISE_EVERY_MS) return rows;
    this.preciseReadAt = Date.now();
    return readBatch(client, from, this.options.batchSize, true);
  }

  /** Unpublished events, including those held behind a running transaction; at most once a second. */
  private async measureLag(client: DedicatedConnection | null, from: Checkpoint, now = false): Promise<void> {
    if (!client || !this.options.metrics || (!now && Date.now() - this.lagMeasuredAt < LAG_EVERY_MS)) return;
    this.lagMeasuredAt = Date.now();
    this.options.metrics.relayLag.set(await countUnpublished(client, this.options.name, from));
  }

  private setParked(count: number): void {
    this.parked = count;
    this.options.metrics?.relayParked.set(count);
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
