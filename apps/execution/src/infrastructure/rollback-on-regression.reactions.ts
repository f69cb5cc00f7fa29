import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  analysisTriggerId,
  type AnalysisConcluded,
  type EventEnvelope,
  type NoDataDetected,
  type PayloadOf,
  type RegressionDetected,
  type TRIGGER_MODES,
} from '@upgrade-control/contracts';
import { Decide, EventConsumer, type Transaction } from '@upgrade-control/platform';
import { Moments } from '../application/moments.js';
import { executionStream } from '../application/streams.js';

const ANALYSIS_MODE: Record<PayloadOf<typeof AnalysisConcluded>['action'], (typeof TRIGGER_MODES)[number] | null> = {
  none: null,
  rollback: 'automatic',
  'confirm-rollback': 'confirm',
  pause: 'confirm',
  'record-only': 'dry-run',
};

/**
 * Execution reacts to monitoring's regressions and no-data findings by asking for (or triggering)
 * a rollback (its views of planning and the inventory are read models, see read-models.ts). A
 * regression (or a no-data finding) comes after the execution it concerns started, which needed
 * the ready plan: the facts it reads are there whatever the order across topics. It reads them in
 * the consumer's transaction.
 */
@Injectable()
export class RollbackOnRegression implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly commands: CommandBus,
    private readonly moments: Moments,
  ) {}

  onModuleInit(): void {
    this.consumer.on('RegressionDetected', (e, tx) => this.regression(e, tx));
    this.consumer.on('NoDataDetected', (e, tx) => this.noData(e, tx));
    this.consumer.on('AnalysisConcluded', (e, tx) => this.analysis(e, tx));
  }

  /**
   * A concluded metric analysis acts through the same decision as a regression, with the mode its
   * action names (ADR 32): a rollback, a question to the decision owner (confirm-rollback, or
   * pause after inconclusive or errored runs), or only a record; a passed one does nothing.
   */
  private async analysis(event: EventEnvelope, tx: Transaction): Promise<void> {
    const a = event.payload as PayloadOf<typeof AnalysisConcluded>;
    const mode = ANALYSIS_MODE[a.action];
    if (!mode) return;
    const moment = await this.moments.ofUpgrade(a.upgradeId, tx);
    const command = {
      type: 'ReactToRegression' as const,
      triggerId: analysisTriggerId(a.metric, a.assetId),
      metric: a.metric,
      assetId: a.assetId,
      reason: `analysis ${a.metric} on ${a.assetId} ${a.outcome}: ${a.reason}`,
      moment,
      mode,
    };
    await this.commands.execute(Decide.inReactionTo(event, tx, executionStream, a.upgradeId, command, moment.now));
  }

  /** No data for a trigger metric is a finding: the trigger's mode decides, as for a regression. */
  private async noData(event: EventEnvelope, tx: Transaction): Promise<void> {
    const r = event.payload as PayloadOf<typeof NoDataDetected>;
    const moment = await this.moments.ofUpgrade(r.upgradeId, tx);
    const reason = `no samples of ${r.metric} on ${r.assetId} from ${r.windowFrom} to ${r.windowTo}`;
    const command = {
      type: 'ReactToRegression' as const,
      triggerId: r.triggerId,
      metric: r.metric,
      assetId: r.assetId,
    };
    await this.commands.execute(
      Decide.inReactionTo(event, tx, executionStream, r.upgradeId, { ...command, reason, moment }, moment.now),
    );
  }

  private async regression(event: EventEnvelope, tx: Transaction): Promise<void> {
    const r = event.payload as PayloadOf<typeof RegressionDetected>;
    const moment = await this.moments.ofUpgrade(r.upgradeId, tx);
    const reason = `${r.metric} on ${r.assetId} was ${r.observed} against a baseline of ${r.baseline} (threshold ${r.threshold}) from ${r.windowFrom} to ${r.windowTo}`;
    const command = {
      type: 'ReactToRegression' as const,
      triggerId: r.triggerId,
      metric: r.metric,
      assetId: r.assetId,
      reason,
      moment,
    };
    await this.commands.execute(Decide.inReactionTo(event, tx, executionStream, r.upgradeId, command, moment.now));
  }
}
