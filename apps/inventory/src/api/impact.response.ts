import { ApiProperty } from '@nestjs/swagger';
import { ASSET_KINDS, CRITICALITIES, DEPENDENCY_RELATIONS } from '@upgrade-control/contracts';
import { PeakPeriodDto } from './asset.dto.js';

/** The asset whose impact is asked for. */
export class ImpactSubject {
  @ApiProperty({ example: 'san-berlin' }) assetId!: string;
  @ApiProperty({ example: 'SAN Berlin' }) name!: string;
  @ApiProperty({ enum: CRITICALITIES, example: 'critical' }) criticality!: string;
}

/** An asset reached through the dependency graph, at its shortest depth along one shortest path. */
export class ImpactedAsset {
  @ApiProperty({ example: 'orders-db-berlin' }) assetId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'hops from the asset asked about' })
  depth!: number;
  @ApiProperty({ enum: DEPENDENCY_RELATIONS, example: 'stores-data-in', description: 'the relation of the last hop' })
  relation!: string;
  @ApiProperty({
    type: [String],
    example: ['san-berlin', 'orders-db-berlin'],
    description: 'from the asset asked about',
  })
  path!: string[];
  @ApiProperty({ example: 'Orders database (Berlin)', description: 'the asset id when the inventory lacks it' })
  name!: string;
  @ApiProperty({ enum: [...ASSET_KINDS, 'unknown'], example: 'database' }) kind!: string;
  @ApiProperty({ enum: [...CRITICALITIES, 'unknown'], example: 'high' }) criticality!: string;
}

/** What may break if an asset changes, what it needs, and who and when that touches. */
export class AssetImpactReply {
  @ApiProperty({ type: ImpactSubject }) asset!: ImpactSubject;
  @ApiProperty({ type: [ImpactedAsset], description: 'transitive dependents: what may break' })
  dependents!: ImpactedAsset[];
  @ApiProperty({ type: [ImpactedAsset], description: 'transitive dependencies: what it needs' })
  dependencies!: ImpactedAsset[];
  @ApiProperty({
    type: [String],
    example: ['order-to-cash'],
    description: 'of the asset and its dependents, sorted',
  })
  businessProcesses!: string[];
  @ApiProperty({ type: [String], example: ['sales'], description: 'of the asset and its dependents, sorted' })
  userGroups!: string[];
  @ApiProperty({ type: [PeakPeriodDto], description: 'of the asset and its dependents, each once' })
  peakPeriods!: PeakPeriodDto[];
}
