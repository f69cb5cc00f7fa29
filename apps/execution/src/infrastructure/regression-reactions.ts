import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PayloadOf, RegressionDetected } from '@upgrade-control/contracts';
import { EventConsumer, EventStore, LOGGER, react, type Logger } from '@upgrade-control/platform';
import { ExecutionFacts } from '../application/execution-facts.js';
import { executionDecider, executionStreamId } from '../domain/execution.decider.js';

/**
 * Execution reacts to monitoring's regressions (its views of planning and the inventory are read
 * models, see read-models.ts). A regression comes after the execution it concerns started, which
 * needed the ready plan: the facts it reads are there whatever the order across topics.
 */
@Injectable()
export class ExecutionReactions implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly store: EventStore,
    private readonly facts: ExecutionFacts,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.consumer.on('RegressionDetected', (e, tx) => this.regression(e, tx));
  }

  private async regression(event: EventEnvelope, tx: EntityManager): Promise<void> {
    const r = event.payload as PayloadOf<typeof RegressionDetected>;
    const readiness = await this.facts.readiness(r.upgradeId);
    const moment = await this.facts.moment(readiness?.plan ?? null);
    const reason = `${r.metric} on ${r.assetId} was ${r.observed} against a baseline of ${r.baseline} (threshold ${r.threshold}) from ${r.windowFrom} to ${r.windowTo}`;
    const command = {
      type: 'ReactToRegression' as const,
      triggerId: r.triggerId,
      metric: r.metric,
      assetId: r.assetId,
      reason,
      moment,
    };
    await react(this.store, executionDecider, executionStreamId(r.upgradeId), command, {
      service: 'execution',
      cause: event,
      tx,
      now: moment.now,
      logger: this.logger,
    });
  }
}
