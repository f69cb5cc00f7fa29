import { describeAuthorization } from '@upgrade-control/platform/testing/http';
import { ExecutionModule } from './execution.module.js';

// Every execution route against the authorization table, through the real guard (see describeAuthorization).
const { controllers = [] } = ExecutionModule.register({ NODE_ENV: 'test' });
describeAuthorization('execution', controllers);
