import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  appendContext as context,
  CLOCK,
  EventStore,
  handleCommand,
  type CommandResult,
} from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { v7 as uuidv7 } from 'uuid';
import { assetDecider, assetStreamId } from '../domain/asset.decider.js';
import { compatibilityRuleDecider, ruleStreamId } from '../domain/compatibility-rule.decider.js';
import { snapshotDecider, snapshotStreamId } from '../domain/configuration-snapshot.decider.js';
import { CaptureConfigurationSnapshot, DeclareCompatibilityRule, ExecuteAssetCommand } from './inventory.commands.js';

// Inventory facts are not part of one upgrade: they correlate by the thing they describe.

@CommandHandler(ExecuteAssetCommand)
export class ExecuteAssetCommandHandler implements ICommandHandler<ExecuteAssetCommand> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ assetId, command, caller }: ExecuteAssetCommand): Promise<CommandResult> {
    return handleCommand(
      this.store,
      assetDecider,
      assetStreamId(assetId),
      command,
      context(caller, assetId, this.clock()),
      {
        expectedVersion: caller.expectedVersion,
      },
    );
  }
}

@CommandHandler(DeclareCompatibilityRule)
export class DeclareCompatibilityRuleHandler implements ICommandHandler<DeclareCompatibilityRule> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ rule, caller }: DeclareCompatibilityRule): Promise<CommandResult> {
    const streamId = ruleStreamId(rule.ruleId);
    return handleCommand(this.store, compatibilityRuleDecider, streamId, rule, context(caller, streamId, this.clock()));
  }
}

@CommandHandler(CaptureConfigurationSnapshot)
export class CaptureConfigurationSnapshotHandler implements ICommandHandler<CaptureConfigurationSnapshot> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ assetId, label, configuration, caller }: CaptureConfigurationSnapshot): Promise<CommandResult> {
    const snapshotId = uuidv7();
    const now = this.clock();
    const command = { snapshotId, assetId, label, configuration, now };
    return handleCommand(
      this.store,
      snapshotDecider,
      snapshotStreamId(snapshotId),
      command,
      context(caller, assetId, now),
    );
  }
}
