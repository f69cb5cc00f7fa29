import { ApiProperty } from '@nestjs/swagger';
import { ANALYSIS_OUTCOMES, BaselineCaptured, isoDateTime } from '@upgrade-control/contracts';
import { ContractProperty } from '@upgrade-control/platform';
import { z } from 'zod';
import { MONITORING_STATUSES, type MonitoringStatus } from '../domain/monitoring.decider.js';

const UPGRADE_ID = '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20';

/** What every write on an upgrade's monitoring answers: its stream version after the write. */
export class MonitoringReply {
  @ApiProperty({ example: UPGRADE_ID }) upgradeId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'the monitoring stream’s version' })
  streamVersion!: number;
}

const count = z.number().int().nonnegative();

/** One analysis metric on one target, as far as its runs have gone (ADR 32). */
const analysisProgress = z
  .object({
    baseline: z.array(z.number()).nullable(),
    runs: count,
    passes: count,
    failures: count,
    inconclusives: count,
    consecutiveErrors: count,
    outcome: z.enum(ANALYSIS_OUTCOMES).nullable(),
  })
  .strict();

/** The monitoring of an upgrade: baselines, period, and what is open. */
export class UpgradeMonitoring {
  @ApiProperty({
    enum: MONITORING_STATUSES,
    example: 'Monitoring',
    description:
      'Preparing: baselines before the window; Monitoring: the period runs; Stable: it ended without an open regression; ' +
      'RolledBack: execution rolled back; Compiled: the record is compiled',
  })
  status!: MonitoringStatus;

  @ApiProperty({ example: UPGRADE_ID }) upgradeId!: string;

  @ApiProperty({ type: [String], example: ['orders-db'], description: 'the targets the period watches' })
  assetIds!: string[];

  @ContractProperty(z.record(z.string(), BaselineCaptured.schema.shape.metrics), {
    description: 'per asset, per metric: the baseline statistics',
    example: { 'orders-db': { error_rate: { mean: 0.01, p95: 0.02, max: 0.04, samples: 1440 } } },
  })
  baselines!: unknown;

  @ContractProperty(z.record(z.string(), isoDateTime), {
    description: 'per asset, the end of the reference period its baseline was captured from',
    example: { 'orders-db': '2027-01-16T00:00:00Z' },
  })
  baselineEnds!: unknown;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-17T21:10:00.000Z' })
  startsAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-20T21:10:00.000Z' })
  endsAt!: string | null;

  @ApiProperty({
    type: [String],
    example: ['orders-db|error_rate'],
    description: 'asset|metric with an open regression',
  })
  openRegressions!: string[];

  @ApiProperty({ type: [String], example: [], description: 'asset|metric without samples (no-data finding open)' })
  silent!: string[];

  @ApiProperty({ type: [String], example: ['inc-4711'], description: 'incident ids not yet resolved' })
  openIncidents!: string[];

  @ContractProperty(z.record(z.string(), z.enum(['open', 'closed'])), {
    description: 'the record’s follow-up actions by id',
    example: { 'retrain-finance': 'open' },
  })
  followUps!: unknown;

  @ContractProperty(z.record(z.string(), analysisProgress), {
    description:
      'per asset|analysis metric: the baseline values captured (null before), runs so far by verdict, and the outcome once concluded',
    example: {
      'orders-db|p95-latency': {
        baseline: [0.21, 0.22, 0.2],
        runs: 2,
        passes: 2,
        failures: 0,
        inconclusives: 0,
        consecutiveErrors: 0,
        outcome: null,
      },
    },
  })
  analyses!: unknown;

  @ApiProperty({ type: 'integer', minimum: 1, example: 9, description: 'the monitoring stream’s version (its ETag)' })
  streamVersion!: number;
}

/** A sample the batch could not keep, and why. */
export class RejectedMetricSample {
  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'its index in the batch' }) index!: number;
  @ApiProperty({ example: 'timestamp: an ISO 8601 date-time' }) reason!: string;
}

/** What became of a batch of metric samples. */
export class MetricIngestResult {
  @ApiProperty({ type: 'integer', minimum: 0, example: 99, description: 'samples kept' }) accepted!: number;
  @ApiProperty({ type: () => [RejectedMetricSample] }) rejected!: RejectedMetricSample[];
}
