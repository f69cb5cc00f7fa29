import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { DataSource } from 'typeorm';
import { isIsoDateTime, Roles } from '@upgrade-control/platform';

export class MetricBatchDto {
  @ApiProperty({
    description: 'Up to 10,000 samples; each is checked on its own, so one bad sample does not cost the batch',
    example: [{ assetId: 'orders-db', metric: 'error_rate', timestamp: '2027-01-17T10:00:00Z', value: 0.01 }],
  })
  @IsArray()
  @ArrayMaxSize(10_000)
  samples!: unknown[];
}

type Sample = { assetId: string; metric: string; timestamp: string; value: number };

function problemWith(sample: unknown): string | null {
  if (typeof sample !== 'object' || sample === null) return 'a sample is an object';
  const s = sample as Record<string, unknown>;
  if (typeof s.assetId !== 'string' || s.assetId.length === 0 || s.assetId.length > 200)
    return 'assetId: a non-empty string';
  if (typeof s.metric !== 'string' || !/^[a-z][a-z0-9_.]{0,99}$/.test(s.metric))
    return 'metric: lowercase letters, digits, "_" or "."';
  // The contracts' own rule: Date.parse takes 2027-02-30 (as 2 March) and year 0, PostgreSQL neither.
  if (!isIsoDateTime(s.timestamp)) return 'timestamp: an ISO 8601 date-time';
  if (typeof s.value !== 'number' || !Number.isFinite(s.value)) return 'value: a finite number';
  const extra = Object.keys(s).find((k) => !['assetId', 'metric', 'timestamp', 'value'].includes(k));
  return extra ? `${extra}: not a sample field` : null;
}

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly db: DataSource) {}

  @Post()
  @HttpCode(200)
  @Roles('observer', 'operator')
  @ApiOperation({
    summary: 'Ingest metric samples from collectors; good samples are kept, each bad one is reported with its reason',
  })
  async ingest(@Body() dto: MetricBatchDto) {
    const good: Sample[] = [];
    const rejected: { index: number; reason: string }[] = [];
    dto.samples.forEach((sample, index) => {
      const reason = problemWith(sample);
      if (reason) rejected.push({ index, reason });
      else good.push(sample as Sample);
    });
    if (good.length) {
      await this.db.query(
        'INSERT INTO metric_samples (asset_id, metric, ts, value) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[])',
        [good.map((s) => s.assetId), good.map((s) => s.metric), good.map((s) => s.timestamp), good.map((s) => s.value)],
      );
    }
    return { accepted: good.length, rejected };
  }
}
