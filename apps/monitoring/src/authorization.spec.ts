import { describeAuthorization } from '@upgrade-control/platform/testing/http';
import { MonitoringModule } from './monitoring.module.js';

// Every monitoring route against the authorization table, through the real guard (see describeAuthorization).
const { controllers = [] } = MonitoringModule.register({ NODE_ENV: 'test' });
// An allowed caller gets 400 for an unknown event type instead of an open stream.
describeAuthorization('monitoring', controllers, { streamEvents: '/streams/events?type=NotAnEventType' });
