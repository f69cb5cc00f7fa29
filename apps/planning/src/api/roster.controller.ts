import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CLOCK, Decide, Operation, orThrow, Paged, pageRequest, uuidv7 } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { supportRosterStream } from '../application/streams.js';
import { GetRoster } from '../application/support-roster.js';
import type { RosterCommand } from '../domain/support/roster.decider.js';
import { CalendarQueryDto, PERIOD_CURSOR } from './calendar.dto.js';
import { CancelShiftDto, ShiftDto } from './people.dto.js';
import { SupportShiftReply } from './plan-replies.response.js';
import { SupportRoster } from './roster.response.js';

/** The support roster: who is on call for which support role, when (ADR on the support roster). */
@ApiTags('support roster')
@Controller('roster')
export class RosterController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('shifts')
  @HttpCode(200)
  @ApiOkResponse({ type: SupportShiftReply })
  @Operation('recordSupportShift', {
    summary: 'Record who is on call for a support role, from when to when (never one’s own shift)',
  })
  async record(@Body() dto: ShiftDto, @Caller() caller: Caller) {
    const now = this.clock();
    const shiftId = dto.shiftId ?? uuidv7();
    const command = { type: 'RecordShift' as const, ...dto, shiftId, recordedBy: caller.actor.id, now };
    const streamVersion = await this.decide(caller, shiftId, command, now);
    return { shiftId, streamVersion };
  }

  @Post('shifts/:shiftId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: SupportShiftReply })
  @Operation('cancelSupportShift', { summary: 'Cancel a shift: the person on call, a planner or an approver' })
  async cancel(@Param('shiftId') shiftId: string, @Body() dto: CancelShiftDto, @Caller() caller: Caller) {
    const command = { type: 'CancelShift' as const, shiftId, reason: dto.reason, cancelledBy: caller.actor };
    return { shiftId, streamVersion: await this.decide(caller, shiftId, command) };
  }

  @Get()
  @Paged()
  @ApiOkResponse({ type: SupportRoster })
  @Operation('listSupportShifts', {
    summary: 'Shifts on call (not cancelled) that overlap a period, by start, in pages',
  })
  roster(@Query() query: CalendarQueryDto) {
    return this.queries.execute(new GetRoster(query.from, query.to, pageRequest(query, PERIOD_CURSOR)));
  }

  private async decide(caller: Caller, shiftId: string, command: RosterCommand, at?: Date): Promise<number> {
    // A shift's events correlate with its stream, not with its bare id (as a freeze's do).
    const correlationId = supportRosterStream.streamId(shiftId);
    const decision = Decide.by(caller, supportRosterStream, shiftId, command, { correlationId, ...(at ? { at } : {}) });
    return orThrow(await this.commands.execute(decision)).streamVersion;
  }
}
