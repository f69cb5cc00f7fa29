import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { ConfigurationSnapshotCaptured } from './configuration-snapshots.js';
import { criticality, id, isoDate, nonEmptyText, peakPeriod, versionString } from './common.js';

export const ASSET_KINDS = [
  'server',
  'operating-system',
  'database',
  'middleware',
  'application',
  'endpoint',
  'network-device',
  'storage',
  'license',
  'certificate',
  'api',
  'integration',
  'backup-tool',
  'monitoring-system',
] as const;
export const DEPENDENCY_RELATIONS = [
  'runs-on',
  'stores-data-in',
  'calls-api',
  'authenticates-via',
  'reports-from',
  'backs-up',
  'monitors',
  'integrates-with',
  'licensed-by',
  'secured-by',
  'connects-through',
] as const;

const assetDetails = {
  name: z.string().min(1).max(200),
  kind: z.enum(ASSET_KINDS),
  product: z.string().min(1).max(200),
  version: versionString,
  site: z.string().min(1).max(200),
  node: z.string().min(1).max(200),
  attributes: z.record(z.string(), z.string()),
  criticality,
  owner: z.string().min(1).max(200),
  businessProcesses: z.array(z.string().min(1)),
  userGroups: z.array(z.string().min(1)),
  peakPeriods: z.array(peakPeriod),
  expiresOn: isoDate.nullable(),
};

export const AssetRegistered = defineEvent({
  type: 'AssetRegistered',
  schemaVersion: 2,
  producer: 'inventory',
  description: 'An asset entered the inventory with its version at one site and node.',
  schema: z.object({ assetId: id, ...assetDetails }),
});

/** Version 1 carried site and node as one "site/node" location string; upcast on read. */
export const AssetRegisteredV1 = defineEvent({
  type: 'AssetRegistered',
  schemaVersion: 1,
  producer: 'inventory',
  description: 'Superseded by version 2 (location split into site and node).',
  schema: z.object({
    assetId: id,
    ...assetDetails,
    site: z.undefined().optional(),
    node: z.undefined().optional(),
    location: z.string().min(1),
  }),
});

export const AssetDetailsUpdated = defineEvent({
  type: 'AssetDetailsUpdated',
  producer: 'inventory',
  description: 'Descriptive fields of an asset changed (not its version: that is AssetVersionChanged).',
  schema: z.object({
    assetId: id,
    changes: z.object(assetDetails).omit({ version: true, kind: true }).partial(),
  }),
});

export const AssetVersionChanged = defineEvent({
  type: 'AssetVersionChanged',
  producer: 'inventory',
  description: 'The version installed on an asset moved, with what caused it.',
  schema: z.object({
    assetId: id,
    fromVersion: versionString,
    toVersion: versionString,
    reason: z.enum(['upgrade-applied', 'rollback-completed', 'manual-correction']),
    upgradeId: id.nullable(),
    causedByEventId: id.nullable(),
  }),
});

export const AssetRetired = defineEvent({
  type: 'AssetRetired',
  producer: 'inventory',
  description: 'An asset left service; it stays in history but takes no new dependencies.',
  schema: z.object({ assetId: id, reason: nonEmptyText }),
});

export const DependencyDeclared = defineEvent({
  type: 'DependencyDeclared',
  producer: 'inventory',
  description: 'Asset A depends on asset B in the given relation.',
  schema: z.object({ assetId: id, dependsOnAssetId: id, relation: z.enum(DEPENDENCY_RELATIONS) }),
});

export const DependencyRemoved = defineEvent({
  type: 'DependencyRemoved',
  producer: 'inventory',
  description: 'A declared dependency no longer holds.',
  schema: z.object({ assetId: id, dependsOnAssetId: id, relation: z.enum(DEPENDENCY_RELATIONS) }),
});

const ruleDetails = {
  ruleId: id,
  product: z.string().min(1),
  versionRange: z.string().min(1),
  requiresProduct: z.string().min(1),
  requiresRange: z.string().min(1),
  source: z.object({ kind: z.enum(['vendor-note', 'test', 'field-report']), reference: z.string().min(1) }),
  reason: z.string().nullable(),
};

/**
 * Whether the two products may run at different versions while an upgrade rolls through the
 * estate (the rule book: "some systems support mixed-version operation for a limited period,
 * while others require all components to be upgraded together"): for at most `days` days, not at
 * all, or not stated by the source.
 */
export const mixedVersionStance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('supported'), days: z.number().int().min(1).max(365) }),
  z.object({ kind: z.literal('upgrade-together') }),
  z.object({ kind: z.literal('unspecified') }),
]);
export type MixedVersionStance = z.infer<typeof mixedVersionStance>;

export const CompatibilityRuleDeclared = defineEvent({
  type: 'CompatibilityRuleDeclared',
  schemaVersion: 2,
  producer: 'inventory',
  description:
    'Product P in version range R requires product Q in range S, and whether the two may run at mixed versions (for how many days) or must be upgraded together.',
  schema: z.object({ ...ruleDetails, mixedVersions: mixedVersionStance }),
});

/** Version 1 said nothing about mixed versions; upcast on read as "unspecified". */
export const CompatibilityRuleDeclaredV1 = defineEvent({
  type: 'CompatibilityRuleDeclared',
  schemaVersion: 1,
  producer: 'inventory',
  description: 'Superseded by version 2 (the mixed-version stance).',
  schema: z.object({ ...ruleDetails, mixedVersions: z.undefined().optional() }),
});

export const inventoryEvents = [
  AssetRegistered,
  AssetDetailsUpdated,
  AssetVersionChanged,
  AssetRetired,
  DependencyDeclared,
  DependencyRemoved,
  CompatibilityRuleDeclared,
  ConfigurationSnapshotCaptured,
] as const;
