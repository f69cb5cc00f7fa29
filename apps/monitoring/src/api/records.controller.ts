import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { viewEvent, type Actor } from '@upgrade-control/contracts';
import {
  AcceptsStreamToken,
  CurrentActor,
  notFoundException,
  Operation,
  Paged,
  PageQuery,
  pageRequest,
} from '@upgrade-control/platform';
import { GetUpgradeHistory } from '../application/get-upgrade-history.query.js';
import { GetUpgradeRecord, GetUpgradeRecordMarkdown } from '../application/get-upgrade-record.query.js';
import { VerifyRecordLog } from '../application/verify-record-log.query.js';
import { parseLastEventId, parseStreamFilter } from './live-stream-request.js';
import { LiveStreams } from './live-streams.js';
import { RECORD_SIGNATURE_HEADER, RecordSignature } from './record-signature.js';
import { AuditVerification, UpgradeHistoryPage, UpgradeRecordReply, VisibleEvent } from './records.response.js';

/** Where a page of an upgrade's history ends: (occurredAt, producer, streamId, streamVersion, seq). */
const HISTORY_CURSOR = ['timestamp', 'string', 'string', 'number', 'number'] as const;

@ApiTags('records and audit')
@Controller()
export class RecordsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly streams: LiveStreams,
    private readonly signature: RecordSignature,
  ) {}

  @Get('records/:upgradeId')
  @ApiExtraModels(UpgradeRecordReply)
  @ApiOkResponse({
    description: 'the record, as JSON or (Accept: text/markdown) as a Markdown document',
    headers: {
      [RECORD_SIGNATURE_HEADER]: {
        description: 'detached compact JWS (EdDSA, ADR 20) over the exact body',
        schema: { type: 'string' },
      },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UpgradeRecordReply) } },
      'text/markdown': {
        schema: { type: 'string' },
        example: '# Upgrade record: PostgreSQL 15 to 16 for orders\n\nOutcome: succeeded\n',
      },
    },
  })
  @Operation('getUpgradeRecord', {
    summary: 'The upgrade record, compiled from the events of all four services (Accept: text/markdown for a document)',
    description: 'Signed by monitoring: X-Record-Signature holds a detached JWS (EdDSA) over the exact body.',
  })
  async record(
    @Param('upgradeId') upgradeId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const noEvents = () => notFoundException(`no events for upgrade ${upgradeId}`);
    if (accept?.includes('text/markdown')) {
      const document = await this.queries.execute(new GetUpgradeRecordMarkdown(upgradeId));
      if (document === null) throw noEvents();
      return this.signature.send(response, document, 'text/markdown');
    }
    const compiled = await this.queries.execute(new GetUpgradeRecord(upgradeId));
    if (!compiled) throw noEvents();
    return this.signature.send(response, JSON.stringify(compiled), 'application/json');
  }

  @Get('audit/upgrades/:upgradeId/events')
  @Paged()
  @ApiOkResponse({ type: UpgradeHistoryPage })
  @Operation('getUpgradeHistory', {
    summary:
      'The merged history of one upgrade, in causal and time order, as published, in pages; each role sees what EVENT_VISIBILITY lets it see',
  })
  history(@Param('upgradeId') upgradeId: string, @Query() query: PageQuery, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetUpgradeHistory(upgradeId, actor.role, pageRequest(query, HISTORY_CURSOR)));
  }

  @Get('audit/verify')
  @ApiQuery({
    name: 'upgradeId',
    required: false,
    description: 'only the streams that hold events of this upgrade (each verified whole)',
  })
  @ApiOkResponse({ type: AuditVerification })
  @Operation('verifyAuditTrail', {
    summary: 'Verify every hash chain held here; names the first broken link of each stream',
  })
  async verify(@Query('upgradeId') upgradeId?: string) {
    return this.queries.execute(new VerifyRecordLog(upgradeId));
  }

  @Get('streams/events')
  @ApiExtraModels(VisibleEvent)
  @ApiOkResponse({
    description: 'an open Server-Sent Events stream (it does not end by itself)',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description:
            'Frames of `id: <cursor>`, `event: <event type>` and `data: <JSON>`, where the data is one VisibleEvent ' +
            '(#/components/schemas/VisibleEvent); lines starting with `:` are comments (stream open, heartbeat).',
        },
        example:
          ': stream open\n\nid: 1042.3\nevent: UpgradeSubmitted\ndata: {"eventId":"0192f1c4-7d2b-7000-8000-000000000001","type":"UpgradeSubmitted",…}\n\n',
        'x-event-data': { $ref: getSchemaPath(VisibleEvent) },
      } as object,
    },
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event (its SSE id)' })
  @ApiQuery({ name: 'upgradeId', required: false })
  @ApiQuery({
    name: 'type',
    required: false,
    isArray: true,
    description: 'event types, comma-separated',
  })
  @ApiQuery({
    name: 'lastEventId',
    required: false,
    type: String,
    description:
      'resume after this event, as Last-Event-ID (which wins); for an EventSource opened anew. The ' +
      '`lastEventId` of POST /stream-tokens starts at the head: only events from then on',
  })
  @ApiQuery({
    name: 'access_token',
    required: false,
    type: String,
    description: 'a stream token from POST /stream-tokens, for an EventSource (which cannot send headers)',
  })
  @AcceptsStreamToken()
  @Operation('streamEvents', {
    summary:
      'Live Server-Sent Events of domain events from all services, in commit order; resumable with Last-Event-ID',
    description:
      'Each event: `id:` its cursor (`<transaction id>.<seq>`), `event:` its type, `data:` the envelope as the ' +
      "caller's role may see it (EVENT_VISIBILITY: left out, or redacted with a `redacted` list). A comment " +
      'line every SSE_HEARTBEAT_MS (15 s) keeps idle connections open. 503 past SSE_MAX_STREAMS open streams.',
  })
  stream(
    @Query('upgradeId') upgradeId: unknown,
    @Query('type') type: unknown,
    @Headers('last-event-id') lastEventId: unknown,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): void {
    const filter = parseStreamFilter({ upgradeId, type });
    // A browser's EventSource sends Last-Event-ID only when it reconnects by itself; one opened
    // with a fresh stream token says where to resume in the query.
    const cursor = parseLastEventId(lastEventId ?? lastEventIdQuery);
    this.streams.start(response, cursor, filter, (event) => viewEvent(actor.role, event));
  }
}
