// The metric collector: every watched asset reports its error rate every 5 s, as a collector does.
import { ok } from '../client.mjs';
import { watchedAssets } from './baselines.mjs';

const EVERY_MS = 5000;

/**
 * Starts reporting now, and keeps on until stopped: monitoring watches each wave from its
 * acceptance (a pilot is judged while it bakes), and silence from a watched asset is a finding of
 * its own. Hamburg reports a healthy rate until `degrade()` (its new version goes in) and again
 * after `recover()` (the rollback is under way).
 */
export function startCollector({ api, id }) {
  const hamburg = id('pg-hamburg');
  let errs = false;
  let stopped = false;
  let wake = () => {};
  const report = () =>
    ok(
      api.observer.POST('/metrics', {
        body: {
          samples: watchedAssets(id).map((assetId) => ({
            assetId,
            metric: 'error_rate',
            timestamp: new Date().toISOString(),
            value: assetId === hamburg && errs ? 0.3 : 0.01,
          })),
        },
      }),
    );
  const running = (async () => {
    while (!stopped) {
      await report();
      // The collector's pace; stop() cuts the wait short.
      await new Promise((resolve) => {
        wake = resolve;
        setTimeout(resolve, EVERY_MS);
      });
    }
  })();
  return {
    degrade: () => {
      errs = true;
    },
    recover: () => {
      errs = false;
    },
    stop: async () => {
      stopped = true;
      wake();
      await running;
    },
  };
}
