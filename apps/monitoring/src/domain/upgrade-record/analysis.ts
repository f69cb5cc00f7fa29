import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Analysis = UpgradeRecord['analysis'][number];

const blank = (assetId: string, metric: string): Analysis => ({
  assetId,
  metric,
  baseline: null,
  runs: [],
  conclusion: null,
  accepted: null,
});

/** The entry of one metric on one target, created when its first event arrives, then changed. */
function changed(section: Analysis[], assetId: string, metric: string, change: (a: Analysis) => Analysis) {
  const matches = (a: Analysis) => a.assetId === assetId && a.metric === metric;
  return changeFirst(section.some(matches) ? section : [...section, blank(assetId, metric)], matches, change);
}

/**
 * Each analysis metric on each target: its baseline (periods and how many values; the values
 * themselves stay in the event log), a row per run, how it ended, and who accepted a finding.
 */
export const analysis: RecordSection<Analysis[]> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'AnalysisBaselineCaptured': {
        const { assetId, metric, periods, values, capturedAt } = event.payload;
        return changed(section, assetId, metric, (a) => ({
          ...a,
          baseline: { periods, valueCount: values.length, capturedAt },
        }));
      }
      case 'AnalysisMeasured': {
        const { assetId, metric, run, from, to, observed, limit, pValue, verdict, reason } = event.payload;
        return changed(section, assetId, metric, (a) => ({
          ...a,
          runs: [...a.runs, { run, from, to, observed, limit, pValue, verdict, reason }],
        }));
      }
      case 'AnalysisConcluded': {
        const { assetId, metric, outcome, action, reason, concludedAt } = event.payload;
        return changed(section, assetId, metric, (a) => ({
          ...a,
          conclusion: { outcome, action, reason, concludedAt },
        }));
      }
      case 'AnalysisFindingAccepted': {
        const { assetId, metric, acceptedBy, reason, acceptedAt } = event.payload;
        return changed(section, assetId, metric, (a) => ({
          ...a,
          accepted: { by: acceptedBy, reason, at: acceptedAt },
        }));
      }
      default:
        return section;
    }
  },
};
