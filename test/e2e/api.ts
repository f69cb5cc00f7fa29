import type { ResponseCheck } from '@upgrade-control/client';
import { contractCheck, roleClients, type KEYS, type RoleClients } from '../../scripts/demo/client.mjs';
import type { RunningSystem } from './system.js';

export type Role = keyof typeof KEYS;

/**
 * The running system as each role reaches it: the demo's role clients (one per role, built once
 * per caller), so a response that drifts from the document is a type error here, and every answer
 * is validated against docs/openapi.json at run time (a failed test).
 */
export function asRoles(system: RunningSystem, validate: ResponseCheck = contractCheck): RoleClients {
  return roleClients(system.urls, { validate });
}
