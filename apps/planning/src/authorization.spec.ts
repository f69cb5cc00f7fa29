import { describeAuthorization } from '@upgrade-control/platform/testing/http';
import { PlanningModule } from './planning.module.js';

// Every planning route against the authorization table, through the real guard (see describeAuthorization).
const { controllers = [] } = PlanningModule.register({ NODE_ENV: 'test' });
describeAuthorization('planning', controllers);
