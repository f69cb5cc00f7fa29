import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AcceptancePassed, EventEnvelope, PayloadOf } from '@upgrade-control/contracts';
import {
  applyStatements,
  CLOCK,
  EventConsumer,
  EventStore,
  LOGGER,
  react,
  type Logger,
} from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { monitoringDecider, monitoringStreamId, type MonitoringCommand } from '../domain/monitoring.decider.js';
import { compileRecord, recordHash } from '../domain/upgrade-record.js';
import { recordLogStatement, RecordLog } from './record-log.js';

/** Monitoring hears everything: the record log, plans, the start of monitoring, and closure. */
@Injectable()
export class MonitoringReactions implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly store: EventStore,
    private readonly records: RecordLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.consumer
      .onEvery((_event, tx, stored) => applyStatements([recordLogStatement(stored)], tx))
      .on('UpgradeReadyForExecution', async (e, tx) => {
        await tx.query('INSERT INTO upgrade_plans VALUES ($1, $2) ON CONFLICT (upgrade_id) DO UPDATE SET plan = $2', [
          (e.payload as { upgradeId: string }).upgradeId,
          e.payload,
        ]);
      })
      .on('AcceptancePassed', async (e, tx) => {
        const p = e.payload as PayloadOf<typeof AcceptancePassed>;
        const [plan] = await tx.query('SELECT plan FROM upgrade_plans WHERE upgrade_id = $1', [p.upgradeId]);
        const assetIds = (plan?.plan.targets ?? []).map((t: { assetId: string }) => t.assetId);
        await this.follow(
          e,
          {
            type: 'StartMonitoring',
            upgradeId: p.upgradeId,
            assetIds,
            now: this.clock(),
            minutes: p.monitoringMinutes,
          },
          tx,
        );
      })
      .on('UpgradeClosed', async (e, tx, stored) => {
        const upgradeId = (e.payload as { upgradeId: string }).upgradeId;
        // The closing event joins the log after this handler (see EventConsumer.onEvery); include it now.
        const record = compileRecord(upgradeId, [...(await this.records.forUpgrade(upgradeId, tx)), stored]);
        await this.follow(
          e,
          { type: 'CompileRecord', recordHash: recordHash(record), eventCount: record.eventCount },
          tx,
        );
      });
  }

  private async follow(cause: EventEnvelope, command: MonitoringCommand, tx: EntityManager): Promise<void> {
    await react(this.store, monitoringDecider, monitoringStreamId(cause.correlationId), command, {
      service: 'monitoring',
      cause,
      tx,
      now: this.clock(),
      logger: this.logger,
    });
  }
}
