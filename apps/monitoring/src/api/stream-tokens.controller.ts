import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, Operation, StreamTokens, type IssuedStreamToken } from '@upgrade-control/platform';
import { StreamTokenResponse } from './stream-token.response.js';

@ApiTags('records and audit')
@Controller('stream-tokens')
export class StreamTokensController {
  constructor(private readonly tokens: StreamTokens) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: StreamTokenResponse })
  @Operation('issueStreamToken', {
    summary: 'A short-lived token for the live event stream, for clients that cannot send headers (EventSource)',
    description:
      'Bound to the caller and the role it acts in (the stream shows what that role may see); lasts ' +
      'STREAM_TOKEN_TTL_SECONDS (300 s). Accepted only as `access_token` by GET /streams/events.',
  })
  issue(@CurrentActor() actor: Actor): Promise<IssuedStreamToken> {
    return this.tokens.issue(actor);
  }
}
