import { Controller, Get, Headers, Param, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { verifyLog } from '@upgrade-control/contracts';
import { notFoundException, Roles } from '@upgrade-control/platform';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, orderEvents, recordHash } from '../domain/upgrade-record.js';
import { RecordLog } from '../infrastructure/record-log.js';

@ApiTags('records and audit')
@Controller()
export class RecordsController {
  constructor(private readonly log: RecordLog) {}

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

  @Sse('streams/events')
  @ApiQuery({ name: 'upgradeId', required: false })
  @ApiQuery({ name: 'type', required: false, description: 'comma-separated event types' })
  @ApiOperation({ summary: 'Live Server-Sent Events of domain events from all services; resumable with Last-Event-ID' })
  stream(
    @Query('upgradeId') upgradeId: string | undefined,
    @Query('type') type: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Observable<MessageEvent> {
    const filter = { upgradeId, types: type ? type.split(',') : undefined };
    let cursor = /^\d+$/.test(lastEventId ?? '') ? Number(lastEventId) : 0;
    return new Observable<MessageEvent>((subscriber) => {
      let stopped = false;
      const pump = async () => {
        while (!stopped) {
          const rows = await this.log.after(cursor, filter);
          for (const row of rows) {
            subscriber.next({ id: row.seq, data: row.envelope });
            cursor = Number(row.seq);
          }
          if (rows.length === 0) await new Promise((r) => setTimeout(r, 200));
        }
      };
      pump().catch((error) => subscriber.error(error));
      return () => {
        stopped = true;
      };
    });
  }
}
