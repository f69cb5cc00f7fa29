import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemActor } from '@upgrade-control/contracts';
import { CLOCK, Decide, LOGGER, PeriodicService, type Caller, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { analysisTargets } from '../application/analysis-targets.js';
import { MonitoringFacts } from '../application/monitoring-facts.js';
import { observe, triggerMetrics } from '../application/observations.js';
import { monitoringStream } from '../application/streams.js';
import { unsettledWaves } from '../domain/upgrade-record/waves.js';

export const DETECTOR_INTERVAL_MS = Symbol('DetectorIntervalMs');
export const EXTENSION_MINUTES = Symbol('ExtensionMinutes');

const DETECTOR: Caller = { actor: systemActor('monitoring'), traceparent: null };

/**
 * Compares each open monitoring period's live window with its baseline. State lives in the event
 * store (open episodes, period end), so it survives restarts; replicas may both evaluate, but
 * optimistic concurrency lets one append and the other then finds nothing new to say.
 */
@Injectable()
export class RegressionDetector extends PeriodicService {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: MonitoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Inject(DETECTOR_INTERVAL_MS) intervalMs: number,
    @Inject(EXTENSION_MINUTES) private readonly extensionMinutes: number,
  ) {
    super('regression detector', intervalMs, logger);
  }

  protected async tick(): Promise<void> {
    for (const upgradeId of await this.facts.monitoredUpgrades()) {
      const [state, plan, metrics] = await Promise.all([
        this.facts.state(upgradeId),
        this.facts.plan(upgradeId),
        this.facts.analysis(upgradeId),
      ]);
      if (state.status !== 'Monitoring' || !plan) continue;
      // The window ends, and the decision and its events are dated, at this one instant.
      const now = this.clock();
      const { observations, silences } = await observe(this.facts, plan, state.watch, now);
      // Unsettled waves matter only where the period ends: the log is read then, not on every tick.
      const { endsAt } = state.watch;
      const ending = endsAt !== null && now.getTime() >= Date.parse(endsAt);
      const command = {
        type: 'EvaluateMonitoring' as const,
        now,
        observations,
        silences,
        triggerMetrics: triggerMetrics(plan),
        windowStartsAt: plan.window.startsAt,
        extensionMinutes: this.extensionMinutes,
        analyses: analysisTargets(metrics, state.watch.assetIds),
        // Read before the decision: a wave only ever settles, so a stale read keeps the period open, never ends it early.
        unsettledWaves: ending ? unsettledWaves(await this.facts.rollout(upgradeId)) : [],
      };
      await this.commands.execute(Decide.by(DETECTOR, monitoringStream, upgradeId, command, { at: now }));
    }
  }
}
