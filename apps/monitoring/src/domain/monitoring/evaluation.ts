import { accept, type Decision } from '@upgrade-control/platform/domain';
import { analysesAtPeriodEnd } from './analysis.js';
import {
  key,
  unkey,
  type Command,
  type MonitoringEvent,
  type MonitoringState,
  type TriggerMetric,
  type Watch,
} from './model.js';

export function evaluateMonitoring(
  command: Command<'EvaluateMonitoring'>,
  state: MonitoringState,
): Decision<MonitoringEvent> {
  if (state.status !== 'Monitoring') return accept();
  const w = state.watch;
  const open = new Set(w.openRegressions);
  const silent = new Set(w.silent);
  const events = [...breachEpisodes(command, w, open), ...silenceEpisodes(command, w, silent)];
  if (w.endsAt && command.now.getTime() >= Date.parse(w.endsAt)) events.push(...periodEnd(command, w, open, silent));
  return accept(...events);
}

/**
 * One event per breach episode: it opens once and closes once. Updates `open` as it goes. A breach
 * opens only over a window wholly inside the period: "sustained for N minutes" cannot be known
 * sooner than N minutes after the upgrade, and a sample from before it says nothing about the
 * release (a lone bad sample a second after monitoring began once rolled the demo back).
 */
function breachEpisodes(command: Command<'EvaluateMonitoring'>, w: Watch, open: Set<string>) {
  const upgradeId = w.upgradeId;
  const events: MonitoringEvent[] = [];
  for (const o of command.observations) {
    const k = key(o.assetId, o.metric);
    if (o.breached && !open.has(k) && withinPeriod(w, o.windowFrom)) {
      events.push({
        type: 'RegressionDetected',
        payload: {
          upgradeId,
          assetId: o.assetId,
          metric: o.metric,
          triggerId: o.triggerId,
          baseline: o.baseline,
          observed: o.observed,
          threshold: o.threshold,
          windowFrom: o.windowFrom,
          windowTo: o.windowTo,
        },
      });
      open.add(k);
    } else if (!o.breached && open.has(k)) {
      events.push({
        type: 'RegressionResolved',
        payload: {
          upgradeId,
          assetId: o.assetId,
          metric: o.metric,
          observed: o.observed,
          resolvedAt: command.now.toISOString(),
        },
      });
      open.delete(k);
    }
  }
  return events;
}

/**
 * No data is a finding: a trigger metric without one sample over an evaluation window that lies
 * wholly inside the period opens a no-data finding (once per silence); it closes when the
 * metric is no longer silent. Updates `silent` as it goes.
 */
function silenceEpisodes(command: Command<'EvaluateMonitoring'>, w: Watch, silent: Set<string>) {
  const events: MonitoringEvent[] = [];
  const silentNow = new Set(command.silences.map((s) => key(s.assetId, s.metric)));
  for (const k of [...silent].filter((k) => !silentNow.has(k))) {
    const [assetId, metric] = unkey(k);
    const resumedAt = command.now.toISOString();
    events.push({ type: 'DataResumed', payload: { upgradeId: w.upgradeId, assetId, metric, resumedAt } });
    silent.delete(k);
  }
  for (const s of command.silences) {
    const k = key(s.assetId, s.metric);
    if (silent.has(k) || !withinPeriod(w, s.windowFrom)) continue;
    events.push({ type: 'NoDataDetected', payload: { upgradeId: w.upgradeId, ...s } });
    silent.add(k);
  }
  return events;
}

/** Whether an evaluation window starting at `from` lies wholly inside the monitoring period. */
const withinPeriod = (w: Watch, from: string) => w.startsAt !== null && Date.parse(from) >= Date.parse(w.startsAt);

/**
 * Baseline required: each trigger metric needs a baseline captured from a period that ended
 * before the window opened; without one, "normal" was never observed and stability cannot be.
 */
function withoutBaseline(command: Command<'EvaluateMonitoring'>, w: Watch): TriggerMetric[] {
  return command.triggerMetrics.filter(({ assetId, metric }) => {
    const end = w.baselineEnds[assetId];
    const captured = w.baselines[assetId]?.[metric] !== undefined && end !== undefined;
    return !captured || Date.parse(end) > Date.parse(command.windowStartsAt);
  });
}

/** The period is over: stable when nothing is open (analyses without a count pass first), else it goes on. */
function periodEnd(
  command: Command<'EvaluateMonitoring'>,
  w: Watch,
  open: Set<string>,
  silent: Set<string>,
): MonitoringEvent[] {
  const analyses = analysesAtPeriodEnd(command.analyses, w, command.now);
  const before = `captured before the window opening ${new Date(command.windowStartsAt).toISOString()}`;
  const openItems = [
    ...[...open].map((k) => `regression ${k.replace('|', ' ')}`),
    ...[...silent].map((k) => `no data ${k.replace('|', ' ')}`),
    ...new Set(withoutBaseline(command, w).map((m) => `no baseline ${m.assetId} ${m.metric} ${before}`)),
    ...w.openIncidents.map((i) => `incident ${i}`),
    ...analyses.openItems,
    ...command.unsettledWaves.map((wave) => `wave ${wave} pending`),
  ];
  if (openItems.length) {
    const newEndsAt = new Date(command.now.getTime() + command.extensionMinutes * 60_000).toISOString();
    return [
      ...analyses.events,
      { type: 'MonitoringExtended', payload: { upgradeId: w.upgradeId, newEndsAt, openItems } },
    ];
  }
  return [
    ...analyses.events,
    { type: 'StabilityConfirmed', payload: { upgradeId: w.upgradeId, confirmedAt: command.now.toISOString() } },
  ];
}
