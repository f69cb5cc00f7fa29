import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import type { Upcaster } from '../upcaster.js';
import { id, isoDateTime } from './common.js';

/**
 * Configuration recorded before the upgrade (issue 14, item 8): a snapshot of each target after
 * the execution started and before apply, and another after apply; their diff goes into the record.
 */
export const SNAPSHOT_PHASES = ['before-apply', 'after-apply'] as const;
export type SnapshotPhase = (typeof SNAPSHOT_PHASES)[number];

const snapshotDetails = {
  snapshotId: id,
  assetId: id,
  /** The server's clock when inventory received the snapshot. */
  capturedAt: isoDateTime,
  label: z.string().nullable(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  configuration: z.record(z.string(), z.unknown()),
};

export const ConfigurationSnapshotCaptured = defineEvent({
  type: 'ConfigurationSnapshotCaptured',
  schemaVersion: 2,
  producer: 'inventory',
  description:
    'An immutable, content-hashed record of an asset configuration; secrets only as references. A snapshot taken ' +
    'for an upgrade names it and the phase (before or after apply); version 1 events read back with both null.',
  schema: z.object({
    ...snapshotDetails,
    upgradeId: id.nullable(),
    phase: z.enum(SNAPSHOT_PHASES).nullable(),
  }),
});

/** Version 1: a snapshot of an asset, tied to no upgrade. */
export const ConfigurationSnapshotCapturedV1 = defineEvent({
  type: 'ConfigurationSnapshotCaptured',
  producer: 'inventory',
  description: 'Superseded by version 2 (the upgrade and phase a snapshot was taken for).',
  schema: z.object(snapshotDetails),
});

/** ConfigurationSnapshotCaptured v1 → v2: a snapshot from before the link existed belongs to no upgrade. */
export const configurationSnapshotCapturedV1ToV2: Upcaster = {
  type: 'ConfigurationSnapshotCaptured',
  fromVersion: 1,
  upcast: (payload) => ({ ...payload, upgradeId: null, phase: null }),
};

export const ConfigurationSnapshotLinked = defineEvent({
  type: 'ConfigurationSnapshotLinked',
  producer: 'execution',
  description:
    "Execution accepted an inventory snapshot as a target's configuration before apply (captured after the start) " +
    'or after apply (captured after the upgrade was applied), judged by the server times.',
  schema: z.object({
    upgradeId: id,
    assetId: id,
    snapshotId: id,
    phase: z.enum(SNAPSHOT_PHASES),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    capturedAt: isoDateTime,
  }),
});
