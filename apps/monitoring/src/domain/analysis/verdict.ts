import type {
  ANALYSIS_AGGREGATES,
  ANALYSIS_VERDICTS,
  HARM_DIRECTIONS,
  NO_DATA_VERDICTS,
} from '@upgrade-control/contracts';
import { median } from './ranks.js';

/** The outcome of one analysis run (Argo Rollouts' measurement phases, Kayenta's classification). */
export type Verdict = (typeof ANALYSIS_VERDICTS)[number];

/** A verdict with the reason a person reads in the record, and the numbers it was reached on. */
export type Judged = {
  verdict: Verdict;
  reason: string;
  /** The current window's aggregate, or the Mann-Whitney effect in the harmful direction. */
  observed?: number;
  /** The limit the observed value was held against. */
  limit?: number;
  pValue?: number;
};

/** Which change of a metric hurts: an error rate rising, a throughput falling. */
export type Harm = (typeof HARM_DIRECTIONS)[number];

/** How a window of values becomes the one number a threshold is held against. */
export type Aggregate = (typeof ANALYSIS_AGGREGATES)[number];

/**
 * What a run without values is: never a pass, because a silent metric (a broken exporter, a
 * query that matches nothing after a rename) hides exactly what the analysis is there to see.
 */
export type NoDataVerdict = (typeof NO_DATA_VERDICTS)[number];

/** What the provider answered: the window's values (time ordered), or why it could not. */
export type Measurement = { values: readonly number[] } | { error: string };

export function aggregate(values: readonly number[], how: Aggregate): number {
  switch (how) {
    case 'mean':
      return values.reduce((sum, v) => sum + v, 0) / values.length;
    case 'median':
      return median(values);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'last':
      return values[values.length - 1]!;
  }
}

/** The value beyond the limit in the harmful direction (equal to the limit is still healthy). */
export const harmful = (harm: Harm, observed: number, limit: number): boolean =>
  harm === 'increase' ? observed > limit : observed < limit;

/** NaN (Prometheus' 0/0, e.g. a rate of errors over no requests) says nothing: such values are left out. */
export function usable(values: readonly number[]): { values: number[]; dropped: number } {
  const kept = values.filter((v) => !Number.isNaN(v));
  return { values: kept, dropped: values.length - kept.length };
}

/** Round for a sentence, not for a decision. */
export const shown = (value: number): string => String(Number(value.toPrecision(4)));
