import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope, PayloadOf, RollbackCompleted, UpgradeApplied } from '@upgrade-control/contracts';
import { Decide, EventConsumer, type Transaction } from '@upgrade-control/platform';
import { ASSETS } from '../application/streams.js';

type Installed = { assetId: string; version: string };

/**
 * Asset versions move when execution applies an upgrade or rolls it back, each change recording
 * the causing event; decided in the consumer's transaction.
 */
@Injectable()
export class VersionMovesOnExecution implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumer
      .on('UpgradeApplied', (e, tx) =>
        this.moveVersions(e, (e.payload as PayloadOf<typeof UpgradeApplied>).installed, 'upgrade-applied', tx),
      )
      .on('RollbackCompleted', (e, tx) =>
        this.moveVersions(e, (e.payload as PayloadOf<typeof RollbackCompleted>).restored, 'rollback-completed', tx),
      );
  }

  private async moveVersions(
    cause: EventEnvelope,
    installed: Installed[],
    reason: 'upgrade-applied' | 'rollback-completed',
    tx: Transaction,
  ) {
    const upgradeId = (cause.payload as { upgradeId: string }).upgradeId;
    for (const { assetId, version } of installed) {
      const command = {
        type: 'ChangeAssetVersion' as const,
        toVersion: version,
        reason,
        upgradeId,
        causedByEventId: cause.eventId,
      };
      await this.commands.execute(Decide.inReactionTo(cause, tx, ASSETS, assetId, command));
    }
  }
}
