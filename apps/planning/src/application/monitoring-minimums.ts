import { typedToken } from '@upgrade-control/platform';
import { DEFAULT_MONITORING_MINIMUM_MINUTES, type MonitoringMinimums } from '../domain/policy.js';
import { minutesPerKey } from './policy-setting.js';

export const MONITORING_MINIMUMS = typedToken<MonitoringMinimums>('MonitoringMinimums');

/** MONITORING_MINIMUM_MINUTES="low=30,critical=2880" overrides the policy's minimums per criticality. */
export const monitoringMinimumsFrom = (value: string | undefined): MonitoringMinimums =>
  minutesPerKey('MONITORING_MINIMUM_MINUTES', DEFAULT_MONITORING_MINIMUM_MINUTES, value);
