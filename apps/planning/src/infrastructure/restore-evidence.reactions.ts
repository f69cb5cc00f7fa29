import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { BackupVerified, EventEnvelope, PayloadOf } from '@upgrade-control/contracts';
import { Decide, EventConsumer, type Transaction } from '@upgrade-control/platform';
import { upgradePlanStream } from '../application/streams.js';

/**
 * The plan records each restore execution measured (BackupVerified with measured evidence), so
 * that the rollback estimate rests on it. Order across topics does not matter (the plan exists
 * from its proposal on, and the decider records in any status); a redelivery records nothing
 * new (the decider knows the verification's event id). A version 1 verification measured
 * nothing: it is not evidence.
 */
@Injectable()
export class RestoreEvidence implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumer.on('BackupVerified', (e, tx) => this.measured(e, tx));
  }

  private async measured(cause: EventEnvelope, tx: Transaction): Promise<void> {
    const verified = cause.payload as PayloadOf<typeof BackupVerified>;
    if (verified.evidence !== 'measured') return;
    const { startedAt, finishedAt, durationMs } = verified.restore;
    const command = {
      type: 'RecordMeasuredRestore' as const,
      backupId: verified.backupId,
      startedAt,
      finishedAt,
      durationMs,
      causedByEventId: cause.eventId,
    };
    await this.commands.execute(Decide.inReactionTo(cause, tx, upgradePlanStream, verified.upgradeId, command));
  }
}
