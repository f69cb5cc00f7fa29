import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BackupTaken,
  ConfigurationSnapshotLinked,
  RollbackDecisionRequested,
  RollbackTriggered,
  UpgradeReadyForExecution,
} from '@upgrade-control/contracts';
import { ContractProperty, contractJsonSchema } from '@upgrade-control/platform';
import { EXAMPLE_PLAN, EXAMPLE_SNAPSHOT, EXAMPLE_TAKEN } from './execution.examples.js';
import { ExecutionRollout } from './rollout.response.js';

/** A planned backup as the execution knows it: taken, verified, or failed verification. */
export class ExecutionBackupState {
  @ContractProperty(BackupTaken.schema, {
    nullable: true,
    description: 'the BackupTaken event; null until taken',
    example: EXAMPLE_TAKEN,
  })
  taken!: unknown;
  @ApiProperty({ example: true, description: 'verified with measured evidence' }) verified!: boolean;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'why verification failed' })
  failed!: string | null;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 412000,
    description: "the measured restore's duration; present once a measured verification is in",
  })
  restoreMs?: number;
}

const SNAPSHOTS_BY_TARGET = contractJsonSchema(ConfigurationSnapshotLinked.schema);

/** The inventory snapshot counted per target, by phase; the latest linked one wins. */
export class ExecutionSnapshots {
  @ApiProperty({
    type: 'object',
    additionalProperties: SNAPSHOTS_BY_TARGET,
    description: 'by target asset id',
    example: { 'orders-db-berlin': EXAMPLE_SNAPSHOT },
  })
  'before-apply'!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: SNAPSHOTS_BY_TARGET,
    description: 'by target asset id',
    example: {},
  })
  'after-apply'!: Record<string, unknown>;
}

/** An upgrade's execution as its events make it now. */
export class ExecutionReply {
  @ApiProperty({ enum: ['Running', 'Completed', 'RollingBack', 'RolledBack', 'ForwardFixing'], example: 'Running' })
  status!: string;
  @ApiProperty({ example: 'pg16' }) upgradeId!: string;
  @ApiProperty({ format: 'date-time', example: '2027-01-16T01:00:00.000Z' }) startedAt!: string;
  @ContractProperty(UpgradeReadyForExecution.schema, {
    description: 'the ready plan the execution runs (UpgradeReadyForExecution)',
    example: EXAMPLE_PLAN,
  })
  plan!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ExecutionBackupState' },
    example: { 'orders-full': { taken: EXAMPLE_TAKEN, verified: true, failed: null, restoreMs: 412000 } },
    description: 'every planned backup, by backupId',
  })
  backups!: Record<string, ExecutionBackupState>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { enum: ['started', 'completed', 'failed', 'skipped'] },
    example: { 'stop-app': 'completed', 'pg-upgrade': 'started' },
    description: 'runbook steps touched so far, by stepId',
  })
  steps!: Record<string, 'started' | 'completed' | 'failed' | 'skipped'>;
  @ApiProperty({ example: false }) applied!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) appliedAt!: string | null;
  @ApiProperty({ type: ExecutionSnapshots }) snapshots!: ExecutionSnapshots;
  @ApiProperty({
    type: 'object',
    additionalProperties: { enum: ['passed', 'failed'] },
    example: { orders: 'passed' },
    description: 'acceptance checks recorded, by criterionId',
  })
  checks!: Record<string, 'passed' | 'failed'>;
  @ApiProperty({ enum: ['open', 'passed', 'failed'], example: 'open' }) acceptance!: string;
  @ContractProperty(RollbackDecisionRequested.schema, {
    nullable: true,
    description: 'the rollback decision awaited from the decision owner, if any',
    example: null,
  })
  pendingDecision!: unknown;
  @ContractProperty(RollbackTriggered.schema, {
    nullable: true,
    description: 'the rollback under way or done, if any',
    example: null,
  })
  rollback!: unknown;
  @ApiProperty({
    type: ExecutionRollout,
    nullable: true,
    example: null,
    description: "the plan's waves and where each stands; null for a plan without waves",
  })
  rollout!: ExecutionRollout | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: "the execution stream's version, also its ETag (send it as If-Match)",
  })
  streamVersion!: number;
}
