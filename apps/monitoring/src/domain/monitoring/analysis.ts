import { analysisTriggerId } from '@upgrade-control/contracts';
import { accept, type Decision } from '@upgrade-control/platform/domain';
import { judge } from '../analysis/judge.js';
import { advance, atTheEnd, conclusion, noProgress, type AnalysisProgress } from './analysis-progress.js';
import {
  key,
  unkey,
  type AnalysisTarget,
  type Command,
  type MonitoringEvent,
  type MonitoringState,
  type Watch,
} from './model.js';

const progressOf = (w: Watch, assetId: string, metric: string): AnalysisProgress =>
  w.analyses[key(assetId, metric)] ?? noProgress();

/**
 * The baseline is captured once per metric and target while the period is open; a second capture
 * (a redelivered tick, another replica) says nothing new, so the first values stay the reference.
 */
export function captureAnalysisBaseline(
  command: Command<'CaptureAnalysisBaseline'>,
  state: MonitoringState,
): Decision<MonitoringEvent> {
  if (state.status !== 'Monitoring') return accept();
  const w = state.watch;
  if (progressOf(w, command.assetId, command.metric).baseline !== null) return accept();
  return accept({
    type: 'AnalysisBaselineCaptured',
    payload: {
      upgradeId: w.upgradeId,
      assetId: command.assetId,
      metric: command.metric,
      query: command.query,
      periods: command.periods,
      values: command.values,
      capturedAt: command.now.toISOString(),
    },
  });
}

/**
 * One run: judged here from the measurement and the captured baseline, so the event log alone
 * replays it. Only the next run number is measured (a run measured before is not measured twice,
 * whatever redelivery or restart asks again); past a limit, or after `count` runs, it concludes.
 */
export function measureAnalysis(
  command: Command<'MeasureAnalysis'>,
  state: MonitoringState,
): Decision<MonitoringEvent> {
  if (state.status !== 'Monitoring') return accept();
  const w = state.watch;
  const { assetId, metric, run, now } = command;
  const before = progressOf(w, assetId, metric.name);
  if (before.outcome !== null || run !== before.runs + 1) return accept();
  const judged = judge(metric.judgement, command.measurement, before.baseline ?? []);
  const measured: MonitoringEvent = {
    type: 'AnalysisMeasured',
    payload: {
      upgradeId: w.upgradeId,
      assetId,
      metric: metric.name,
      run,
      query: command.query,
      from: command.from.toISOString(),
      to: command.to.toISOString(),
      values: 'values' in command.measurement ? [...command.measurement.values] : [],
      verdict: judged.verdict,
      reason: judged.reason,
      observed: judged.observed ?? null,
      limit: judged.limit ?? null,
      pValue: judged.pValue ?? null,
      measuredAt: now.toISOString(),
    },
  };
  const after = advance(before, judged.verdict);
  const ends = conclusion(metric, after);
  return accept(measured, ...(ends ? [concluded(w.upgradeId, assetId, metric.name, after, ends, now)] : []));
}

function concluded(
  upgradeId: string,
  assetId: string,
  metric: string,
  p: AnalysisProgress,
  ends: NonNullable<ReturnType<typeof conclusion>>,
  now: Date,
): MonitoringEvent {
  return {
    type: 'AnalysisConcluded',
    payload: {
      upgradeId,
      assetId,
      metric,
      ...ends,
      runs: p.runs,
      failures: p.failures,
      inconclusives: p.inconclusives,
      consecutiveErrors: p.consecutiveErrors,
      concludedAt: now.toISOString(),
    },
  };
}

/**
 * A concluded analysis that did not pass, which the decision owner or an approver chose to live
 * with (execution's RollbackDeclined on its trigger), is accepted: it stops holding the period
 * open, which would otherwise extend for ever. Anything else the decision names (a threshold
 * trigger, an analysis still running, one accepted already) is not an analysis finding to accept.
 */
export function acceptAnalysisFinding(
  command: Command<'AcceptAnalysisFinding'>,
  state: MonitoringState,
): Decision<MonitoringEvent> {
  if (state.status !== 'Monitoring') return accept();
  const w = state.watch;
  for (const [k, p] of Object.entries(w.analyses)) {
    const [assetId, metric] = unkey(k);
    if (analysisTriggerId(metric, assetId) !== command.triggerId) continue;
    if (p.outcome === null || p.outcome === 'passed' || p.accepted) return accept();
    return accept({
      type: 'AnalysisFindingAccepted',
      payload: {
        upgradeId: w.upgradeId,
        assetId,
        metric,
        outcome: p.outcome,
        acceptedBy: command.acceptedBy,
        reason: command.reason,
        acceptedAt: command.now.toISOString(),
      },
    });
  }
  return accept();
}

/**
 * At the period's end: an analysis without a count that ran and stayed within its limits passes
 * now; one that failed (unless only recorded, as dry-run), went inconclusive or errored, or has
 * not concluded, is an open item that keeps stability from being confirmed.
 */
export function analysesAtPeriodEnd(
  analyses: readonly AnalysisTarget[],
  w: Watch,
  now: Date,
): { events: MonitoringEvent[]; openItems: string[] } {
  const events: MonitoringEvent[] = [];
  const openItems: string[] = [];
  for (const { assetId, metric } of analyses) {
    const p = progressOf(w, assetId, metric.name);
    const what = `analysis ${assetId} ${metric.name}`;
    if (p.outcome === 'passed' || p.accepted || (p.outcome === 'failed' && metric.mode === 'dry-run')) continue;
    if (p.outcome !== null) openItems.push(`${what} ${p.outcome}`);
    else if (metric.count === null && p.runs > 0 && conclusion(metric, p) === null) {
      const ends = atTheEnd(metric, p);
      events.push(concluded(w.upgradeId, assetId, metric.name, p, ends, now));
      if (ends.outcome !== 'passed') openItems.push(`${what} ${ends.outcome}`);
    } else openItems.push(`${what} not concluded (${p.runs} run${p.runs === 1 ? '' : 's'})`);
  }
  return { events, openItems };
}
