import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { z } from 'zod';
import {
  analysisMetric,
  ANALYSIS_AGGREGATES,
  ANALYSIS_PROVIDERS,
  HARM_DIRECTIONS,
  NO_DATA_VERDICTS,
  TRIGGER_MODES,
} from '@upgrade-control/contracts';
import { invalidInput, IsSafeInt } from '@upgrade-control/platform';
import { ID, idMessage } from './ids.js';

// The plan's metric analysis (PUT /upgrades/{id}/analysis), field for field the AnalysisDefined
// contract. A judgement is one object whose kind says which of its fields count.

const JUDGEMENT_KINDS = ['absolute', 'relative', 'mann-whitney'] as const;
type JudgementKind = (typeof JUDGEMENT_KINDS)[number];
const finite = { allowNaN: false, allowInfinity: false };
const kindIs =
  (...kinds: JudgementKind[]) =>
  (j: AnalysisJudgementDto) =>
    kinds.includes(j.kind);

/** A statistical test can watch both directions; a threshold has one side. */
const IsHarmForKind = () =>
  ValidateBy({
    name: 'harmForKind',
    validator: {
      validate: (value, args) =>
        [
          ...HARM_DIRECTIONS,
          ...((args?.object as AnalysisJudgementDto).kind === 'mann-whitney' ? ['either'] : []),
        ].includes(value as string),
      defaultMessage: () => '$property must be increase or decrease (or either, for mann-whitney)',
    },
  });

/** A relative change is a factor or a delta, not both. */
const IsOnlyChange = () =>
  ValidateBy({
    name: 'factorOrDelta',
    validator: {
      validate: (_value, args) => (args?.object as AnalysisChangeDto).factor === undefined,
      defaultMessage: () => 'give either factor or delta, not both',
    },
  });

export class AnalysisChangeDto {
  @ApiPropertyOptional({ example: 1.5, description: 'fails beyond baseline x factor (baseline / factor for decrease)' })
  @ValidateIf((c: AnalysisChangeDto) => c.delta === undefined)
  @IsNumber(finite)
  @Min(1)
  factor?: number;

  @ApiPropertyOptional({ example: 50, description: 'fails beyond baseline + delta (- delta for decrease)' })
  @ValidateIf((c: AnalysisChangeDto) => c.delta !== undefined)
  @IsNumber(finite)
  @Min(0)
  @IsOnlyChange()
  delta?: number;
}

export class AnalysisMinimumEffectDto {
  @ApiProperty({ example: 'rank-biserial', enum: ['rank-biserial', 'shift'] })
  @IsIn(['rank-biserial', 'shift'])
  measure!: 'rank-biserial' | 'shift';
  @ApiProperty({ example: 0.3, description: 'rank-biserial 0..1, or the shift in the metric’s unit' })
  @IsNumber(finite)
  @Min(0)
  value!: number;
}

export class AnalysisJudgementDto {
  @ApiProperty({ example: 'mann-whitney', enum: JUDGEMENT_KINDS }) @IsIn(JUDGEMENT_KINDS) kind!: JudgementKind;

  @ApiProperty({ example: 'increase', enum: [...HARM_DIRECTIONS, 'either'], description: 'either: mann-whitney only' })
  @IsHarmForKind()
  harm!: (typeof HARM_DIRECTIONS)[number] | 'either';

  @ApiPropertyOptional({ enum: ANALYSIS_AGGREGATES, description: 'absolute and relative: what a run’s values become' })
  @ValidateIf(kindIs('absolute', 'relative'))
  @IsIn(ANALYSIS_AGGREGATES)
  aggregate?: (typeof ANALYSIS_AGGREGATES)[number];

  @ApiPropertyOptional({ description: 'absolute: the limit in the metric’s unit' })
  @ValidateIf(kindIs('absolute'))
  @IsNumber(finite)
  threshold?: number;

  @ApiPropertyOptional({ type: AnalysisChangeDto, description: 'relative: a factor or a delta' })
  @ValidateIf(kindIs('relative'))
  @IsObject()
  @ValidateNested()
  @Type(() => AnalysisChangeDto)
  change?: AnalysisChangeDto;

  @ApiPropertyOptional({ example: 0.95, minimum: 0.5, maximum: 0.9999, description: 'mann-whitney' })
  @ValidateIf(kindIs('mann-whitney'))
  @IsNumber(finite)
  @Min(0.5)
  @Max(0.9999)
  confidence?: number;

  @ApiPropertyOptional({ type: AnalysisMinimumEffectDto, description: 'mann-whitney' })
  @ValidateIf(kindIs('mann-whitney'))
  @IsObject()
  @ValidateNested()
  @Type(() => AnalysisMinimumEffectDto)
  minimumEffect?: AnalysisMinimumEffectDto;

  @ApiProperty({ example: 'inconclusive', enum: NO_DATA_VERDICTS, description: 'never a pass' })
  @IsIn(NO_DATA_VERDICTS)
  noData!: (typeof NO_DATA_VERDICTS)[number];
}

