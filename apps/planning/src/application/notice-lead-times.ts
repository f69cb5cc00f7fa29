import { typedToken } from '@upgrade-control/platform';
import { DEFAULT_NOTICE_LEAD_TIMES, type NoticeLeadTimes } from '../domain/policy.js';
import { minutesPerKey } from './policy-setting.js';

export const NOTICE_LEAD_TIMES = typedToken<NoticeLeadTimes>('NoticeLeadTimes');

/** NOTICE_LEAD_TIMES="planned=7200,expedited=1440" (minutes) overrides the defaults per urgency. */
export const noticeLeadTimesFrom = (value: string | undefined): NoticeLeadTimes =>
  minutesPerKey('NOTICE_LEAD_TIMES', DEFAULT_NOTICE_LEAD_TIMES, value);
