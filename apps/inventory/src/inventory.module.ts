import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EventPlatformModule, EventStore } from '@upgrade-control/platform';
import { CompatibilityCheckQuery } from './application/compatibility-check.query.js';
import { ImpactQuery } from './application/impact.query.js';
import {
  CaptureConfigurationSnapshotHandler,
  DeclareCompatibilityRuleHandler,
  ExecuteAssetCommandHandler,
} from './application/inventory.handlers.js';
import { AssetsController } from './api/assets.controller.js';
import { CompatibilityController } from './api/compatibility.controller.js';
import { ProductsController } from './api/products.controller.js';
import { SnapshotsController } from './api/snapshots.controller.js';
import { ExecutionReactions } from './infrastructure/execution-reactions.js';
import { projectInventory } from './infrastructure/inventory-projection.js';
import { InventoryReadModel } from './infrastructure/inventory-read-model.js';
import { InventoryReadModel1764000000100 } from './infrastructure/inventory-read-model.migration.js';

@Module({})
export class InventoryModule implements OnModuleInit {
  constructor(private readonly store: EventStore) {}

  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: InventoryModule,
      imports: [
        EventPlatformModule.forService({ service: 'inventory', env, migrations: [InventoryReadModel1764000000100] }),
      ],
      controllers: [AssetsController, CompatibilityController, SnapshotsController, ProductsController],
      providers: [
        ExecuteAssetCommandHandler,
        DeclareCompatibilityRuleHandler,
        CaptureConfigurationSnapshotHandler,
        InventoryReadModel,
        ImpactQuery,
        CompatibilityCheckQuery,
        ExecutionReactions,
      ],
    };
  }

  onModuleInit(): void {
    this.store.addStatementProjection(projectInventory);
  }
}
