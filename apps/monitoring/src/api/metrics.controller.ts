import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { Operation } from '@upgrade-control/platform';
import { IngestMetricSamples } from '../application/ingest-metric-samples.handler.js';
import { MetricIngestResult } from './monitoring.response.js';

export class MetricBatchDto {
  @ApiProperty({
    description: 'Up to 10,000 samples; each is checked on its own, so one bad sample does not cost the batch',
    // Any object: a sample is checked on its own by the handler, and a bad one is reported, not refused.
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ assetId: 'orders-db', metric: 'error_rate', timestamp: '2027-01-17T10:00:00Z', value: 0.01 }],
  })
  @IsArray()
  @ArrayMaxSize(10_000)
  samples!: unknown[];
}

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: MetricIngestResult })
  @Operation('ingestMetricSamples', {
    summary: 'Ingest metric samples from collectors; good samples are kept, each bad one is reported with its reason',
  })
  ingest(@Body() dto: MetricBatchDto) {
    return this.commands.execute(new IngestMetricSamples(dto.samples));
  }
}
