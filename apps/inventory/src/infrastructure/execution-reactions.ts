import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PayloadOf, RollbackCompleted, UpgradeApplied } from '@upgrade-control/contracts';
import { CLOCK, EventConsumer, EventStore, LOGGER, react, type Logger } from '@upgrade-control/platform';
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
    cause: EventEnvelope,
    installed: Installed[],
    reason: 'upgrade-applied' | 'rollback-completed',
    tx: EntityManager,
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
      await react(this.store, assetDecider, assetStreamId(assetId), command, {
        service: 'inventory',
        cause,
        tx,
        now: this.clock(),
        logger: this.logger,
      });
    }
  }
}
