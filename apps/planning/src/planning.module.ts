import { Module, type DynamicModule } from '@nestjs/common';
import { EventPlatformModule } from '@upgrade-control/platform';

@Module({})
export class PlanningModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: PlanningModule,
      imports: [EventPlatformModule.forService({ service: 'planning', env })],
    };
  }
}
