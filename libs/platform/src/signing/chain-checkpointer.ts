import { Inject, Injectable } from '@nestjs/common';
import {
  checkpointSigningInput,
  checkpointStreamId,
  checkpointType,
  MAX_HEADS_PER_CHECKPOINT,
  systemActor,
  type ChainHead,
  type ChainHeadsCheckpoint,
} from '@upgrade-control/contracts';
import type { ServiceConfig } from '../config/service-config.js';
import { Database } from '../database/database.js';
import type { Clock } from '../domain/clock.js';
import { ConcurrencyError } from '../event-store/concurrency-error.js';
import { EventStore, type NewEvent } from '../event-store/event-store.js';
import type { Logger } from '../observability/logger.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { PeriodicService } from '../nest/periodic-task.js';
import { CLOCK, LOGGER, SERVICE_CONFIG } from '../nest/tokens.js';
import { signDetached } from './detached-jws.js';

/** What this service signed so far: the checkpoint stream's version and each stream's newest signed head. */
interface Signed {
  version: number;
  heads: Map<string, ChainHead>;
}

/**
 * Signs the service's chain heads every CHECKPOINT_INTERVAL_MS, when any moved, and appends the
 * signed checkpoint to `checkpoint-<service>` through the ordinary append, so the relay
 * publishes it like any event (ADR 20). Replicas race on the stream's version: the loser's
 * append is refused as a concurrency error, and it re-reads before its next tick.
 */
@Injectable()
export class ChainCheckpointer extends PeriodicService {
  private signed: Signed | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly db: Database,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: PlatformMetrics,
  ) {
    super('chain checkpointer', config.checkpointIntervalMs, logger);
  }

  protected async tick(): Promise<void> {
    await this.checkpoint();
  }

  /** Signs and appends what moved since the last checkpoint; the number of checkpoint events appended. */
  async checkpoint(): Promise<number> {
    const key = this.config.signing;
    if (!key) return 0;
    const service = this.config.service;
    const streamId = checkpointStreamId(service);
    const signed = (this.signed ??= await this.load(streamId));
    const heads = await this.db.query<ChainHead>(
      `SELECT DISTINCT ON (stream_id) stream_id AS "streamId", stream_version AS version, hash
         FROM events WHERE stream_id <> $1 ORDER BY stream_id, stream_version DESC`,
      [streamId],
    );
    const rewritten = await this.rewritten(signed);
    const moved = heads.filter(
      (h) => h.version > (signed.heads.get(h.streamId)?.version ?? 0) && !rewritten.has(h.streamId),
    );
    if (moved.length === 0) return 0;
    const now = this.clock();
    const events: NewEvent[] = [];
    for (let i = 0; i * MAX_HEADS_PER_CHECKPOINT < moved.length; i += 1) {
      const content = {
        sequence: signed.version + i + 1,
        signedAt: now.toISOString(),
        heads: moved.slice(i * MAX_HEADS_PER_CHECKPOINT, (i + 1) * MAX_HEADS_PER_CHECKPOINT),
      };
      const signature = await signDetached(checkpointSigningInput(service, content), key);
      const payload: ChainHeadsCheckpoint = { ...content, kid: key.kid, signature };
      events.push({ type: checkpointType(service), payload });
    }
    try {
      await this.store.append(streamId, signed.version === 0 ? 'no-stream' : signed.version, events, {
        correlationId: streamId,
        causationId: null,
        actor: systemActor(service),
        now,
      });
    } catch (error) {
      this.signed = null;
      if (error instanceof ConcurrencyError) return 0;
      throw error;
    }
    signed.version += events.length;
    for (const h of moved) signed.heads.set(h.streamId, h);
    this.logger.debug({ heads: moved.length, checkpoints: events.length }, 'chain heads checkpointed');
    return events.length;
  }

  /**
   * Streams whose signed head is no longer in the store as signed: rewritten or cut short behind
   * the service's back. They are not signed again (that would vouch for the rewrite); each tick
   * reports them as a security finding until someone looks.
   */
  private async rewritten(signed: Signed): Promise<Set<string>> {
    if (signed.heads.size === 0) return new Set();
    const heads = [...signed.heads.values()];
    const rows = await this.db.query<{ streamId: string }>(
      `SELECT s.stream_id AS "streamId"
         FROM unnest($1::text[], $2::int[], $3::text[]) AS s(stream_id, version, hash)
         LEFT JOIN events e ON e.stream_id = s.stream_id AND e.stream_version = s.version
        WHERE e.hash IS DISTINCT FROM s.hash`,
      [heads.map((h) => h.streamId), heads.map((h) => h.version), heads.map((h) => h.hash)],
    );
    if (rows.length > 0) {
      this.metrics.securityFindings.inc({ reason: 'signed-head-rewritten' }, rows.length);
      this.logger.error(
        { streams: rows.slice(0, 10).map((r) => r.streamId), count: rows.length },
        'streams no longer hold the head this service signed (rewritten or cut short): not signing them again',
      );
    }
    return new Set(rows.map((r) => r.streamId));
  }

  private async load(streamId: string): Promise<Signed> {
    const history = await this.store.readStreamRaw(streamId);
    const heads = new Map<string, ChainHead>();
    for (const e of history)
      for (const h of (e.payload as ChainHeadsCheckpoint).heads)
        if (h.version > (heads.get(h.streamId)?.version ?? 0)) heads.set(h.streamId, h);
    return { version: history.length, heads };
  }
}
