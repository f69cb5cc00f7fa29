// The demo's side of the system: the typed client (libs/client, built into libs/client/dist) as
// each role. The end-to-end tests drive the system through the same client.
import { readFileSync } from 'node:fs';
import { all, createUpgradeControlClient, eventually, followEvents, ok, refusal } from '@upgrade-control/client';
import { responseValidator } from '@upgrade-control/contracts/response-validator';

export { all, ok, refusal };

export const KEYS = {
  planner: 'dev-planner',
  approver: 'dev-approver',
  operator: 'dev-operator',
  observer: 'dev-observer',
  auditor: 'dev-auditor',
  agent: 'dev-agent',
};

export function services(base = {}) {
  return {
    inventory: base.inventory ?? process.env.INVENTORY_URL ?? 'http://127.0.0.1:3001',
    planning: base.planning ?? process.env.PLANNING_URL ?? 'http://127.0.0.1:3002',
    execution: base.execution ?? process.env.EXECUTION_URL ?? 'http://127.0.0.1:3003',
    monitoring: base.monitoring ?? process.env.MONITORING_URL ?? 'http://127.0.0.1:3004',
  };
}

/**
 * Checks an answer against the whole system's OpenAPI document (docs/openapi.json): the demo and
 * the end-to-end tests fail on any status, media type or body the contract does not declare.
 */
export const contractCheck = responseValidator(
  JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')),
);

/** @typedef {Record<keyof typeof KEYS, import('@upgrade-control/client').UpgradeControlClient>} RoleClients */

/**
 * One client per role (its development key), all over the same services; every answer is
 * checked against the contract unless another `validate` is given. Build them once per run and
 * hand them to every act (each client is a set of openapi-fetch clients with their middleware).
 * @param {Record<'inventory' | 'planning' | 'execution' | 'monitoring', string>} urls
 * @param {{ validate?: import('@upgrade-control/client').ResponseCheck }} [options]
 * @returns {RoleClients}
 */
export function roleClients(urls, { validate = contractCheck } = {}) {
  return Object.fromEntries(
    Object.entries(KEYS).map(([role, apiKey]) => [role, createUpgradeControlClient({ urls, apiKey, validate })]),
  );
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits while eventual consistency explains the answer (the other service has not caught up yet). */
export const until = (what, attempt, { timeoutMs = 60_000, everyMs = 250 } = {}) =>
  eventually(what, attempt, { timeoutMs, everyMs });

/**
 * Follows the monitoring service's live stream as the observer, calling onEvent for each event of
 * the given upgrades (of the given types only, filtered by the server, when `types` names some);
 * it resumes with Last-Event-ID after a dropped connection.
 */
export function follow(api, onEvent, { upgradeIds, types } = {}) {
  return followEvents(
    api.observer,
    (event) => {
      if (!upgradeIds || upgradeIds.has(event.correlationId)) onEvent(event);
    },
    types ? { filter: { types } } : {},
  );
}
