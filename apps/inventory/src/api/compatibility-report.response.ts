import { ApiProperty } from '@nestjs/swagger';

/** One side of a checked pair, at its proposed (targets) or current version. */
export class CompatibilityCheckAsset {
  @ApiProperty({ example: 'reportly-berlin' }) assetId!: string;
  @ApiProperty({ example: 'Reportly (Berlin)' }) name!: string;
  @ApiProperty({ example: 'reportly' }) product!: string;
  @ApiProperty({ example: '4.2' }) version!: string;
}

/** What one rule (or the lack of one) says about a related pair. */
export class CompatibilityCheckFinding {
  @ApiProperty({ enum: ['compatible', 'incompatible', 'unknown'], example: 'incompatible' })
  status!: 'compatible' | 'incompatible' | 'unknown';
  @ApiProperty({ type: String, nullable: true, example: 'reportly-4-needs-pg-below-16' }) ruleId!: string | null;
  @ApiProperty({ type: CompatibilityCheckAsset, description: "the rule's subject" }) asset!: CompatibilityCheckAsset;
  @ApiProperty({ type: CompatibilityCheckAsset, description: 'what the subject requires' })
  other!: CompatibilityCheckAsset;
  @ApiProperty({ type: String, nullable: true, example: 'reportly 4.x requires postgresql >=12 <16' })
  rule!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'vendor-note: Reportly 4 release notes, section 3' })
  source!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'its JDBC driver cannot authenticate against PostgreSQL 16' })
  reason!: string | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'hops between the pair; 0 for two targets not connected in the graph',
  })
  depth!: number;
  @ApiProperty({ type: [String], example: ['orders-db-berlin', 'reportly-berlin'] }) path!: string[];
}

export class CompatibilityCheckSummary {
  @ApiProperty({ type: 'integer', example: 0 }) compatible!: number;
  @ApiProperty({ type: 'integer', example: 1 }) incompatible!: number;
  @ApiProperty({ type: 'integer', example: 0 }) unknown!: number;
}

/** Proposed target versions against the rules and the versions around them. */
export class CompatibilityCheckReport {
  @ApiProperty({ example: false, description: 'no finding is incompatible' }) compatible!: boolean;
  @ApiProperty({ type: CompatibilityCheckSummary }) summary!: CompatibilityCheckSummary;
  @ApiProperty({ type: [CompatibilityCheckFinding] }) findings!: CompatibilityCheckFinding[];
}
