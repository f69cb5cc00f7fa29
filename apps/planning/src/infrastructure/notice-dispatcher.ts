import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemActor } from '@upgrade-control/contracts';
import {
  cappedBackoff,
  CLOCK,
  Database,
  Decide,
  LOGGER,
  PeriodicService,
  type Backoff,
  type Logger,
} from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { upgradePlanStream } from '../application/streams.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { sendNotice, type PendingDelivery, type SendResult } from './notice-webhook.js';

export interface DispatchSettings {
  intervalMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  maxAttempts: number;
  timeoutMs: number;
}
export const NOTICE_DISPATCH = Symbol('NoticeDispatchSettings');

/** NOTICE_DISPATCH_INTERVAL_MS, NOTICE_RETRY_BASE_MS, NOTICE_RETRY_CAP_MS, NOTICE_MAX_ATTEMPTS, NOTICE_TIMEOUT_MS. */
export const dispatchSettingsFrom = (env: NodeJS.ProcessEnv): DispatchSettings => ({
  intervalMs: Number(env.NOTICE_DISPATCH_INTERVAL_MS ?? 1000),
  retryBaseMs: Number(env.NOTICE_RETRY_BASE_MS ?? 2000),
  retryCapMs: Number(env.NOTICE_RETRY_CAP_MS ?? 300_000),
  maxAttempts: Number(env.NOTICE_MAX_ATTEMPTS ?? 10),
  timeoutMs: Number(env.NOTICE_TIMEOUT_MS ?? 10_000),
});

/**
 * Delivers requested notices (ADR 13). Its worklist is notice_deliveries, kept from the plan's
 * events, so a restart loses nothing. An attempt is booked (attempts, next attempt) before it is
 * sent: a crash after sending sends again later under the same CloudEvent id, which the receiver
 * drops. How a delivery ended is recorded on the plan's stream, where the gates read it.
 */
@Injectable()
export class NoticeDispatcher extends PeriodicService {
  private readonly backoff: Backoff;

  constructor(
    private readonly db: Database,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(NOTICE_DISPATCH) private readonly settings: DispatchSettings,
  ) {
    super('notice dispatcher', settings.intervalMs, logger);
    this.backoff = cappedBackoff({ baseMs: settings.retryBaseMs, capMs: settings.retryCapMs });
  }

  protected async tick(): Promise<void> {
    // Each due delivery with its subscription's secret (null once the subscription was removed).
    const due = await this.db.query<PendingDelivery & { secret: string | null }>(
      `SELECT d.delivery_id AS "deliveryId", d.upgrade_id AS "upgradeId", d.user_group AS "userGroup",
              d.subscription_id AS "subscriptionId", d.url, d.attempts, d.notice, s.secret
       FROM notice_deliveries d
       LEFT JOIN notice_subscriptions s ON s.subscription_id = d.subscription_id AND s.removed_at IS NULL
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1
       ORDER BY d.next_attempt_at LIMIT 50`,
      [this.clock().toISOString()],
    );
    await Promise.all(due.map(({ secret, ...d }) => this.attempt(d, secret)));
  }

  private async attempt(d: PendingDelivery, secret: string | null): Promise<void> {
    const attempts = d.attempts + 1;
    const now = this.clock();
    if (!secret)
      return this.record(d, attempts, now, {
        outcome: 'permanent',
        statusCode: null,
        reason: `subscription ${d.subscriptionId} was removed`,
      });
    await this.db.query('UPDATE notice_deliveries SET attempts = $2, next_attempt_at = $3 WHERE delivery_id = $1', [
      d.deliveryId,
      attempts,
      new Date(now.getTime() + this.backoff(attempts)).toISOString(),
    ]);
    const result = await sendNotice(d, secret, now, this.settings.timeoutMs);
    if (result.outcome === 'transient' && attempts < this.settings.maxAttempts) {
      this.logger.warn(
        { deliveryId: d.deliveryId, attempts, reason: result.reason },
        'notice delivery will be retried',
      );
      await this.db.query('UPDATE notice_deliveries SET last_error = $2 WHERE delivery_id = $1', [
        d.deliveryId,
        result.reason,
      ]);
      return;
    }
    const gaveUp =
      result.outcome === 'transient'
        ? { ...result, reason: `gave up after ${attempts} attempts: ${result.reason}` }
        : result;
    await this.record(d, attempts, this.clock(), gaveUp);
  }

  private async record(d: PendingDelivery, attempts: number, now: Date, result: SendResult): Promise<void> {
    const outcome =
      result.outcome === 'delivered'
        ? { status: 'delivered' as const, statusCode: result.statusCode }
        : { status: 'failed' as const, statusCode: result.statusCode, reason: result.reason };
    const command: PlanCommand = { type: 'RecordNoticeDelivery', deliveryId: d.deliveryId, attempts, outcome, now };
    const caller = { actor: systemActor('planning'), traceparent: null };
    const decided = await this.commands.execute(
      Decide.by(caller, upgradePlanStream, d.upgradeId, command, { at: now }),
    );
    // Not recorded (e.g. a concurrent append): the row stays pending and is sent again, same id.
    if (!decided.ok)
      this.logger.warn({ deliveryId: d.deliveryId, error: decided.error }, 'notice outcome not recorded');
  }
}
