import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import {
  CurrentActor,
  IfMatchVersion,
  orThrow,
  notFoundException,
  Roles,
  TraceParent,
} from '@upgrade-control/platform';
import { v7 as uuidv7 } from 'uuid';
import { ExecuteAssetCommand } from '../application/inventory.commands.js';
import { ImpactQuery } from '../application/impact.query.js';
import type { AssetCommand } from '../domain/asset.decider.js';
import { InventoryReadModel } from '../infrastructure/inventory-read-model.js';
import {
  DeclareDependencyDto,
  ExpiringQueryDto,
  ListAssetsQueryDto,
  RegisterAssetDto,
  RetireAssetDto,
  UpdateAssetDto,
} from './asset.dto.js';

@ApiTags('assets')
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: InventoryReadModel,
    private readonly impactQuery: ImpactQuery,
  ) {}

  @Post()
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Register an asset with its version at one site and node' })
  async register(@Body() dto: RegisterAssetDto, @CurrentActor() actor: Actor, @TraceParent() trace: string | null) {
    const { assetId = uuidv7(), ...rest } = dto;
    const details = {
      attributes: {},
      businessProcesses: [],
      userGroups: [],
      peakPeriods: [],
      expiresOn: null,
      ...rest,
    };
    return this.run(assetId, { type: 'RegisterAsset', assetId, details }, actor, trace);
  }

  @Get()
  @ApiOperation({ summary: 'List assets, filtered by kind, site, product, criticality or status, paged' })
  list(@Query() query: ListAssetsQueryDto) {
    return this.readModel.list({ ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  @Get('expiring')
  @ApiOperation({ summary: 'Certificates and licenses that expire before a date' })
  expiring(@Query() query: ExpiringQueryDto) {
    return this.readModel.expiring(query.before);
  }

  @Get(':assetId')
  @ApiOperation({ summary: 'One asset as the inventory knows it now' })
  async get(@Param('assetId') assetId: string) {
    return this.mustExist(assetId);
  }

  @Patch(':assetId')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Update descriptive fields (the version moves only through upgrades)' })
  update(
    @Param('assetId') assetId: string,
    @Body() changes: UpdateAssetDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
    @IfMatchVersion() expected?: number,
  ) {
    return this.run(assetId, { type: 'UpdateAssetDetails', changes }, actor, trace, expected);
  }

  @Post(':assetId/retire')
  @HttpCode(200)
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Retire an asset' })
  retire(
    @Param('assetId') assetId: string,
    @Body() dto: RetireAssetDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(assetId, { type: 'RetireAsset', reason: dto.reason }, actor, trace);
  }

  @Post(':assetId/dependencies')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Declare that this asset depends on another' })
  async declareDependency(
    @Param('assetId') assetId: string,
    @Body() dto: DeclareDependencyDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    const other = await this.readModel.asset(dto.dependsOnAssetId);
    const dependsOn = other && { assetId: other.assetId, status: other.status };
    return this.run(assetId, { type: 'DeclareDependency', dependsOn, ...dto }, actor, trace);
  }

  @Delete(':assetId/dependencies/:dependsOnAssetId/:relation')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Remove a declared dependency' })
  removeDependency(
    @Param() params: { assetId: string } & DeclareDependencyDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    const { assetId, dependsOnAssetId, relation } = params;
    return this.run(assetId, { type: 'RemoveDependency', dependsOnAssetId, relation }, actor, trace);
  }

  @Get(':assetId/impact')
  @ApiOperation({ summary: 'What may break if this asset changes (transitive dependents) and what it needs' })
  async impact(@Param('assetId') assetId: string) {
    return this.impactQuery.impact(await this.mustExist(assetId));
  }

  private async mustExist(assetId: string) {
    const asset = await this.readModel.asset(assetId);
    if (!asset) throw notFoundException(`asset ${assetId} not found`);
    return asset;
  }

  private async run(
    assetId: string,
    command: AssetCommand,
    actor: Actor,
    traceparent: string | null,
    expectedVersion?: number,
  ) {
    const result = orThrow(
      await this.commands.execute(new ExecuteAssetCommand(assetId, command, { actor, traceparent, expectedVersion })),
    );
    return { assetId, streamVersion: result.streamVersion };
  }
}
