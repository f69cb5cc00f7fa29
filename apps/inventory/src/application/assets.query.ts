import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AssetReadModel, type AssetFilter, type AssetPage, type AssetView } from './asset-read-model.port.js';

/** One asset as the inventory knows it now; null when there is none. */
export class GetAsset extends Query<AssetView | null> {
  constructor(readonly assetId: string) {
    super();
  }
}

@QueryHandler(GetAsset)
export class GetAssetHandler implements IQueryHandler<GetAsset> {
  constructor(private readonly assets: AssetReadModel) {}

  execute({ assetId }: GetAsset): Promise<AssetView | null> {
    return this.assets.asset(assetId);
  }
}

/** A page of assets, filtered. */
export class ListAssets extends Query<AssetPage> {
  constructor(readonly filter: AssetFilter) {
    super();
  }
}

@QueryHandler(ListAssets)
export class ListAssetsHandler implements IQueryHandler<ListAssets> {
  constructor(private readonly assets: AssetReadModel) {}

  execute({ filter }: ListAssets): Promise<AssetPage> {
    return this.assets.list(filter);
  }
}

/** Certificates and licenses that expire before a date. */
export class ListExpiringAssets extends Query<AssetView[]> {
  constructor(readonly before: string) {
    super();
  }
}

@QueryHandler(ListExpiringAssets)
export class ListExpiringAssetsHandler implements IQueryHandler<ListExpiringAssets> {
  constructor(private readonly assets: AssetReadModel) {}

  execute({ before }: ListExpiringAssets): Promise<AssetView[]> {
    return this.assets.expiring(before);
  }
}
