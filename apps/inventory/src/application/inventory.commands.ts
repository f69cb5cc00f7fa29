import { Command } from '@nestjs/cqrs';
import type { Caller, CommandResult } from '@upgrade-control/platform';
import type { AssetCommand } from '../domain/asset.decider.js';
import type { RuleDeclaration } from '../domain/compatibility-rule.decider.js';

/** Any change to one asset's stream (register, update, retire, dependencies, version). */
export class ExecuteAssetCommand extends Command<CommandResult> {
  constructor(
    readonly assetId: string,
    readonly command: AssetCommand,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class DeclareCompatibilityRule extends Command<CommandResult> {
  constructor(
    readonly rule: RuleDeclaration,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class CaptureConfigurationSnapshot extends Command<CommandResult> {
  constructor(
    readonly assetId: string,
    readonly label: string | null,
    readonly configuration: Record<string, unknown>,
    readonly caller: Caller,
  ) {
    super();
  }
}
