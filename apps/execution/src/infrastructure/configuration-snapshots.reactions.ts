import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ConfigurationSnapshotCaptured, EventEnvelope, PayloadOf } from '@upgrade-control/contracts';
import { Decide, EventConsumer, type Transaction } from '@upgrade-control/platform';
import { executionStream } from '../application/streams.js';

/**
 * Inventory captures a target's configuration for an upgrade; execution counts it as the
 * before- or after-apply snapshot when the snapshot's server time fits (the decider judges). A
 * snapshot of an asset alone, or one that does not fit, leaves execution as it was (the platform
 * logs the refusal), and apply or completion keep naming the target without one.
 */
@Injectable()
export class ConfigurationSnapshotsForExecution implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumer.on('ConfigurationSnapshotCaptured', (e, tx) => this.captured(e, tx));
  }

  private async captured(event: EventEnvelope, tx: Transaction): Promise<void> {
    const s = event.payload as PayloadOf<typeof ConfigurationSnapshotCaptured>;
    if (!s.upgradeId || !s.phase) return;
    const { snapshotId, assetId, phase, contentHash, capturedAt } = s;
    const command = {
      type: 'RecordConfigurationSnapshot' as const,
      snapshotId,
      assetId,
      phase,
      contentHash,
      capturedAt,
    };
    await this.commands.execute(Decide.inReactionTo(event, tx, executionStream, s.upgradeId, command));
  }
}
