import { entryPerEvent, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** The test runs before the upgrade: where, on what data, under load or not, with which result. */
export const tests: RecordSection<UpgradeRecord['tests']> = entryPerEvent('TestEvidenceRecorded', ({ payload: p }) => ({
  environment: p.environment,
  outcome: p.outcome,
  representativeData: p.representativeData,
  loadTested: p.loadTested,
  summary: p.summary,
}));
