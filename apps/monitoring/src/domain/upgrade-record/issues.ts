import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Issue = UpgradeRecord['issues'][number];

const open = (kind: string, at: string, summary: string): Issue => ({ kind, at, summary, resolved: false });
const resolve = (issue: Issue): Issue => ({ ...issue, resolved: true });

/** Everything that went wrong, in the order it happened, and whether it was resolved. */
export const issues: RecordSection<Issue[]> = {
  initial: () => [],
  evolve: (section, event) => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'BackupVerificationFailed':
        return [...section, open('backup-verification-failed', at, event.payload.reason)];
      case 'StepFailed':
        return [...section, open('step-failed', at, `${event.payload.stepId}: ${event.payload.error}`)];
      case 'LogReviewRecorded': {
        const findings = event.payload.findings.filter((f) => f.severity !== 'info');
        return [...section, ...findings.map((f) => open(`log-${f.severity}`, at, `${f.source}: ${f.message}`))];
      }
      case 'AcceptanceFailed':
        return [...section, open('acceptance-failed', at, `failed: ${event.payload.failedCriteria.join(', ')}`)];
      case 'RegressionDetected': {
        const p = event.payload;
        const summary = `${p.metric} on ${p.assetId}: ${p.observed} vs baseline ${p.baseline} (threshold ${p.threshold})`;
        return [...section, open('regression', at, summary)];
      }
      case 'RegressionResolved': {
        const episode = `${event.payload.metric} on ${event.payload.assetId}:`;
        return changeFirst(
          section,
          (i) => i.kind === 'regression' && !i.resolved && i.summary.startsWith(episode),
          resolve,
        );
      }
      case 'NoDataDetected': {
        const p = event.payload;
        const summary = `${p.metric} on ${p.assetId}: no samples from ${p.windowFrom} to ${p.windowTo}`;
        return [...section, open('no-data', at, summary)];
      }
      case 'DataResumed': {
        const silence = `${event.payload.metric} on ${event.payload.assetId}:`;
        return changeFirst(
          section,
          (i) => i.kind === 'no-data' && !i.resolved && i.summary.startsWith(silence),
          resolve,
        );
      }
      case 'IncidentReported': {
        const p = event.payload;
        return [...section, open(`incident-${p.severity}`, at, `${p.incidentId}: ${p.summary}`)];
      }
      case 'IncidentResolved': {
        const incident = `${event.payload.incidentId}:`;
        return changeFirst(section, (i) => i.kind.startsWith('incident') && i.summary.startsWith(incident), resolve);
      }
      default:
        return section;
    }
  },
};
