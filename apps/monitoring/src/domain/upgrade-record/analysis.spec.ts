import type { Actor } from '@upgrade-control/contracts';
import { recordFact } from '../../../../../test/support/fixtures/record-facts.js';
import { upgradeRecordSchema } from '../../api/upgrade-record.schema.js';
import { recordToMarkdown } from '../record-markdown.js';
import { compileRecord } from '../upgrade-record.js';

const monitoring: Actor = { id: 'monitoring', role: 'system' };
const fact = (type: string, minute: number, payload: Record<string, unknown>) =>
  recordFact(type, minute, { assetId: 'orders-db', metric: 'latency', ...payload }, monitoring, 'monitoring');
const run = (n: number, minute: number, verdict: string, reason: string, pValue: number | null) =>
  fact('AnalysisMeasured', minute, {
    run: n,
    query: 'latency_p95{asset="orders-db"}',
    from: `2027-01-16T20:${String(minute - 1).padStart(2, '0')}:00.000Z`,
    to: `2027-01-16T20:${String(minute).padStart(2, '0')}:00.000Z`,
    values: [130, 131],
    verdict,
    reason,
    observed: pValue === null ? null : 1,
    limit: pValue === null ? null : 0.5,
    pValue,
    measuredAt: `2027-01-16T20:${String(minute).padStart(2, '0')}:00.000Z`,
  });
const history = [
  fact('AnalysisBaselineCaptured', 1, {
    query: 'latency_p95{asset="orders-db"}',
    periods: [{ from: '2027-01-16T19:00:00.000Z', to: '2027-01-16T20:00:00.000Z' }],
    values: [100, 101, 99],
    capturedAt: '2027-01-16T20:01:00.000Z',
  }),
  run(1, 2, 'error', 'the measurement failed: Prometheus unreachable', null),
  run(2, 3, 'fail', 'the window is significantly higher than the baseline at confidence 0.95', 0.00123456),
  fact('AnalysisConcluded', 3, {
    outcome: 'failed',
    action: 'rollback',
    runs: 2,
    failures: 1,
    inconclusives: 0,
    consecutiveErrors: 0,
    reason: '1 failed of 2 runs, more than the failure limit 0',
    concludedAt: '2027-01-16T20:03:00.000Z',
  }),
];

describe('the record shows the metric analysis', () => {
  it('per metric and target: the baseline periods and value count, a row per run and the conclusion', () => {
    const record = compileRecord('pg16', history);
    expect(record.analysis).toEqual([
      {
        assetId: 'orders-db',
        metric: 'latency',
        baseline: {
          periods: [{ from: '2027-01-16T19:00:00.000Z', to: '2027-01-16T20:00:00.000Z' }],
          valueCount: 3,
          capturedAt: '2027-01-16T20:01:00.000Z',
        },
        runs: [
          expect.objectContaining({ run: 1, verdict: 'error', observed: null, pValue: null }),
          expect.objectContaining({ run: 2, verdict: 'fail', observed: 1, limit: 0.5, pValue: 0.00123456 }),
        ],
        conclusion: {
          outcome: 'failed',
          action: 'rollback',
          reason: '1 failed of 2 runs, more than the failure limit 0',
          concludedAt: '2027-01-16T20:03:00.000Z',
        },
        accepted: null,
      },
    ]);
    expect(upgradeRecordSchema.safeParse(record).error?.issues).toBeUndefined();
  });

  it('as a small table in the Markdown record', () => {
    const markdown = recordToMarkdown(compileRecord('pg16', history), 'h');
    expect(markdown).toContain('### latency on orders-db');
    expect(markdown).toContain('- Baseline: 3 values from 2027-01-16T19:00:00.000Z – 2027-01-16T20:00:00.000Z');
    expect(markdown).toContain('**failed** (action rollback)');
    expect(markdown).toContain('| run | window | observed | limit | p-value | verdict | reason |');
    expect(markdown).toContain(
      '| 2 | 2027-01-16T20:02:00.000Z – 2027-01-16T20:03:00.000Z | 1 | 0.5 | 0.001235 | fail | the window is significantly higher than the baseline at confidence 0.95 |',
    );
  });

  it('with who accepted a finding that did not pass, and why', () => {
    const accepted = fact('AnalysisFindingAccepted', 5, {
      outcome: 'failed',
      acceptedBy: 'oscar',
      reason: 'latency is within the contract; the baseline hour was unusually quiet',
      acceptedAt: '2027-01-16T20:05:00.000Z',
    });
    const record = compileRecord('pg16', [...history, accepted]);
    expect(record.analysis[0]!.accepted).toEqual({
      by: 'oscar',
      reason: 'latency is within the contract; the baseline hour was unusually quiet',
      at: '2027-01-16T20:05:00.000Z',
    });
    expect(upgradeRecordSchema.safeParse(record).error?.issues).toBeUndefined();
    expect(recordToMarkdown(record, 'h')).toContain(
      '- Accepted by oscar at 2027-01-16T20:05:00.000Z: latency is within the contract; the baseline hour was unusually quiet',
    );
  });
});
