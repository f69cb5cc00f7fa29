import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EARLIER_WAVES_ON_REGRESSION,
  LATER_WAVES_ON_REGRESSION,
  WAVE_PROMOTIONS,
  type RegressionPolicy,
} from '@upgrade-control/contracts';
import { IsIsoDateTime, IsSafeInt } from '@upgrade-control/platform';
import type { WaveRequest } from '../domain/waves.js';
import { ID, idMessage } from './ids.js';

// The plan's staged rollout (PUT /upgrades/{id}/waves), field for field the WavesDefined contract
// but the resolved targets, which the decider fills in from the selector.

const SELECTOR_KINDS = ['assets', 'location'] as const;
const ANALYSIS_KINDS = ['metrics', 'triggers'] as const;

export class WaveSelectorDto {
  @ApiProperty({
    enum: SELECTOR_KINDS,
    example: 'location',
    description: 'assets: named; location: at a site and/or node',
  })
  @IsIn(SELECTOR_KINDS)
  kind!: (typeof SELECTOR_KINDS)[number];
  @ApiPropertyOptional({ type: [String], example: ['orders-db-berlin'], description: 'kind assets only' })
  @ValidateIf((s: WaveSelectorDto) => s.kind === 'assets')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(ID, { each: true, ...idMessage })
  assetIds?: string[];
  @ApiPropertyOptional({
    type: String,
    example: 'hamburg',
    description: 'kind location: every plan target at the site',
  })
  @IsOptional()
  @Matches(ID, idMessage)
  site?: string;
  @ApiPropertyOptional({ type: String, example: 'db-1', description: 'kind location: every plan target on the node' })
  @IsOptional()
  @Matches(ID, idMessage)
  node?: string;
}

export class WaveWindowDto {
  @ApiProperty({ example: '2026-12-12T20:00:00Z' }) @IsIsoDateTime() startsAt!: string;
  @ApiProperty({ example: '2026-12-13T02:00:00Z' }) @IsIsoDateTime() endsAt!: string;
}

export class WaveAnalysisDto {
  @ApiProperty({
    enum: ANALYSIS_KINDS,
    example: 'metrics',
    description: "metrics: of the plan's analysis, by name; triggers: the rollback plan's triggers",
  })
  @IsIn(ANALYSIS_KINDS)
  kind!: (typeof ANALYSIS_KINDS)[number];
  @ApiPropertyOptional({ type: [String], example: ['p95-latency'], description: 'kind metrics only' })
  @ValidateIf((a: WaveAnalysisDto) => a.kind === 'metrics')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9_-]{0,62}$/, { each: true, message: 'metrics must be metric names' })
  metrics?: string[];
}

export class WaveDto {
  @ApiProperty({ example: 'pilot', description: 'unique in the plan' })
  @Matches(/^[a-z][a-z0-9_-]{0,62}$/, { message: 'name must be lower case letters, digits, _ or -, 1–63 characters' })
  name!: string;
  @ApiProperty({ example: true, description: 'the first wave only' }) @IsBoolean() pilot!: boolean;
  @ApiProperty({ type: WaveSelectorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WaveSelectorDto)
  selector!: WaveSelectorDto;
  @ApiProperty({ type: WaveWindowDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WaveWindowDto)
  window!: WaveWindowDto;
  @ApiProperty({
    type: [String],
    example: ['0192f1c4-c1'],
    description: "criterion ids of the plan's acceptance criteria",
  })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ID, { each: true, ...idMessage })
  acceptance!: string[];
  @ApiProperty({ type: WaveAnalysisDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WaveAnalysisDto)
  analysis!: WaveAnalysisDto;
  @ApiProperty({ example: 120, description: 'minutes the analysis must stay healthy before the next wave' })
  @IsSafeInt()
  @Min(0)
  @Max(43200)
  bakeMinutes!: number;
  @ApiProperty({ enum: WAVE_PROMOTIONS, example: 'approval' }) @IsIn(WAVE_PROMOTIONS) promotion!: string;
}

export class RegressionPolicyDto {
  @ApiProperty({
    enum: EARLIER_WAVES_ON_REGRESSION,
    example: 'hold',
    description: 'the waves before the one that regressed',
  })
  @IsIn(EARLIER_WAVES_ON_REGRESSION)
  earlierWaves!: RegressionPolicy['earlierWaves'];
  @ApiProperty({ enum: LATER_WAVES_ON_REGRESSION, example: 'cancel', description: 'the waves after it' })
  @IsIn(LATER_WAVES_ON_REGRESSION)
  laterWaves!: RegressionPolicy['laterWaves'];
}

export class WavesDto {
  @ApiProperty({ type: [WaveDto], description: 'in order; replaces the plan’s waves, empty removes them' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WaveDto)
  waves!: WaveDto[];
  @ApiProperty({ type: RegressionPolicyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RegressionPolicyDto)
  onRegression!: RegressionPolicyDto;
}

/** The waves as the decider takes them: each selector and analysis with only the fields its kind has. */
export const waveRequestsOf = (dto: WavesDto): WaveRequest[] =>
  dto.waves.map((w) => ({
    ...w,
    promotion: w.promotion as WaveRequest['promotion'],
    selector:
      w.selector.kind === 'assets'
        ? { kind: 'assets', assetIds: w.selector.assetIds! }
        : { kind: 'location', site: w.selector.site ?? null, node: w.selector.node ?? null },
    window: { startsAt: w.window.startsAt, endsAt: w.window.endsAt },
    analysis: w.analysis.kind === 'metrics' ? { kind: 'metrics', metrics: w.analysis.metrics! } : { kind: 'triggers' },
  }));
