import { ApiProperty } from '@nestjs/swagger';
import { RolloutStarted } from '@upgrade-control/contracts';
import { ContractProperty } from '@upgrade-control/platform';

const EXAMPLE_PILOT = {
  name: 'pilot',
  pilot: true,
  selector: { kind: 'location', site: 'berlin', node: null },
  targets: ['orders-db-berlin'],
  window: { startsAt: '2027-01-16T20:00:00.000Z', endsAt: '2027-01-16T23:00:00.000Z' },
  acceptance: ['orders'],
  analysis: { kind: 'triggers' },
  bakeMinutes: 60,
  promotion: 'approval',
};

/** Where one wave stands in the run (ADR 37). */
export class ExecutionWaveProgress {
  @ApiProperty({
    enum: ['pending', 'running', 'accepted', 'promoted', 'rolled-back', 'held', 'cancelled'],
    example: 'accepted',
  })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-16T22:00:00.000Z' })
  appliedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-16T22:10:00.000Z' })
  acceptedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2027-01-16T23:10:00.000Z',
    description: 'the wave may be promoted from this instant on, if it stays healthy',
  })
  bakeUntil!: string | null;
}

/** The plan's waves as the execution runs them: one at a time, in order. */
export class ExecutionRollout {
  @ContractProperty(RolloutStarted.schema.shape.waves, {
    description: "the plan's waves (WavesDefined)",
    example: [EXAMPLE_PILOT],
  })
  waves!: unknown;
  @ContractProperty(RolloutStarted.schema.shape.onRegression, {
    description: 'what a regression does to the waves before and after the one that regressed',
    example: { earlierWaves: 'hold', laterWaves: 'cancel' },
  })
  onRegression!: unknown;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'index of the running (or baking) wave' })
  current!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ExecutionWaveProgress' },
    example: {
      pilot: {
        status: 'accepted',
        appliedAt: '2027-01-16T22:00:00.000Z',
        acceptedAt: '2027-01-16T22:10:00.000Z',
        bakeUntil: '2027-01-16T23:10:00.000Z',
      },
      second: { status: 'pending', appliedAt: null, acceptedAt: null, bakeUntil: null },
    },
    description: 'every wave, by name',
  })
  progress!: Record<string, ExecutionWaveProgress>;
}
