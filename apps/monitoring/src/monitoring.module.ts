import { Module, type DynamicModule } from '@nestjs/common';
import { EventPlatformModule } from '@upgrade-control/platform';

@Module({})
export class MonitoringModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [EventPlatformModule.forService({ service: 'monitoring', env })],
    };
  }
}
