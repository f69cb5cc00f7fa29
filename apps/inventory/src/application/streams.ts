import type { StreamDecider } from '@upgrade-control/platform';
import { assetDecider, assetStreamId, type AssetCommand } from '../domain/asset.decider.js';
import { compatibilityRuleDecider, ruleStreamId, type RuleDeclaration } from '../domain/compatibility-rule.decider.js';
import { snapshotDecider, snapshotStreamId, type CaptureSnapshot } from '../domain/configuration-snapshot.decider.js';

// Inventory facts are not part of one upgrade: they correlate by the thing they describe.

/** One stream per asset: registration, details, version, retirement and its dependencies. */
export const ASSETS: StreamDecider<AssetCommand> = { decider: assetDecider, streamId: assetStreamId };

/** One stream per compatibility rule, declared once. */
export const COMPATIBILITY_RULES: StreamDecider<RuleDeclaration> = {
  decider: compatibilityRuleDecider,
  streamId: ruleStreamId,
};

/** One stream per configuration snapshot, captured once; it correlates with its asset. */
export const SNAPSHOTS: StreamDecider<CaptureSnapshot> = { decider: snapshotDecider, streamId: snapshotStreamId };
