import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  systemActor,
  type EventEnvelope,
  type PayloadOf,
  type RollbackCompleted,
  type UpgradeApplied,
} from '@upgrade-control/contracts';
import { CLOCK, EventConsumer, EventStore, handleCommand, LOGGER, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { assetDecider, assetStreamId } from '../domain/asset.decider.js';

type Installed = { assetId: string; version: string };

/** Versions move when execution applies an upgrade or rolls it back, recording the causing event. */
@Injectable()
export class ExecutionReactions implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
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
    event: EventEnvelope,
    installed: Installed[],
    reason: 'upgrade-applied' | 'rollback-completed',
    tx: EntityManager,
  ) {
    const upgradeId = (event.payload as { upgradeId: string }).upgradeId;
    for (const { assetId, version } of installed) {
      const command = {
        type: 'ChangeAssetVersion' as const,
        toVersion: version,
        reason,
        upgradeId,
        causedByEventId: event.eventId,
      };
      const context = {
        correlationId: upgradeId,
        causationId: event.eventId,
        actor: systemActor('inventory'),
        now: this.clock(),
      };
      const result = await handleCommand(this.store, assetDecider, assetStreamId(assetId), command, context, {
        manager: tx,
      });
      // An asset unknown to the inventory cannot move; that is a finding to log, not a retry.
      if (!result.ok)
        this.logger.warn(
          { assetId, upgradeId, error: result.error },
          `${event.type} names an asset the inventory cannot move`,
        );
    }
  }
}
