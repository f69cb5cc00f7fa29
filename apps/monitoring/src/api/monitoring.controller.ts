import { Body, Controller, Get, Param, Post, HttpCode } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Caller, Decide, notFoundException, Operation, orThrow, ETagged, uuidv7 } from '@upgrade-control/platform';
import { GetBaseline } from '../application/get-baseline.query.js';
import { GetMonitoring } from '../application/get-monitoring.query.js';
import { monitoringStream } from '../application/streams.js';
import type { MonitoringCommand } from '../domain/monitoring.decider.js';
import { BaselineDto, FollowUpDto, IncidentDto, ResolutionDto } from './monitoring.dto.js';
import { MonitoringReply, UpgradeMonitoring } from './monitoring.response.js';

@ApiTags('monitoring')
@Controller()
export class MonitoringController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('monitoring/:upgradeId')
  @ApiOkResponse({ type: UpgradeMonitoring })
  @Operation('getMonitoring', {
    summary:
      'The monitoring of an upgrade: baselines, period, open regressions and incidents; its ETag is the stream version',
  })
  @ETagged()
  async get(@Param('upgradeId') upgradeId: string) {
    const monitoring = await this.queries.execute(new GetMonitoring(upgradeId));
    if (!monitoring) throw notFoundException(`nothing is monitored for upgrade ${upgradeId}`);
    return monitoring;
  }

  @Post('monitoring/:upgradeId/baselines')
  @HttpCode(200)
  @ApiOkResponse({ type: MonitoringReply })
  @Operation('captureBaseline', {
    summary: 'Capture a baseline for an asset from its samples over a reference period before the upgrade',
  })
  async baseline(@Param('upgradeId') upgradeId: string, @Body() dto: BaselineDto, @Caller() caller: Caller) {
    const metrics = await this.queries.execute(new GetBaseline(dto.assetId, dto.from, dto.to));
    return this.run(caller, upgradeId, { type: 'CaptureBaseline', upgradeId, ...dto, metrics });
  }

  @Post('monitoring/:upgradeId/incidents')
  @HttpCode(200)
  @ApiOkResponse({ type: MonitoringReply })
  @Operation('reportIncident', { summary: 'Report an incident from user feedback' })
  incident(@Param('upgradeId') upgradeId: string, @Body() dto: IncidentDto, @Caller() caller: Caller) {
    return this.run(caller, upgradeId, {
      type: 'ReportIncident',
      upgradeId,
      incidentId: dto.incidentId ?? uuidv7(),
      summary: dto.summary,
      severity: dto.severity,
      reportedBy: caller.actor.id,
    });
  }

  @Post('monitoring/:upgradeId/incidents/:incidentId/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: MonitoringReply })
  @Operation('resolveIncident', { summary: 'Resolve an incident' })
  resolve(
    @Param('upgradeId') upgradeId: string,
    @Param('incidentId') incidentId: string,
    @Body() dto: ResolutionDto,
    @Caller() caller: Caller,
  ) {
    return this.run(caller, upgradeId, { type: 'ResolveIncident', incidentId, resolution: dto.resolution });
  }

  @Post('records/:upgradeId/follow-ups')
  @HttpCode(200)
  @ApiOkResponse({ type: MonitoringReply })
  @Operation('addRecordFollowUp', { summary: 'Add a known issue or follow-up action to the upgrade record' })
  followUp(@Param('upgradeId') upgradeId: string, @Body() dto: FollowUpDto, @Caller() caller: Caller) {
    return this.run(caller, upgradeId, {
      type: 'AddFollowUp',
      upgradeId,
      followUpId: dto.followUpId ?? uuidv7(),
      description: dto.description,
      owner: dto.owner,
      dueOn: dto.dueOn ?? null,
    });
  }

  @Post('records/:upgradeId/follow-ups/:followUpId/close')
  @HttpCode(200)
  @ApiOkResponse({ type: MonitoringReply })
  @Operation('closeRecordFollowUp', { summary: 'Close a follow-up action' })
  closeFollowUp(
    @Param('upgradeId') upgradeId: string,
    @Param('followUpId') followUpId: string,
    @Body() dto: ResolutionDto,
    @Caller() caller: Caller,
  ) {
    return this.run(caller, upgradeId, { type: 'CloseFollowUp', followUpId, resolution: dto.resolution });
  }

  private async run(caller: Caller, upgradeId: string, command: MonitoringCommand) {
    const result = orThrow(await this.commands.execute(Decide.by(caller, monitoringStream, upgradeId, command)));
    return { upgradeId, streamVersion: result.streamVersion };
  }
}
