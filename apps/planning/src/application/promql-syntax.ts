import { typedToken } from '@upgrade-control/platform';
import type { PromqlSyntax } from '../domain/analysis.js';

/** The PromQL parser the plan's analysis queries are checked with (infrastructure/promql-parser.ts). */
export const PROMQL_SYNTAX = typedToken<PromqlSyntax>('PromqlSyntax');
