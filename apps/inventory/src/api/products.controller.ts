import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFoundException } from '@upgrade-control/platform';
import { InventoryReadModel } from '../infrastructure/inventory-read-model.js';

@ApiTags('version drift')
@Controller('products')
export class ProductsController {
  constructor(private readonly readModel: InventoryReadModel) {}

  @Get(':product/drift')
  @ApiOperation({
    summary: 'Versions of a product in use per site and node, so differences show before sequencing an upgrade',
  })
  async drift(@Param('product') product: string) {
    const rows = await this.readModel.drift(product);
    if (rows.length === 0) throw notFoundException(`no active asset runs ${product}`);
    const versions = [...new Set(rows.map((r) => r.version))].sort();
    const sites = [...new Set(rows.map((r) => r.site))].map((site) => {
      const nodes = rows
        .filter((r) => r.site === site)
        .map(({ node, assetId, version }) => ({ node, assetId, version }));
      return { site, versions: [...new Set(nodes.map((n) => n.version))].sort(), nodes };
    });
    return { product, drift: versions.length > 1, versions, sites };
  }
}
