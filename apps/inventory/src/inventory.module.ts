import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, EventPlatformModule, EventStore, registerReadModels } from '@upgrade-control/platform';
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
import { InventoryReadModel } from './infrastructure/inventory-read-model.js';
import { INVENTORY_MIGRATIONS, INVENTORY_READ_MODELS } from './infrastructure/read-models.js';

@Module({})
export class InventoryModule implements OnModuleInit {
  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
  ) {}

  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: InventoryModule,
      imports: [EventPlatformModule.forService({ service: 'inventory', env, migrations: INVENTORY_MIGRATIONS })],
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
    registerReadModels(INVENTORY_READ_MODELS, this.store, this.consumer);
  }
}
