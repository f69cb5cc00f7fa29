import { NextCursor } from '@upgrade-control/platform';
import { ApiProperty } from '@nestjs/swagger';
import { MixedVersionsDto, RuleSourceDto } from './compatibility.dto.js';

/** A declared compatibility rule: product P in range R requires product Q in range S. */
export class CompatibilityRuleReply {
  @ApiProperty({ example: 'reportly-4-needs-pg-below-16' }) ruleId!: string;
  @ApiProperty({ example: 'reportly' }) product!: string;
  @ApiProperty({ example: '4.x' }) versionRange!: string;
  @ApiProperty({ example: 'postgresql' }) requiresProduct!: string;
  @ApiProperty({ example: '>=12 <16' }) requiresRange!: string;
  @ApiProperty({ type: RuleSourceDto }) source!: RuleSourceDto;
  @ApiProperty({ type: String, nullable: true, example: 'its JDBC driver cannot authenticate against PostgreSQL 16' })
  reason!: string | null;
  @ApiProperty({ type: MixedVersionsDto, description: 'rules declared before the stance existed read "unspecified"' })
  mixedVersions!: MixedVersionsDto;
}

/** One page of compatibility rules. */
export class CompatibilityRulePage {
  @ApiProperty({ type: [CompatibilityRuleReply] }) items!: CompatibilityRuleReply[];
  @NextCursor() next!: string | null;
}

/** What declaring a rule answers: the rule and its stream's version. */
export class CompatibilityRuleWriteReply {
  @ApiProperty({ example: 'reportly-4-needs-pg-below-16' }) ruleId!: string;
  @ApiProperty({ type: 'integer', example: 1 }) streamVersion!: number;
}
