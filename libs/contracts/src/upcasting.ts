import { currentDefinition } from './catalogue.js';
import type { EventEnvelope } from './envelope.js';
import { configurationSnapshotCapturedV1ToV2 } from './events/configuration-snapshots.js';
import { backupTakenV1ToV2, backupVerifiedV1ToV2 } from './events/execution-backups.js';
import { planningUpcasters } from './events/planning/upcasters.js';
import type { Upcaster } from './upcaster.js';

export type { Upcaster } from './upcaster.js';

/** AssetRegistered v1 → v2: the "site/node" location string became two fields. */
const assetRegisteredV1ToV2: Upcaster = {
  type: 'AssetRegistered',
  fromVersion: 1,
  upcast: ({ location, ...rest }) => {
    const [site, ...node] = String(location).split('/');
    return { ...rest, site, node: node.join('/') || site };
  },
};

/** CompatibilityRuleDeclared v1 → v2: a v1 rule's source said nothing about mixed versions. */
const compatibilityRuleDeclaredV1ToV2: Upcaster = {
  type: 'CompatibilityRuleDeclared',
  fromVersion: 1,
  upcast: (payload) => ({ ...payload, mixedVersions: { kind: 'unspecified' } }),
};

const upcasters = new Map(
  [
    assetRegisteredV1ToV2,
    compatibilityRuleDeclaredV1ToV2,
    backupTakenV1ToV2,
    backupVerifiedV1ToV2,
    configurationSnapshotCapturedV1ToV2,
    ...planningUpcasters,
  ].map((u) => [`${u.type}@${u.fromVersion}`, u]),
);

/**
 * Brings a stored event to the current schema version of its type. The hash stays that of the
 * stored form: chains are verified on what was written, deciders see the current shape.
 */
export function upcast<P = Record<string, unknown>>(event: EventEnvelope): EventEnvelope<P> {
  const target = currentDefinition(event.type)?.schemaVersion ?? event.schemaVersion;
  let current = event;
  while (current.schemaVersion < target) {
    const step = upcasters.get(`${current.type}@${current.schemaVersion}`);
    if (!step) throw new Error(`no upcaster for ${current.type} v${current.schemaVersion}`);
    current = { ...current, schemaVersion: current.schemaVersion + 1, payload: step.upcast(current.payload, current) };
  }
  return current as EventEnvelope<P>;
}
