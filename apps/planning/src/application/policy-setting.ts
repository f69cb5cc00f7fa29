/**
 * A deployment's policy setting "key=minutes,key=minutes" (e.g. NOTICE_LEAD_TIMES,
 * MONITORING_MINIMUM_MINUTES) over the policy's defaults; an unknown key or a bad number stops
 * the service at start rather than deciding on a policy nobody set.
 */
export function minutesPerKey<K extends string>(
  setting: string,
  defaults: Record<K, number>,
  value: string | undefined,
): Record<K, number> {
  const minutes = { ...defaults };
  for (const entry of (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [key, number] = entry.split('=');
    if (!(key! in minutes) || !/^\d+$/.test(number ?? ''))
      throw new Error(`${setting}: "${entry}" is not ${Object.keys(defaults).join('|')}=minutes`);
    minutes[key as K] = Number(number);
  }
  return minutes;
}
