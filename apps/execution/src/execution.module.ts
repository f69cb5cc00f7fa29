import { Module, type DynamicModule } from '@nestjs/common';
import { EventPlatformModule } from '@upgrade-control/platform';

@Module({})
export class ExecutionModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ExecutionModule,
      imports: [EventPlatformModule.forService({ service: 'execution', env })],
    };
  }
}
