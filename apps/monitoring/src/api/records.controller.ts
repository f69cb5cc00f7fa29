import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { verifyLog } from '@upgrade-control/contracts';
import { notFoundException, Roles } from '@upgrade-control/platform';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, orderEvents, recordHash } from '../domain/upgrade-record.js';
import { RecordLog } from '../infrastructure/record-log.js';
import { parseLastEventId, parseStreamFilter } from './live-stream-request.js';
import { LiveStreams } from './live-streams.js';

@ApiTags('records and audit')
@Controller()
export class RecordsController {
  constructor(
    private readonly log: RecordLog,
    private readonly streams: LiveStreams,
  ) {}

  @Get('records/:upgradeId')
  @Roles('auditor', 'planner', 'approver', 'operator', 'observer')
  @ApiProduces('application/json', 'text/markdown')
  @ApiOperation({
    summary: 'The upgrade record, compiled from the events of all four services (Accept: text/markdown for a document)',
  })
  async record(
    @Param('upgradeId') upgradeId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const events = await this.log.forUpgrade(upgradeId);
    if (events.length === 0) throw notFoundException(`no events for upgrade ${upgradeId}`);
    const record = compileRecord(upgradeId, events);
    const hash = recordHash(record);
    if (accept?.includes('text/markdown')) {
      response.type('text/markdown');
      return recordToMarkdown(record, hash);
    }
    return { record, recordHash: hash };
  }

  @Get('audit/upgrades/:upgradeId/events')
  @Roles('auditor')
  @ApiOperation({ summary: 'The full merged history of one upgrade, in causal and time order, as published' })
  async history(@Param('upgradeId') upgradeId: string) {
    return orderEvents(await this.log.forUpgrade(upgradeId));
  }

  @Get('audit/verify')
  @Roles('auditor')
  @ApiQuery({
    name: 'upgradeId',
    required: false,
    description: 'only the streams that hold events of this upgrade (each verified whole)',
  })
  @ApiOperation({ summary: 'Verify every hash chain held here; names the first broken link of each stream' })
  async verify(@Query('upgradeId') upgradeId?: string) {
    const all = await this.log.all();
    const streamOf = (e: { producer: string; streamId: string }) => `${e.producer}/${e.streamId}`;
    const touched = upgradeId ? new Set(all.filter((e) => e.correlationId === upgradeId).map(streamOf)) : null;
    const result = verifyLog(touched ? all.filter((e) => touched.has(streamOf(e))) : all);
    return { ok: result.broken.length === 0, ...result };
  }

  @Get('streams/events')
  @Roles('auditor', 'observer', 'planner', 'approver', 'operator')
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event (its SSE id)' })
  @ApiQuery({ name: 'upgradeId', required: false })
  @ApiQuery({
    name: 'type',
    required: false,
    isArray: true,
    description: 'event types, comma-separated',
  })
  @ApiOperation({
    summary:
      'Live Server-Sent Events of domain events from all services, in commit order; resumable with Last-Event-ID',
    description:
      'Each event: `id:` its cursor (`<transaction id>.<seq>`), `event:` its type, `data:` the envelope. A comment ' +
      'line every SSE_HEARTBEAT_MS (15 s) keeps idle connections open. 503 past SSE_MAX_STREAMS open streams.',
  })
  stream(
    @Query('upgradeId') upgradeId: unknown,
    @Query('type') type: unknown,
    @Headers('last-event-id') lastEventId: unknown,
    @Res() response: Response,
  ): void {
    const filter = parseStreamFilter({ upgradeId, type });
    this.streams.start(response, parseLastEventId(lastEventId), filter);
  }
}
