import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule } from '@upgrade-control/platform';
import { AssetReadModel } from './application/asset-read-model.port.js';
import { GetAssetHandler, ListAssetsHandler, ListExpiringAssetsHandler } from './application/assets.query.js';
import { CheckCompatibilityHandler } from './application/compatibility-check.query.js';
import { CompatibilityRuleReadModel } from './application/compatibility-rule-read-model.port.js';
import { ListCompatibilityRulesHandler } from './application/compatibility-rules.query.js';
import { GetProductDriftHandler } from './application/drift.query.js';
import { GetAssetImpactHandler } from './application/impact.query.js';
import { SnapshotReadModel } from './application/snapshot-read-model.port.js';
import { DiffSnapshotsHandler, GetSnapshotHandler, ListSnapshotsHandler } from './application/snapshots.query.js';
import { AssetsController } from './api/assets.controller.js';
import { CompatibilityController } from './api/compatibility.controller.js';
import { ProductsController } from './api/products.controller.js';
import { SnapshotsController } from './api/snapshots.controller.js';
import { SqlAssetReadModel } from './infrastructure/asset.read-model.js';
import { SqlCompatibilityRuleReadModel } from './infrastructure/compatibility-rule.read-model.js';
import { INVENTORY_MIGRATIONS, INVENTORY_READ_MODELS } from './infrastructure/read-models.js';
import { SqlSnapshotReadModel } from './infrastructure/snapshot.read-model.js';
import { VersionMovesOnExecution } from './infrastructure/version-moves.reactions.js';

@Module({})
export class InventoryModule {
  /** The service's description in its OpenAPI document. */
  static readonly description = 'Inventory service of Upgrade Control.';

  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return serviceModule(
      InventoryModule,
      { service: 'inventory', env, migrations: INVENTORY_MIGRATIONS, readModels: INVENTORY_READ_MODELS },
      {
        controllers: [AssetsController, CompatibilityController, SnapshotsController, ProductsController],
        providers: [
          { provide: AssetReadModel, useClass: SqlAssetReadModel },
          { provide: CompatibilityRuleReadModel, useClass: SqlCompatibilityRuleReadModel },
          { provide: SnapshotReadModel, useClass: SqlSnapshotReadModel },
          GetAssetHandler,
          ListAssetsHandler,
          ListExpiringAssetsHandler,
          GetAssetImpactHandler,
          GetProductDriftHandler,
          CheckCompatibilityHandler,
          ListCompatibilityRulesHandler,
          ListSnapshotsHandler,
          GetSnapshotHandler,
          DiffSnapshotsHandler,
          VersionMovesOnExecution,
        ],
      },
    );
  }
}