export class AnalysisBaselineDto {
  @ApiProperty({ example: 'same-hours', enum: ['same-hours', 'preceding'] })
  @IsIn(['same-hours', 'preceding'])
  kind!: 'same-hours' | 'preceding';
  @ApiPropertyOptional({ example: 7, minimum: 1, maximum: 28, description: 'same-hours: the days before' })
  @ValidateIf((b: AnalysisBaselineDto) => b.kind === 'same-hours')
  @IsSafeInt()
  @Min(1)
  @Max(28)
  days?: number;
  @ApiPropertyOptional({ minimum: 5, maximum: 10080, description: 'preceding: the minutes right before the window' })
  @ValidateIf((b: AnalysisBaselineDto) => b.kind === 'preceding')
  @IsSafeInt()
  @Min(5)
  @Max(10080)
  minutes?: number;
}

export class AnalysisMetricDto {
  @ApiProperty({ example: 'p95-latency', description: 'unique in the plan' })
  @Matches(/^[a-z][a-z0-9_-]{0,62}$/, { message: 'name must be lower case letters, digits, _ or -, 1–63 characters' })
  name!: string;
  @ApiProperty({ example: 'prometheus', enum: ANALYSIS_PROVIDERS }) @IsIn(ANALYSIS_PROVIDERS) provider!: string;
  @ApiProperty({
    example:
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{asset="{{assetId}}"}[5m])))',
    description: 'PromQL with {{assetId}}, {{site}}, {{node}} inside quoted label values; pushed: the metric name',
  })
  @Length(1, 2000)
  query!: string;
  @ApiProperty({ example: 60 }) @IsSafeInt() @Min(10) @Max(3600) intervalSeconds!: number;
  @ApiPropertyOptional({
    type: 'integer',
    example: 30,
    nullable: true,
    description: 'runs per target; null: until the period ends',
  })
  @IsOptional()
  @IsSafeInt()
  @Min(1)
  count?: number | null;
  @ApiProperty({ type: AnalysisJudgementDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AnalysisJudgementDto)
  judgement!: AnalysisJudgementDto;
  @ApiProperty({ type: AnalysisBaselineDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AnalysisBaselineDto)
  baseline!: AnalysisBaselineDto;
  @ApiProperty({ example: 0, description: 'failed runs tolerated (0: the first failure fails)' })
  @IsSafeInt()
  @Min(0)
  failureLimit!: number;
  @ApiProperty({ example: 2 }) @IsSafeInt() @Min(0) inconclusiveLimit!: number;
  @ApiProperty({ example: 3 }) @IsSafeInt() @Min(0) consecutiveErrorLimit!: number;
  @ApiProperty({ example: 'confirm', enum: TRIGGER_MODES }) @IsIn(TRIGGER_MODES) mode!: string;
  @ApiProperty({ example: 'pause', enum: ['pause', 'rollback'] }) @IsIn(['pause', 'rollback']) onInconclusive!: string;
  @ApiPropertyOptional({
    type: String,
    example: 'orders-db',
    nullable: true,
    description: 'one target; absent: every target',
  })
  @IsOptional()
  @Matches(ID, idMessage)
  assetId?: string | null;
}

export class AnalysisDto {
  @ApiProperty({ type: [AnalysisMetricDto], description: 'replaces the plan’s analysis; empty removes it' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AnalysisMetricDto)
  metrics!: AnalysisMetricDto[];
}

type Metric = z.infer<typeof analysisMetric>;

/** The contract's form of a judgement: only the fields its kind has. */
function judgementOf(j: AnalysisJudgementDto): Metric['judgement'] {
  const { harm, noData } = j;
  if (j.kind === 'absolute')
    return { kind: j.kind, harm: harm as 'increase', aggregate: j.aggregate!, threshold: j.threshold!, noData };
  if (j.kind === 'relative') {
    const change = j.change!.delta === undefined ? { factor: j.change!.factor! } : { delta: j.change!.delta };
    return { kind: j.kind, harm: harm as 'increase', aggregate: j.aggregate!, change, noData };
  }
  return { kind: j.kind, harm, confidence: j.confidence!, minimumEffect: { ...j.minimumEffect! }, noData };
}

/**
 * The metrics as AnalysisDefined carries them. The DTO's rules are the contract's, so the final
 * parse only guards against a gap between the two: a 400 naming the field, never a 500 at append.
 */
export function analysisMetricsOf(dto: AnalysisDto): Metric[] {
  const metrics = dto.metrics.map((m) => ({
    ...m,
    count: m.count ?? null,
    assetId: m.assetId ?? null,
    judgement: judgementOf(m.judgement),
    baseline:
      m.baseline.kind === 'same-hours'
        ? { kind: m.baseline.kind, days: m.baseline.days! }
        : { kind: m.baseline.kind, minutes: m.baseline.minutes! },
  }));
  const parsed = analysisMetric.array().safeParse(metrics);
  if (parsed.success) return parsed.data;
  throw invalidInput(
    parsed.error.issues.map((issue) => ({
      field: `metrics${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`,
      rule: issue.code,
      message: issue.message,
    })),
  );
}
