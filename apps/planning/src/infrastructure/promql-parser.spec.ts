import { lezerPromqlSyntax } from './promql-parser.js';

describe("PromQL syntax (the Prometheus team's parser)", () => {
  it('accepts a latency quantile over a rate with label matchers', () => {
    const query =
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{asset="orders-db"}[5m])))';
    expect(lezerPromqlSyntax(query)).toBeNull();
  });

  it('names the position of the first error', () => {
    expect(lezerPromqlSyntax('rate(errors_total[5m]')).toEqual({ position: 21, message: 'unexpected end of query' });
    expect(lezerPromqlSyntax('up{a="b"} foo')).toEqual({ position: 10, message: 'unexpected "foo"' });
  });
});
