import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  Creates,
  Caller,
  CLOCK,
  Decide,
  notFoundException,
  Operation,
  orThrow,
  PageQuery,
  Paged,
  pageRequest,
  uuidv7,
} from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { GetAsset } from '../application/assets.query.js';
import { DiffSnapshots, GetSnapshot, ListSnapshots } from '../application/snapshots.query.js';
import { SNAPSHOTS } from '../application/streams.js';
import { CaptureSnapshotDto } from './compatibility.dto.js';
import { SnapshotDiffReply } from './snapshot-diff.response.js';
import { ConfigurationSnapshotPage, ConfigurationSnapshotReply, SnapshotCapturedReply } from './snapshot.response.js';

@ApiTags('configuration snapshots')
@Controller('assets/:assetId/snapshots')
export class SnapshotsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Creates((r: { snapshotId: string }, path) => `${path}/${r.snapshotId}`)
  @Operation('captureConfigurationSnapshot', {
    summary:
      'Capture an immutable, content-hashed configuration snapshot (secrets only as references); ' +
      'with forUpgrade, the before- or after-apply configuration of a target of that upgrade',
  })
  @ApiCreatedResponse({ type: SnapshotCapturedReply })
  async capture(@Param('assetId') assetId: string, @Body() dto: CaptureSnapshotDto, @Caller() caller: Caller) {
    if (!(await this.queries.execute(new GetAsset(assetId)))) throw notFoundException(`asset ${assetId} not found`);
    const snapshotId = uuidv7();
    // The capture time is recorded in the snapshot and is the event's time: one reading of the clock.
    const at = this.clock();
    const link = dto.forUpgrade ? { upgradeId: dto.forUpgrade.upgradeId, phase: dto.forUpgrade.phase } : null;
    const { label, configuration } = dto;
    const command = {
      snapshotId,
      assetId,
      label: label ?? null,
      configuration,
      link,
      capturedBy: caller.actor,
      now: at,
    };
    // A snapshot correlates with the upgrade it was taken for (it joins that upgrade's record), else the asset.
    const correlationId = link?.upgradeId ?? assetId;
    const result = orThrow(
      await this.commands.execute(Decide.by(caller, SNAPSHOTS, snapshotId, command, { correlationId, at })),
    );
    const { contentHash } = result.events[0]!.payload as { contentHash: string };
    return { snapshotId, contentHash };
  }

  @Get()
  @Operation('listConfigurationSnapshots', { summary: 'Snapshots of an asset, oldest first, in pages' })
  @Paged()
  @ApiOkResponse({ type: ConfigurationSnapshotPage })
  list(@Param('assetId') assetId: string, @Query() query: PageQuery) {
    return this.queries.execute(new ListSnapshots(assetId, pageRequest(query, ['timestamp', 'string'])));
  }

  @Get(':snapshotId')
  @Operation('getConfigurationSnapshot', { summary: 'One snapshot with its configuration' })
  @ApiOkResponse({ type: ConfigurationSnapshotReply })
  async get(@Param('assetId') assetId: string, @Param('snapshotId') snapshotId: string) {
    return (
      (await this.queries.execute(new GetSnapshot(assetId, snapshotId))) ??
      Promise.reject(notFoundException(`snapshot ${snapshotId} not found`))
    );
  }

  @Get(':a/diff/:b')
  @Operation('diffConfigurationSnapshots', {
    summary: 'Added, removed and changed paths from snapshot a to snapshot b',
  })
  @ApiOkResponse({ type: SnapshotDiffReply })
  async diff(@Param('assetId') assetId: string, @Param('a') a: string, @Param('b') b: string) {
    return orThrow(await this.queries.execute(new DiffSnapshots(assetId, a, b))).diff;
  }
}
