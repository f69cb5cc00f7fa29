import { createHash } from 'node:crypto';
import { canonicalJson, type ConfigurationSnapshotCaptured, type DomainEventOf } from '@upgrade-control/contracts';
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
  now: Date;
}

/** Snapshots are immutable: one stream per snapshot, captured once. */
export type SnapshotState = { captured: boolean };

function captureSnapshot(input: CaptureSnapshot, state: SnapshotState): Decision<SnapshotEvent> {
  if (state.captured) return refuse(invalid('snapshotId', 'unique', `snapshot ${input.snapshotId} already exists`));
  const secret = findSecret(input.configuration);
  if (secret) return refuse(invalid(secret.path, 'no-secrets', `${secret.path}: ${secret.why}`));
  return accept({
    type: 'ConfigurationSnapshotCaptured',
    payload: {
      snapshotId: input.snapshotId,
      assetId: input.assetId,
      capturedAt: input.now.toISOString(),
      label: input.label,
      contentHash: contentHash(input.configuration),
      configuration: input.configuration,
    },
  });
}

export const snapshotDecider: Decider<CaptureSnapshot, SnapshotEvent, SnapshotState> = {
  decide: captureSnapshot,
  evolve: () => ({ captured: true }),
  initialState: () => ({ captured: false }),
};

export const snapshotStreamId = (snapshotId: string) => `configuration-snapshot-${snapshotId}`;

export interface SnapshotDiff {
  added: { path: string; value: unknown }[];
  removed: { path: string; value: unknown }[];
  changed: { path: string; before: unknown; after: unknown }[];
}

/** Leaf-by-leaf difference; arrays are compared by index, so a reordered list shows as changes. */
export function diffConfigurations(before: unknown, after: unknown): SnapshotDiff {
  const [a, b] = [flatten(before), flatten(after)];
  const diff: SnapshotDiff = { added: [], removed: [], changed: [] };
  for (const [path, value] of b) if (!a.has(path)) diff.added.push({ path, value });
  for (const [path, value] of a) {
    if (!b.has(path)) diff.removed.push({ path, value });
    else if (canonicalJson(value) !== canonicalJson(b.get(path)))
      diff.changed.push({ path, before: value, after: b.get(path) });
  }
  return diff;
}

function flatten(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const isContainer = value !== null && typeof value === 'object';
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : isContainer
      ? Object.entries(value).map(([k, v]) => [`.${k}`, v] as const)
      : [];
  if (!isContainer || entries.length === 0) {
    out.set(path || '$', value);
    return out;
  }
  for (const [suffix, child] of entries) flatten(child, `${path}${suffix}`.replace(/^\./, ''), out);
  return out;
}
