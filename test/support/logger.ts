import { createLogger } from '@upgrade-control/platform';

export const testLogger = () => createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
