import { NextCursor } from '@upgrade-control/platform';
import { ApiProperty } from '@nestjs/swagger';
import { ASSET_KINDS, CRITICALITIES } from '@upgrade-control/contracts';
import { PeakPeriodDto } from './asset.dto.js';

/** One asset as the inventory knows it now (getAsset, and the items of the asset lists). */
export class AssetReply {
  @ApiProperty({ example: 'orders-db-berlin' }) assetId!: string;
  @ApiProperty({ example: 'Orders database (Berlin)' }) name!: string;
  @ApiProperty({ enum: ASSET_KINDS, example: 'database' }) kind!: string;
  @ApiProperty({ example: 'postgresql' }) product!: string;
  @ApiProperty({ example: '15.6', description: 'moves only through upgrades' }) version!: string;
  @ApiProperty({ example: 'berlin' }) site!: string;
  @ApiProperty({ example: 'db-1' }) node!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { vendor: 'PGDG', patchLevel: '15.6-1' },
  })
  attributes!: Record<string, string>;
  @ApiProperty({ enum: CRITICALITIES, example: 'high' }) criticality!: string;
  @ApiProperty({ example: 'dba-team' }) owner!: string;
  @ApiProperty({ type: [String], example: ['order-to-cash'] }) businessProcesses!: string[];
  @ApiProperty({ type: [String], example: ['sales'] }) userGroups!: string[];
  @ApiProperty({ type: [PeakPeriodDto] }) peakPeriods!: PeakPeriodDto[];
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: null,
    description: 'set for certificates and licenses',
  })
  expiresOn!: string | null;
  @ApiProperty({ enum: ['active', 'retired'], example: 'active' }) status!: 'active' | 'retired';
  @ApiProperty({ type: 'integer', example: 3, description: "the asset stream's version (its ETag)" })
  streamVersion!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'pg16',
    description: 'the upgrade that last moved the version; null while none has',
  })
  versionChangedBy!: string | null;
}

/** One page of assets (listAssets, listExpiringAssets). */
export class AssetPage {
  @ApiProperty({ type: [AssetReply] }) items!: AssetReply[];
  @NextCursor() next!: string | null;
}

/** What every write to an asset answers: the asset and its stream's new version. */
export class AssetWriteReply {
  @ApiProperty({ example: 'orders-db-berlin' }) assetId!: string;
  @ApiProperty({ type: 'integer', example: 2, description: "the asset stream's version after the write" })
  streamVersion!: number;
}
