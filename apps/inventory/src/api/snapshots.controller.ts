import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, orThrow, notFoundException, Roles, TraceParent } from '@upgrade-control/platform';
import { CaptureConfigurationSnapshot } from '../application/inventory.commands.js';
import { diffConfigurations } from '../domain/configuration-snapshot.decider.js';
import { InventoryReadModel } from '../infrastructure/inventory-read-model.js';
import { CaptureSnapshotDto } from './compatibility.dto.js';

@ApiTags('configuration snapshots')
@Controller('assets/:assetId/snapshots')
export class SnapshotsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: InventoryReadModel,
  ) {}

  @Post()
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Capture an immutable, content-hashed configuration snapshot (secrets only as references)' })
  async capture(
    @Param('assetId') assetId: string,
    @Body() dto: CaptureSnapshotDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    if (!(await this.readModel.asset(assetId))) throw notFoundException(`asset ${assetId} not found`);
    const result = orThrow(
      await this.commands.execute(
        new CaptureConfigurationSnapshot(assetId, dto.label ?? null, dto.configuration, { actor, traceparent }),
      ),
    );
    const { snapshotId, contentHash } = result.events[0]!.payload as { snapshotId: string; contentHash: string };
    return { snapshotId, contentHash };
  }

  @Get()
  @ApiOperation({ summary: 'Snapshots of an asset, oldest first' })
  list(@Param('assetId') assetId: string) {
    return this.readModel.snapshots(assetId);
  }

  @Get(':snapshotId')
  @ApiOperation({ summary: 'One snapshot with its configuration' })
  async get(@Param('assetId') assetId: string, @Param('snapshotId') snapshotId: string) {
    return (
      (await this.readModel.snapshot(assetId, snapshotId)) ??
      Promise.reject(notFoundException(`snapshot ${snapshotId} not found`))
    );
  }

  @Get(':a/diff/:b')
  @ApiOperation({ summary: 'Added, removed and changed paths from snapshot a to snapshot b' })
  async diff(@Param('assetId') assetId: string, @Param('a') a: string, @Param('b') b: string) {
    const [before, after] = await Promise.all([
      this.readModel.snapshot(assetId, a),
      this.readModel.snapshot(assetId, b),
    ]);
    if (!before || !after) throw notFoundException(`snapshot ${before ? b : a} not found`);
    return { from: a, to: b, ...diffConfigurations(before.configuration, after.configuration) };
  }
}
