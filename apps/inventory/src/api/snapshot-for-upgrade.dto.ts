import { ApiProperty } from '@nestjs/swagger';
import { SNAPSHOT_PHASES, type SnapshotPhase } from '@upgrade-control/contracts';
import { IsIn, Matches } from 'class-validator';
import { ID_PATTERN } from './asset.dto.js';

/** The upgrade a snapshot records a target's configuration for, and when: before or after apply. */
export class SnapshotForUpgradeDto {
  @ApiProperty({ example: 'pg16' }) @Matches(ID_PATTERN) upgradeId!: string;
  @ApiProperty({ enum: SNAPSHOT_PHASES, example: 'before-apply' }) @IsIn(SNAPSHOT_PHASES) phase!: SnapshotPhase;
}
