import { createUpgradeControlClient, type ResponseCheck, type UpgradeControlClient } from '@upgrade-control/client';
import { contractCheck, KEYS } from '../../scripts/demo/client.mjs';
import type { RunningSystem } from './system.js';

export type Role = keyof typeof KEYS;

/**
 * The running system as each role reaches it: only through the typed client, so a response that
 * drifts from the document is a type error here, and every answer is validated against
 * docs/openapi.json at run time (a failed test).
 */
export function asRoles(
  system: RunningSystem,
  validate: ResponseCheck = contractCheck,
): Record<Role, UpgradeControlClient> {
  const roles = {} as Record<Role, UpgradeControlClient>;
  for (const [role, apiKey] of Object.entries(KEYS) as [Role, string][])
    roles[role] = createUpgradeControlClient({ urls: system.urls, apiKey, validate });
  return roles;
}
