import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFoundException, Operation } from '@upgrade-control/platform';
import { GetProductDrift } from '../application/drift.query.js';
import { ProductDriftReply } from './drift.response.js';

@ApiTags('version drift')
@Controller('products')
export class ProductsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':product/drift')
  @Operation('getProductDrift', {
    summary: 'Versions of a product in use per site and node, so differences show before sequencing an upgrade',
  })
  @ApiOkResponse({ type: ProductDriftReply })
  async drift(@Param('product') product: string) {
    const drift = await this.queries.execute(new GetProductDrift(product));
    if (!drift) throw notFoundException(`no active asset runs ${product}`);
    return drift;
  }
}
