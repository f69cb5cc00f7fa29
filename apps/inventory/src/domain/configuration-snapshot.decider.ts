import { createHash } from 'node:crypto';
import {
  canonicalJson,
  type Actor,
  type ConfigurationSnapshotCaptured,
  type DomainEventOf,
  type SnapshotPhase,
} from '@upgrade-control/contracts';
import { accept, invalid, refuse, type Decider, type Decision } from '@upgrade-control/platform/domain';

/**
 * Secrets never enter the record, only references to where they live: a string such as
 * "vault:kv/orders-db#password" or "secretref:…", or an object { "secretRef": "…" }.
 */
const REFERENCE = /^(vault|secretref|env|aws-sm|azure-kv|gcp-sm):\S+$/i;
const SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|client[-_]?secret)$/i;
const SECRET_VALUE: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/, 'a JSON web token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/^(ghp|gho|github_pat|xox[abp]|sk_live)_[\w-]{10,}/, 'an access token'],
  [/:\/\/[^/\s:@]+:[^/\s@]+@/, 'a URL with an embedded password'],
];

export interface SecretFound {
  path: string;
  why: string;
}

export function findSecret(value: unknown, path = 'configuration'): SecretFound | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findSecret(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}.${key}`;
      if (key === 'secretRef' && typeof child === 'string') continue;
      if (SECRET_KEY.test(key) && isLiteral(child))
        return { path: childPath, why: `"${key}" holds a literal value; store a secret reference` };
      const found = findSecret(child, childPath);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'string' && !REFERENCE.test(value)) {
    const match = SECRET_VALUE.find(([pattern]) => pattern.test(value));
    if (match) return { path, why: `the value looks like ${match[1]}` };
  }
  return null;
}

const isLiteral = (value: unknown) =>
  (typeof value === 'string' && value.length > 0 && !REFERENCE.test(value)) || typeof value === 'number';

export const contentHash = (configuration: unknown) =>
  createHash('sha256').update(canonicalJson(configuration)).digest('hex');

export type SnapshotEvent = DomainEventOf<typeof ConfigurationSnapshotCaptured>;

export interface CaptureSnapshot {
  snapshotId: string;
  assetId: string;
  label: string | null;
  configuration: Record<string, unknown>;
  /** The upgrade and phase the snapshot is taken for, or null for a snapshot of the asset alone. */
  link: { upgradeId: string; phase: SnapshotPhase } | null;
  capturedBy: Actor;
  now: Date;
}

/** Who may record a target's configuration for an upgrade: whoever runs it, or a machine identity. */
const LINK_ROLES: readonly Actor['role'][] = ['operator', 'agent'];

/** Snapshots are immutable: one stream per snapshot, captured once. */
export type SnapshotState = { captured: boolean };

function captureSnapshot(input: CaptureSnapshot, state: SnapshotState): Decision<SnapshotEvent> {
  if (state.captured) return refuse(invalid('snapshotId', 'unique', `snapshot ${input.snapshotId} already exists`));
  const secret = findSecret(input.configuration);
  if (secret) return refuse(invalid(secret.path, 'no-secrets', `${secret.path}: ${secret.why}`));
  // Configuration is recorded for an upgrade by the operator running it or an agent reading it.
  if (input.link && !LINK_ROLES.includes(input.capturedBy.role))
    return refuse(
      invalid(
        'upgradeId',
        'captured-by-operator-or-agent',
        `a snapshot for upgrade ${input.link.upgradeId} is captured by an operator or an agent, not a ${input.capturedBy.role}`,
      ),
    );
  return accept({
    type: 'ConfigurationSnapshotCaptured',
    payload: {
      snapshotId: input.snapshotId,
      assetId: input.assetId,
      capturedAt: input.now.toISOString(),
      label: input.label,
      contentHash: contentHash(input.configuration),
      configuration: input.configuration,
      upgradeId: input.link?.upgradeId ?? null,
      phase: input.link?.phase ?? null,
    },
  });
}

export const snapshotDecider: Decider<CaptureSnapshot, SnapshotEvent, SnapshotState> = {
  decide: captureSnapshot,
  evolve: () => ({ captured: true }),
  initialState: () => ({ captured: false }),
};

export const snapshotStreamId = (snapshotId: string) => `configuration-snapshot-${snapshotId}`;
