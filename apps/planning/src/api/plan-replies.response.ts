import { ApiProperty } from '@nestjs/swagger';
import { CompatibilityAssessed } from '@upgrade-control/contracts';
import { ContractProperty } from '@upgrade-control/platform';

/** What every write on a plan answers: the plan's stream version after the write (its ETag). */
export class UpgradePlanReply {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' })
  upgradeId!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 7,
    description: 'the number of events on the plan’s stream after this write; send it as If-Match to write on it',
  })
  streamVersion!: number;
}

/** A requested notice: its id names the deliveries that follow, one per subscriber endpoint. */
export class NoticeRequestReply extends UpgradePlanReply {
  @ApiProperty({ example: '0192f1c9-2b11-7c4a-8f03-6d2e9a7b5c31' })
  noticeId!: string;
}

/** A compatibility assessment: the findings it recorded, as the plan now holds them. */
export class CompatibilityAssessmentReply extends UpgradePlanReply {
  @ContractProperty(CompatibilityAssessed.schema.shape.findings, {
    description:
      'each pair checked: a target at its new version against another asset (or target) reached through the dependency graph',
    example: [
      {
        ruleId: 'pg16-needs-jdbc-42.7',
        status: 'incompatible',
        assetId: 'orders-db',
        assetVersion: '16.2',
        otherAssetId: 'orders-api',
        otherVersion: 'jdbc-42.2',
        rule: 'PostgreSQL 16 needs pgjdbc 42.7 or later',
        source: 'vendor release notes',
        depth: 1,
        path: ['orders-db', 'orders-api'],
      },
    ],
  })
  findings!: unknown[];
}

/** A declared change freeze or blackout. */
export class ChangeFreezeReply {
  @ApiProperty({ example: 'year-end-2026' })
  freezeId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  streamVersion!: number;
}

/** A recorded or cancelled on-call shift. */
export class SupportShiftReply {
  @ApiProperty({ example: 'dba-2027-01-17' })
  shiftId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  streamVersion!: number;
}
