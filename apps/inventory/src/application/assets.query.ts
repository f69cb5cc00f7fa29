import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { AssetReadModel, type AssetFilter, type AssetPage, type AssetView } from './asset-read-model.port.js';

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
export class ListAssets extends Query<AssetPage> {
  constructor(readonly filter: AssetFilter) {
    super();
  }
}

export const ListAssetsHandler = queryHandlerFor(ListAssets, AssetReadModel, (assets, { filter }) =>
  assets.list(filter),
);

/** Certificates and licenses that expire before a date. */
export class ListExpiringAssets extends Query<AssetView[]> {
  constructor(readonly before: string) {
    super();
  }
}

export const ListExpiringAssetsHandler = queryHandlerFor(ListExpiringAssets, AssetReadModel, (assets, { before }) =>
  assets.expiring(before),
);
