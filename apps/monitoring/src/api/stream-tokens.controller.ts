import { Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, Operation, StreamTokens } from '@upgrade-control/platform';
import { GetRecordHead } from '../application/get-record-head.query.js';
import { formatCursor } from './live-stream-request.js';
import { StreamTokenResponse } from './stream-token.response.js';

@ApiTags('records and audit')
@Controller('stream-tokens')
export class StreamTokensController {
  constructor(
    private readonly tokens: StreamTokens,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: StreamTokenResponse })
  @Operation('issueStreamToken', {
    summary: 'A short-lived token for the live event stream, for clients that cannot send headers (EventSource)',
    description:
      'Bound to the caller and the role it acts in (the stream shows what that role may see); lasts ' +
      'STREAM_TOKEN_TTL_SECONDS (300 s). Accepted only as `access_token` by GET /streams/events. With it ' +
      "comes the stream's head, `lastEventId`: a client that loaded the current state opens the stream " +
      'from there and gets what happens next, not the history (ADR 29).',
  })
  async issue(@CurrentActor() actor: Actor): Promise<StreamTokenResponse> {
    // The head first: an event committed while the token is signed comes after it, never lost.
    const head = await this.queries.execute(new GetRecordHead());
    return { ...(await this.tokens.issue(actor)), lastEventId: formatCursor(head) };
  }
}
