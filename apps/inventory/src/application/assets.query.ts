import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import { AssetReadModel, type AssetFilter, type AssetView } from './asset-read-model.port.js';

/** One asset as the inventory knows it now; null when there is none. */
export class GetAsset extends Query<AssetView | null> {
  constructor(readonly assetId: string) {
    super();
  }
}

export const GetAssetHandler = queryHandlerFor(GetAsset, AssetReadModel, (assets, { assetId }) =>
  assets.asset(assetId),
);

/** A page of assets, filtered. */
export class ListAssets extends Query<Page<AssetView>> {
  constructor(
    readonly filter: AssetFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const ListAssetsHandler = queryHandlerFor(ListAssets, AssetReadModel, (assets, { filter, page }) =>
  assets.list(filter, page),
);

/** Certificates and licenses that expire before a date. */
export class ListExpiringAssets extends Query<Page<AssetView>> {
  constructor(
    readonly before: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const ListExpiringAssetsHandler = queryHandlerFor(
  ListExpiringAssets,
  AssetReadModel,
  (assets, { before, page }) => assets.expiring(before, page),
);
