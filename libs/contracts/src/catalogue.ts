import type { EventDefinition } from './define-event.js';
import { ConfigurationSnapshotCapturedV1 } from './events/configuration-snapshots.js';
import { AssetRegisteredV1, CompatibilityRuleDeclaredV1, inventoryEvents } from './events/inventory.js';
import {
  CompatibilityAssessedV1,
  CompatibilityWaivedV1,
  planningEvents,
  TestEvidenceRecordedV1,
  UpgradeApprovedV1,
  UsersNotifiedV1,
} from './events/planning.js';
import { BackupTakenV1, BackupVerifiedV1, executionEvents } from './events/execution.js';
import { monitoringEvents } from './events/monitoring.js';
import { checkpointEvents } from './events/checkpoints.js';

/** Every event type at its current schema version. */
export const eventCatalogue: readonly EventDefinition[] = [
  ...inventoryEvents,
  ...planningEvents,
  ...executionEvents,
  ...monitoringEvents,
  ...checkpointEvents,
];

/** Older versions still readable from the log (upcast on read). */
export const supersededEvents: readonly EventDefinition[] = [
  AssetRegisteredV1,
  CompatibilityRuleDeclaredV1,
  UsersNotifiedV1,
  UpgradeApprovedV1,
  CompatibilityAssessedV1,
  CompatibilityWaivedV1,
  TestEvidenceRecordedV1,
  BackupTakenV1,
  BackupVerifiedV1,
  ConfigurationSnapshotCapturedV1,
];

const byKey = new Map([...eventCatalogue, ...supersededEvents].map((d) => [`${d.type}@${d.schemaVersion}`, d]));
const currentByType = new Map(eventCatalogue.map((d) => [d.type, d]));

export const currentDefinition = (type: string): EventDefinition | undefined => currentByType.get(type);
export const definitionAt = (type: string, schemaVersion: number): EventDefinition | undefined =>
  byKey.get(`${type}@${schemaVersion}`);
