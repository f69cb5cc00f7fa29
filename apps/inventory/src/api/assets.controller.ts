import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  Creates,
  Caller,
  ETagged,
  Paged,
  pageRequest,
  Decide,
  notFoundException,
  Operation,
  orThrow,
  uuidv7,
} from '@upgrade-control/platform';
import { GetAsset, ListAssets, ListExpiringAssets } from '../application/assets.query.js';
import { GetAssetImpact } from '../application/impact.query.js';
import { ASSETS } from '../application/streams.js';
import type { AssetCommand } from '../domain/asset.decider.js';
import {
  DeclareDependencyDto,
  DependencyPathDto,
  ExpiringQueryDto,
  ListAssetsQueryDto,
  RegisterAssetDto,
  RetireAssetDto,
  UpdateAssetDto,
} from './asset.dto.js';
import { AssetPage, AssetReply, AssetWriteReply } from './asset.response.js';
import { AssetImpactReply } from './impact.response.js';

@ApiTags('assets')
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Creates((r: { assetId: string }) => `/assets/${r.assetId}`)
  @Operation('registerAsset', { summary: 'Register an asset with its version at one site and node' })
  @ApiCreatedResponse({ type: AssetWriteReply })
  async register(@Body() dto: RegisterAssetDto, @Caller() caller: Caller) {
    const { assetId = uuidv7(), ...rest } = dto;
    const details = {
      attributes: {},
      businessProcesses: [],
      userGroups: [],
      peakPeriods: [],
      expiresOn: null,
      ...rest,
    };
    return this.run(caller, assetId, { type: 'RegisterAsset', assetId, details });
  }

  @Get()
  @Operation('listAssets', {
    summary: 'List assets by id, filtered by kind, site, product, criticality or status, in pages',
  })
  @Paged()
  @ApiOkResponse({ type: AssetPage })
  list(@Query() query: ListAssetsQueryDto) {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    return this.queries.execute(new ListAssets(filter, pageRequest(query, ['string'])));
  }

  @Get('expiring')
  @Operation('listExpiringAssets', { summary: 'Certificates and licenses that expire before a date' })
  @Paged()
  @ApiOkResponse({ type: AssetPage })
  expiring(@Query() query: ExpiringQueryDto) {
    return this.queries.execute(new ListExpiringAssets(query.before, pageRequest(query, ['date', 'string'])));
  }

  @Get(':assetId')
  @Operation('getAsset', { summary: 'One asset as the inventory knows it now; its ETag is the stream version' })
  @ETagged()
  @ApiOkResponse({ type: AssetReply })
  async get(@Param('assetId') assetId: string) {
    return (await this.queries.execute(new GetAsset(assetId))) ?? Promise.reject(assetNotFound(assetId));
  }

  @Patch(':assetId')
  @Operation('updateAssetDetails', { summary: 'Update descriptive fields (the version moves only through upgrades)' })
  @ApiOkResponse({ type: AssetWriteReply })
  update(@Param('assetId') assetId: string, @Body() changes: UpdateAssetDto, @Caller() caller: Caller) {
    return this.run(caller, assetId, { type: 'UpdateAssetDetails', changes });
  }

  @Post(':assetId/retire')
  @HttpCode(200)
  @Operation('retireAsset', { summary: 'Retire an asset' })
  @ApiOkResponse({ type: AssetWriteReply })
  retire(@Param('assetId') assetId: string, @Body() dto: RetireAssetDto, @Caller() caller: Caller) {
    return this.run(caller, assetId, { type: 'RetireAsset', reason: dto.reason });
  }

  @Post(':assetId/dependencies')
  @HttpCode(200)
  @Operation('declareDependency', { summary: 'Declare that this asset depends on another' })
  @ApiOkResponse({ type: AssetWriteReply })
  async declareDependency(
    @Param('assetId') assetId: string,
    @Body() dto: DeclareDependencyDto,
    @Caller() caller: Caller,
  ) {
    const other = await this.queries.execute(new GetAsset(dto.dependsOnAssetId));
    const dependsOn = other && { assetId: other.assetId, status: other.status };
    return this.run(caller, assetId, { type: 'DeclareDependency', dependsOn, ...dto });
  }

  @Delete(':assetId/dependencies/:dependsOnAssetId/:relation')
  @Operation('removeDependency', { summary: 'Remove a declared dependency' })
  @ApiOkResponse({ type: AssetWriteReply })
  removeDependency(@Param() params: DependencyPathDto, @Caller() caller: Caller) {
    const { assetId, dependsOnAssetId, relation } = params;
    return this.run(caller, assetId, { type: 'RemoveDependency', dependsOnAssetId, relation });
  }

  @Get(':assetId/impact')
  @Operation('getAssetImpact', {
    summary: 'What may break if this asset changes (transitive dependents) and what it needs',
  })
  @ApiOkResponse({ type: AssetImpactReply })
  async impact(@Param('assetId') assetId: string) {
    return (await this.queries.execute(new GetAssetImpact(assetId))) ?? Promise.reject(assetNotFound(assetId));
  }

  private async run(caller: Caller, assetId: string, command: AssetCommand) {
    const result = orThrow(await this.commands.execute(Decide.by(caller, ASSETS, assetId, command)));
    return { assetId, streamVersion: result.streamVersion };
  }
}

const assetNotFound = (assetId: string) => notFoundException(`asset ${assetId} not found`);
