import { ApiProperty } from '@nestjs/swagger';

/** One active asset running the product at one node. */
export class NodeVersion {
  @ApiProperty({ example: 'db-1' }) node!: string;
  @ApiProperty({ example: 'orders-db-berlin' }) assetId!: string;
  @ApiProperty({ example: '15.6' }) version!: string;
}

/** The product's versions at one site. */
export class SiteVersions {
  @ApiProperty({ example: 'berlin' }) site!: string;
  @ApiProperty({ type: [String], example: ['15.6'], description: 'distinct, sorted' }) versions!: string[];
  @ApiProperty({ type: [NodeVersion] }) nodes!: NodeVersion[];
}

/** The assets a suggested wave moves, as PUT /upgrades/{id}/waves takes them. */
export class SuggestedWaveSelector {
  @ApiProperty({ enum: ['assets'], example: 'assets' }) kind!: 'assets';
  @ApiProperty({ type: [String], example: ['orders-db-hamburg'] }) assetIds!: string[];
}

/** One wave of the suggested sequence (issue 18). */
export class SuggestedWaveView {
  @ApiProperty({ example: 'wave-1' }) name!: string;
  @ApiProperty({ example: 'postgresql 15.4 without custom modules at hamburg/db-1' }) reason!: string;
  @ApiProperty({ type: SuggestedWaveSelector }) selector!: SuggestedWaveSelector;
}

/** Versions of a product in use per site and node. */
export class ProductDriftReply {
  @ApiProperty({ example: 'postgresql' }) product!: string;
  @ApiProperty({ example: true, description: 'more than one version is in use' }) drift!: boolean;
  @ApiProperty({ type: [String], example: ['15.6', '16.2'], description: 'distinct, sorted' }) versions!: string[];
  @ApiProperty({ type: [SiteVersions] }) sites!: SiteVersions[];
  @ApiProperty({
    type: [SuggestedWaveView],
    description:
      'waves to sequence an upgrade by: each patch level of plain nodes its own wave (oldest first), then each node with custom modules (attribute customModules) alone',
  })
  suggestedWaves!: SuggestedWaveView[];
}
