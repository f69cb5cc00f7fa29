import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type {
  AcceptancePassed,
  EventEnvelope,
  PayloadOf,
  RollbackDeclined,
  RollbackTriggered,
  WaveAccepted,
} from '@upgrade-control/contracts';
import { CLOCK, Decide, EventConsumer, type Transaction } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { MonitoringFacts } from '../application/monitoring-facts.js';
import { RecordLog } from '../application/record-log.js';
import { monitoringStream } from '../application/streams.js';
import type { MonitoringCommand } from '../domain/monitoring.decider.js';
import { compileRecord, recordHash } from '../domain/upgrade-record.js';

/**
 * Monitoring starts watching when acceptance passes (in a staged rollout: when the first wave is
 * accepted; each later wave and the final acceptance make it watch on, see
 * domain/monitoring/rollout.ts), stops when execution rolls the upgrade back, accepts an analysis
 * finding when the decision owner chose to continue despite it, and compiles the record at
 * closure (the record log and plans are read models, see read-models.ts). Order holds only within a stream
 * (ADR 10): the assets to watch come from the ExecutionStarted of the same execution stream,
 * which this service has always heard before that stream's AcceptancePassed, not from the plan
 * on planning's topic, which may still be behind. Facts are read in the consumer's transaction.
 */
@Injectable()
export class MonitoringReactions implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly commands: CommandBus,
    private readonly facts: MonitoringFacts,
    private readonly records: RecordLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.consumer
      .on('AcceptancePassed', async (e, tx) => {
        const p = e.payload as PayloadOf<typeof AcceptancePassed>;
        // One transaction, one connection: its reads go one after the other.
        const assetIds = await this.facts.targetsOf(p.upgradeId, tx);
        const { waves } = await this.facts.rollout(p.upgradeId, tx);
        // The period starts (or, after a rollout's last wave, goes on) at the instant its event records.
        const now = this.clock();
        const watch = { upgradeId: p.upgradeId, assetIds, now, minutes: p.monitoringMinutes };
        const command: MonitoringCommand = waves
          ? { type: 'WatchRollout', ...watch, step: 'acceptance passed' }
          : { type: 'StartMonitoring', ...watch };
        await this.follow(e, tx, command, now);
      })
      .on('WaveAccepted', async (e, tx) => {
        // Execution relies on monitoring's findings while the wave bakes: the accepted wave's
        // targets are watched from now on, for the plan's monitoring minutes after each wave. The
        // waves come from RolloutStarted, earlier on the same stream (the log holds it already).
        const p = e.payload as PayloadOf<typeof WaveAccepted>;
        const { waves } = await this.facts.rollout(p.upgradeId, tx);
        const assetIds =
          waves?.find((w) => w.name === p.wave)?.targets ?? (await this.facts.targetsOf(p.upgradeId, tx));
        const minutes = await this.facts.monitoringMinutesOf(p.upgradeId, tx);
        const now = this.clock();
        const step = `wave ${p.wave} accepted`;
        await this.follow(e, tx, { type: 'WatchRollout', upgradeId: p.upgradeId, assetIds, now, minutes, step }, now);
      })
      .on('RollbackTriggered', async (e, tx) => {
        // The rolled-back version is no longer what is watched: the period ends as the rollback begins.
        const p = e.payload as PayloadOf<typeof RollbackTriggered>;
        const now = this.clock();
        const reason = `rolled back (${p.trigger}): ${p.reason}`;
        await this.follow(e, tx, { type: 'EndMonitoringByRollback', upgradeId: p.upgradeId, now, reason }, now);
      })
      .on('RollbackDeclined', async (e, tx) => {
        // Continuing despite a concluded analysis accepts its finding (when the trigger was one).
        const p = e.payload as PayloadOf<typeof RollbackDeclined>;
        const now = this.clock();
        const command = { triggerId: p.triggerId, acceptedBy: p.decidedBy, reason: p.reason, now };
        await this.follow(e, tx, { type: 'AcceptAnalysisFinding', ...command }, now);
      })
      .on('UpgradeClosed', async (e, tx, stored) => {
        const upgradeId = (e.payload as { upgradeId: string }).upgradeId;
        // The closing event joins the log after this handler (see EventConsumer.onEvery); include it now.
        const record = compileRecord(upgradeId, [...(await this.records.forUpgrade(upgradeId, tx)), stored]);
        await this.follow(e, tx, {
          type: 'CompileRecord',
          recordHash: recordHash(record),
          eventCount: record.eventCount,
        });
      });
  }

  private async follow(cause: EventEnvelope, tx: Transaction, command: MonitoringCommand, at?: Date): Promise<void> {
    await this.commands.execute(Decide.inReactionTo(cause, tx, monitoringStream, cause.correlationId, command, at));
  }
}
