import type { AnalysisJudgement } from '@upgrade-control/contracts';

/**
 * The plan's judgement (the contract's type, so the wire and the domain cannot drift apart):
 * - absolute: fail when the window's aggregate is beyond a fixed threshold;
 * - relative: fail when the window's aggregate moved beyond the baseline's (aggregated the same
 *   way) by a factor (limit = baseline x factor for an increase, baseline / factor for a
 *   decrease; factor >= 1) or by a delta (baseline +/- delta; delta >= 0);
 * - mann-whitney: fail when a Mann-Whitney U test of the window against the baseline finds a
 *   change in a harmful direction at the stated confidence (significant when p < 1 - confidence)
 *   AND the change is at least the minimum effect: with enough samples any difference is
 *   significant, and only a large enough one is worth a rollback. The effect is the rank-biserial
 *   correlation (scale free, 0..1 towards harm) or the Hodges-Lehmann shift (in the metric's unit).
 */
export type Judgement = AnalysisJudgement;
export type AbsoluteJudgement = Extract<Judgement, { kind: 'absolute' }>;
export type RelativeJudgement = Extract<Judgement, { kind: 'relative' }>;
export type StatisticalJudgement = Extract<Judgement, { kind: 'mann-whitney' }>;

/** What makes a judgement meaningless; empty when it can be applied. Plan-time validation can show these. */
export function judgementProblems(judgement: Judgement): string[] {
  const problems: string[] = [];
  const finite = (name: string, value: number) => {
    if (!Number.isFinite(value)) problems.push(`${name} must be a finite number`);
  };
  switch (judgement.kind) {
    case 'absolute':
      finite('threshold', judgement.threshold);
      break;
    case 'relative':
      if ('factor' in judgement.change) {
        finite('change.factor', judgement.change.factor);
        if (!(judgement.change.factor >= 1))
          problems.push('change.factor must be at least 1 (the direction is in harm)');
      } else {
        finite('change.delta', judgement.change.delta);
        if (!(judgement.change.delta >= 0))
          problems.push('change.delta must not be negative (the direction is in harm)');
      }
      break;
    case 'mann-whitney': {
      if (!(judgement.confidence > 0 && judgement.confidence < 1)) problems.push('confidence must lie between 0 and 1');
      const { measure, value } = judgement.minimumEffect;
      finite('minimumEffect.value', value);
      if (!(value >= 0)) problems.push('minimumEffect.value must not be negative');
      if (measure === 'rank-biserial' && value > 1)
        problems.push('minimumEffect.value of rank-biserial must be at most 1');
      break;
    }
  }
  return problems;
}
