// When the client first saw each upgrade's events of some types on monitoring's live stream.
import { follow } from '../../scripts/demo/client.mjs';

/**
 * Follows the stream for `types` of the given upgrades. `sighted(upgradeId, type)` resolves with
 * the client's clock (ms) when that event was first seen, at once if it already was, and rejects
 * after `timeoutMs` of waiting: a lost or stuck upgrade ends its wait instead of the whole run's.
 */
export function sightings(api, { upgradeIds, types, timeoutMs }) {
  const seen = new Map();
  const entry = (key) => {
    if (!seen.has(key)) {
      let resolve;
      const at = new Promise((r) => (resolve = r));
      seen.set(key, { at, resolve });
    }
    return seen.get(key);
  };
  const stop = follow(api, (event) => entry(`${event.correlationId} ${event.type}`).resolve(Date.now()), {
    upgradeIds,
    types,
  });
  const sighted = (upgradeId, type) => {
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${type} not seen within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return Promise.race([entry(`${upgradeId} ${type}`).at, deadline]).finally(() => clearTimeout(timer));
  };
  return { sighted, stop };
}
