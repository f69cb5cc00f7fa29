import { typedToken } from '@upgrade-control/platform';
import { DEFAULT_NOTICE_LEAD_TIMES, type NoticeLeadTimes } from '../domain/policy.js';

export const NOTICE_LEAD_TIMES = typedToken<NoticeLeadTimes>('NoticeLeadTimes');

/** NOTICE_LEAD_TIMES="planned=7200,expedited=1440" (minutes) overrides the defaults per urgency. */
export function noticeLeadTimesFrom(value: string | undefined): NoticeLeadTimes {
  const times = { ...DEFAULT_NOTICE_LEAD_TIMES };
  for (const entry of (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [urgency, minutes] = entry.split('=');
    if (!(urgency! in times) || !/^\d+$/.test(minutes ?? ''))
      throw new Error(`NOTICE_LEAD_TIMES: "${entry}" is not urgency=minutes`);
    times[urgency as keyof NoticeLeadTimes] = Number(minutes);
  }
  return times;
}
