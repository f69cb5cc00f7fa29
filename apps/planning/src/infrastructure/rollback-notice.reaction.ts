import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { CLOCK, Decide, type Transaction } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { NoticeSubscriptions } from '../application/notice-subscriptions.js';
import { upgradePlanStream } from '../application/streams.js';

/**
 * After the plan followed a completed rollback, planning requests the rollback notice itself
 * (ADR 13), in the same consumer transaction, to the subscribers registered now.
 */
@Injectable()
export class RollbackNotice {
  constructor(
    private readonly commands: CommandBus,
    private readonly subscriptions: NoticeSubscriptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async request(cause: EventEnvelope, tx: Transaction): Promise<void> {
    const upgradeId = (cause.payload as { upgradeId: string }).upgradeId;
    const subscribers = await this.subscriptions.subscribersOf(null, tx);
    const now = this.clock();
    const command = { type: 'RequestRollbackNotice' as const, causedByEventId: cause.eventId, subscribers, now };
    await this.commands.execute(Decide.inReactionTo(cause, tx, upgradePlanStream, upgradeId, command, now));
  }
}
