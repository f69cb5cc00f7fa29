import { Module, type DynamicModule } from '@nestjs/common';
import { EventPlatformModule } from '@upgrade-control/platform';

@Module({})
export class InventoryModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: InventoryModule,
      imports: [EventPlatformModule.forService({ service: 'inventory', env })],
    };
  }
}
