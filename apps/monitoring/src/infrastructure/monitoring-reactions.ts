import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AcceptancePassed, EventEnvelope, PayloadOf } from '@upgrade-control/contracts';
import { CLOCK, EventConsumer, EventStore, LOGGER, react, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { monitoringDecider, monitoringStreamId, type MonitoringCommand } from '../domain/monitoring.decider.js';
import { compileRecord, recordHash } from '../domain/upgrade-record.js';
import { RecordLog } from './record-log.js';

/**
 * Monitoring starts watching when acceptance passes and compiles the record at closure (the
 * record log and plans are read models, see read-models.ts). Order holds only within a stream
 * (ADR 10): the assets to watch come from the ExecutionStarted of the same execution stream,
 * which this service has always heard before that stream's AcceptancePassed, not from the plan
 * on planning's topic, which may still be behind.
 */
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
      .on('AcceptancePassed', async (e, tx) => {
        const p = e.payload as PayloadOf<typeof AcceptancePassed>;
        const assetIds = await this.targetsOf(p.upgradeId, tx);
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

  /** The executed plan's targets: from its ExecutionStarted (same stream as acceptance), else the ready plan. */
  private async targetsOf(upgradeId: string, tx: EntityManager): Promise<string[]> {
    const [row] = (await tx.query(
      `SELECT coalesce(
         (SELECT envelope->'payload'->'plan'->'targets' FROM record_events
           WHERE upgrade_id = $1 AND type = 'ExecutionStarted' ORDER BY seq DESC LIMIT 1),
         (SELECT plan->'targets' FROM upgrade_plans WHERE upgrade_id = $1)) AS targets`,
      [upgradeId],
    )) as { targets: { assetId: string }[] | null }[];
    return (row?.targets ?? []).map((t) => t.assetId);
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
