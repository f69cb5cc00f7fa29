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

/** Versions of a product in use per site and node. */
export class ProductDriftReply {
  @ApiProperty({ example: 'postgresql' }) product!: string;
  @ApiProperty({ example: true, description: 'more than one version is in use' }) drift!: boolean;
  @ApiProperty({ type: [String], example: ['15.6', '16.2'], description: 'distinct, sorted' }) versions!: string[];
  @ApiProperty({ type: [SiteVersions] }) sites!: SiteVersions[];
}
