import 'reflect-metadata';
import { bootstrapService } from '@upgrade-control/platform';
import { ExecutionModule } from './execution.module.js';

await bootstrapService(() => ExecutionModule.register(), ExecutionModule.description);
