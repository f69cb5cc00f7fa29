import { parser } from '@prometheus-io/lezer-promql';
import type { PromqlSyntax } from '../domain/analysis.js';

/**
 * PromQL's grammar as the Prometheus team's own parser reads it (@prometheus-io/lezer-promql, the
 * one their query editor uses), so the plan refuses what Prometheus would refuse. Lezer recovers
 * from errors by inserting error nodes; the first one is where the query stops being PromQL.
 */
export const lezerPromqlSyntax: PromqlSyntax = (query) => {
  let error: { position: number; message: string } | null = null;
  parser.parse(query).iterate({
    enter: (node) => {
      if (error) return false;
      if (!node.type.isError) return true;
      const found = query.slice(node.from, node.from + 20);
      error = { position: node.from, message: found ? `unexpected "${found}"` : 'unexpected end of query' };
      return false;
    },
  });
  return error;
};
