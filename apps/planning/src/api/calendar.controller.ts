import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, orThrow, Roles, TraceParent } from '@upgrade-control/platform';
import { v7 as uuidv7 } from 'uuid';
import { DeclareChangeFreeze } from '../application/planning.commands.js';
import { CalendarQueryDto, FreezeDto } from './plan.dto.js';

@ApiTags('change calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly commands: CommandBus,
    private readonly db: DataSource,
  ) {}

  @Post('freezes')
  @Roles('planner', 'approver')
  @ApiOperation({ summary: 'Declare a change freeze or blackout window, for everything or some assets or sites' })
  async declare(@Body() dto: FreezeDto, @CurrentActor() actor: Actor, @TraceParent() traceparent: string | null) {
    const freeze = {
      ...dto,
      freezeId: dto.freezeId ?? uuidv7(),
      scope: { all: dto.scope.all, assetIds: dto.scope.assetIds ?? [], sites: dto.scope.sites ?? [] },
    };
    const result = orThrow(await this.commands.execute(new DeclareChangeFreeze(freeze, { actor, traceparent })));
    return { freezeId: freeze.freezeId, streamVersion: result.streamVersion };
  }

  @Get()
  @ApiOperation({ summary: 'Freezes, blackouts and scheduled upgrade windows in a period' })
  async calendar(@Query() query: CalendarQueryDto) {
    const [freezes, windows] = await Promise.all([
      this.db.query(
        `SELECT freeze_id AS "freezeId", kind, name, starts_at AS "startsAt", ends_at AS "endsAt", scope, reason FROM calendar WHERE starts_at < $2 AND ends_at > $1 ORDER BY starts_at`,
        [query.from, query.to],
      ),
      this.db.query(
        `SELECT upgrade_id AS "upgradeId", title, status, window_starts AS "startsAt", window_ends AS "endsAt", asset_ids AS "assetIds" FROM plans
          WHERE window_starts < $2 AND window_ends > $1 AND status NOT IN ('Cancelled', 'Rejected') ORDER BY window_starts`,
        [query.from, query.to],
      ),
    ]);
    return { from: query.from, to: query.to, freezes, upgrades: windows };
  }
}
