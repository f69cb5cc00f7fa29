import { shown } from './analysis/verdict.js';
import { table } from './markdown-table.js';
import type { UpgradeRecord } from './upgrade-record.js';

const figure = (value: number | null) => (value === null ? null : shown(value));

/**
 * The metric analysis: per metric and target, how it ended, the baseline it was judged against
 * and a row per run (ADR 32); nothing when the plan defined no analysis.
 */
export function metricAnalysis(r: UpgradeRecord): string[] {
  if (r.analysis.length === 0) return [];
  return [
    '## Metric analysis',
    ...r.analysis.flatMap((a) => [
      `### ${a.metric} on ${a.assetId}`,
      `- Outcome: ${a.conclusion ? `**${a.conclusion.outcome}** (action ${a.conclusion.action}) at ${a.conclusion.concludedAt}: ${a.conclusion.reason}` : 'not concluded'}`,
      ...(a.accepted ? [`- Accepted by ${a.accepted.by} at ${a.accepted.at}: ${a.accepted.reason}`] : []),
      `- Baseline: ${a.baseline ? `${a.baseline.valueCount} values from ${a.baseline.periods.map((p) => `${p.from} – ${p.to}`).join(', ')}` : 'not captured'}`,
      '',
      table(
        ['run', 'window', 'observed', 'limit', 'p-value', 'verdict', 'reason'],
        a.runs.map((run) => [
          run.run,
          `${run.from} – ${run.to}`,
          figure(run.observed),
          figure(run.limit),
          figure(run.pValue),
          run.verdict,
          run.reason,
        ]),
      ),
    ]),
  ];
}
