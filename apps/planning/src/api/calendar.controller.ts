import { Body, Controller, Get, Post, Query, HttpCode } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Decide, Operation, orThrow, Paged, pageRequest, uuidv7 } from '@upgrade-control/platform';
import { GetCalendar } from '../application/get-calendar.query.js';
import { changeCalendarStream } from '../application/streams.js';
import { CalendarQueryDto, FreezeDto, PERIOD_CURSOR } from './calendar.dto.js';
import { ChangeCalendar } from './calendar.response.js';
import { ChangeFreezeReply } from './plan-replies.response.js';

@ApiTags('change calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('freezes')
  @HttpCode(200)
  @ApiOkResponse({ type: ChangeFreezeReply })
  @Operation('declareChangeFreeze', {
    summary: 'Declare a change freeze or blackout window, for everything or some assets or sites',
  })
  async declare(@Body() dto: FreezeDto, @Caller() caller: Caller) {
    const freeze = {
      ...dto,
      freezeId: dto.freezeId ?? uuidv7(),
      scope: { all: dto.scope.all, assetIds: dto.scope.assetIds ?? [], sites: dto.scope.sites ?? [] },
    };
    // A freeze's events correlate with its stream, not with its bare id.
    const correlationId = changeCalendarStream.streamId(freeze.freezeId);
    const result = orThrow(
      await this.commands.execute(Decide.by(caller, changeCalendarStream, freeze.freezeId, freeze, { correlationId })),
    );
    return { freezeId: freeze.freezeId, streamVersion: result.streamVersion };
  }

  @Get()
  @Paged()
  @ApiOkResponse({ type: ChangeCalendar })
  @Operation('getChangeCalendar', {
    summary: 'Freezes, blackouts and scheduled upgrade windows in a period, by start, in pages of both together',
  })
  calendar(@Query() query: CalendarQueryDto) {
    return this.queries.execute(new GetCalendar(query.from, query.to, pageRequest(query, PERIOD_CURSOR)));
  }
}
