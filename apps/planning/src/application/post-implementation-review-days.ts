import { typedToken } from '@upgrade-control/platform';
import { DEFAULT_POST_IMPLEMENTATION_REVIEW_DAYS } from '../domain/policy.js';

export const POST_IMPLEMENTATION_REVIEW_DAYS = typedToken<number>('PostImplementationReviewDays');

/** POST_IMPLEMENTATION_REVIEW_DAYS="3" overrides the policy's days for an emergency's review. */
export function reviewDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_POST_IMPLEMENTATION_REVIEW_DAYS;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new Error(`POST_IMPLEMENTATION_REVIEW_DAYS: "${value}" is not a whole number of days (at least 1)`);
  return Number(value);
}
