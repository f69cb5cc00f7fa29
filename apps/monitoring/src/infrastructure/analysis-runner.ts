import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemActor } from '@upgrade-control/contracts';
import { CLOCK, Decide, LOGGER, PeriodicService, type Caller, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { advanceAnalysis } from '../application/analysis-runs.js';
import { analysisTargets } from '../application/analysis-targets.js';
import { MonitoringFacts } from '../application/monitoring-facts.js';
import { monitoringStream } from '../application/streams.js';
import type { MonitoringCommand } from '../domain/monitoring.decider.js';
import { PrometheusMetricProvider } from './prometheus-metric-provider.js';
import { PushedMetricProvider } from './pushed-metric-provider.js';

/** How often the runner looks for due runs; each metric's own interval decides when a run is due. */
export const ANALYSIS_TICK_MS = Symbol('AnalysisTickMs');

const RUNNER: Caller = { actor: systemActor('monitoring'), traceparent: null };

/**
 * Runs the plans' metric analyses (ADR 32): for each open monitoring period, captures each
 * metric's baseline and measures every run that is due. What was measured lives in the event
 * store, so a restart resumes at the next run number; replicas may both try, and optimistic
 * concurrency plus the run number let only one run be recorded.
 */
@Injectable()
export class AnalysisRunner extends PeriodicService {
  private readonly providers: ReadonlyMap<string, PrometheusMetricProvider | PushedMetricProvider>;

  constructor(
    private readonly commands: CommandBus,
    private readonly facts: MonitoringFacts,
    prometheus: PrometheusMetricProvider,
    pushed: PushedMetricProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Inject(ANALYSIS_TICK_MS) tickMs: number,
  ) {
    super('analysis runner', tickMs, logger);
    this.providers = new Map([prometheus, pushed].map((p) => [p.name, p]));
  }

  protected async tick(): Promise<void> {
    for (const upgradeId of await this.facts.monitoredUpgrades()) {
      const [state, plan, metrics] = await Promise.all([
        this.facts.state(upgradeId),
        this.facts.plan(upgradeId),
        this.facts.analysis(upgradeId),
      ]);
      if (state.status !== 'Monitoring' || !plan || metrics.length === 0) continue;
      const targets = analysisTargets(metrics, state.watch.assetIds);
      const labels = new Map((await this.facts.labels(state.watch.assetIds)).map((l) => [l.assetId, l]));
      // The runs due and the decisions' dates are taken at this one instant.
      const now = this.clock();
      const decide = async (command: MonitoringCommand) => {
        await this.commands.execute(Decide.by(RUNNER, monitoringStream, upgradeId, command, { at: now }));
      };
      const context = {
        providers: this.providers,
        watch: state.watch,
        labels,
        windowStartsAt: plan.window.startsAt,
        now,
        decide,
      };
      for (const target of targets) await advanceAnalysis(target, context);
    }
  }
}
