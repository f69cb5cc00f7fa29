import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { CLOCK, Decide, EventConsumer, type Transaction } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { PlanReadModel } from '../application/plan-read-model.js';
import { POST_IMPLEMENTATION_REVIEW_DAYS } from '../application/post-implementation-review-days.js';
import { upgradePlanStream } from '../application/streams.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { RollbackNotice } from './rollback-notice.reaction.js';

/** How the plan follows what execution and monitoring report. */
const FOLLOW: Record<string, (e: EventEnvelope) => PlanCommand> = {
  ExecutionStarted: (e) => ({ type: 'FollowExecution', status: 'InExecution', causedByEventId: e.eventId }),
  AcceptancePassed: (e) => ({ type: 'FollowExecution', status: 'Monitoring', causedByEventId: e.eventId }),
  RollbackCompleted: (e) => ({ type: 'FollowExecution', status: 'RolledBack', causedByEventId: e.eventId }),
  ForwardFixDeclared: (e) => ({ type: 'FollowExecution', status: 'Failed', causedByEventId: e.eventId }),
  StabilityConfirmed: (e) => ({ type: 'CloseUpgrade', causedByEventId: e.eventId }),
};

/** The plan's status follows execution and monitoring, each step in the consumer's transaction. */
@Injectable()
export class PlanFollowsExecution implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly commands: CommandBus,
    private readonly plans: PlanReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POST_IMPLEMENTATION_REVIEW_DAYS) private readonly reviewDays: number,
    private readonly rollbackNotice: RollbackNotice,
  ) {}

  onModuleInit(): void {
    for (const [type, toCommand] of Object.entries(FOLLOW))
      this.consumer.on(type, (e, tx) =>
        type === 'StabilityConfirmed'
          ? this.close(e, tx)
          : type === 'RollbackCompleted'
            ? this.rolledBack(e, tx)
            : this.follow(e, toCommand(e), tx),
      );
  }

  /**
   * Order holds only within a stream (ADR 10): monitoring's StabilityConfirmed can reach planning
   * before execution's AcceptancePassed that led to it. Stability confirmed means monitoring ran,
   * so a plan still in execution first follows to Monitoring, then closes.
   */
  private async close(cause: EventEnvelope, tx: Transaction): Promise<void> {
    const upgradeId = (cause.payload as { upgradeId: string }).upgradeId;
    if ((await this.plans.status(upgradeId, tx)) === 'InExecution')
      await this.follow(cause, { type: 'FollowExecution', status: 'Monitoring', causedByEventId: cause.eventId }, tx);
    await this.follow(cause, FOLLOW.StabilityConfirmed!(cause), tx);
  }

  /** Rolled back: users are told so (the rollback notice, ADR 13). */
  private async rolledBack(cause: EventEnvelope, tx: Transaction): Promise<void> {
    await this.follow(cause, FOLLOW.RollbackCompleted!(cause), tx);
    await this.rollbackNotice.request(cause, tx);
  }

  private async follow(cause: EventEnvelope, command: PlanCommand, tx: Transaction): Promise<void> {
    const upgradeId = (cause.payload as { upgradeId: string }).upgradeId;
    await this.commands.execute(Decide.inReactionTo(cause, tx, upgradePlanStream, upgradeId, command));
    // Execution finished (monitored, rolled back or failed): an emergency's review falls due.
    if (command.type === 'FollowExecution' && command.status !== 'InExecution') {
      const now = this.clock();
      const owe = {
        type: 'OwePostImplementationReview' as const,
        causedByEventId: cause.eventId,
        now,
        days: this.reviewDays,
      };
      await this.commands.execute(Decide.inReactionTo(cause, tx, upgradePlanStream, upgradeId, owe, now));
    }
  }
}
