import 'reflect-metadata';
import { bootstrapService } from '@upgrade-control/platform';
import { MonitoringModule } from './monitoring.module.js';

await bootstrapService(() => MonitoringModule.register(), MonitoringModule.description);
