import { ANALYSIS_TEMPLATE_VARIABLES } from './analysis.js';

/**
 * An analysis query's `{{variable}}` placeholders, read the one way planning (which refuses a bad
 * template when the plan is made) and monitoring (which fills it in per target) both need: kept in
 * the contract so that what the plan accepts is exactly what monitoring can render.
 */

export type AnalysisTemplateVariable = (typeof ANALYSIS_TEMPLATE_VARIABLES)[number];

/** Where a placeholder stands in the query, and what kind of string it stands in. */
export type AnalysisPlaceholder = {
  name: AnalysisTemplateVariable;
  start: number;
  end: number;
  quote: '"' | "'";
  /** After =~ or !~ the string is an RE2 regex, so a value must be matched literally there. */
  regex: boolean;
};

/** A template rule broken at a position of the query (0-based). */
export type AnalysisTemplateProblem = { position: number; rule: string; message: string };

const isVariable = (name: string): name is AnalysisTemplateVariable =>
  (ANALYSIS_TEMPLATE_VARIABLES as readonly string[]).includes(name);

/**
 * The placeholders of a query and the template rules it breaks. A value may only be placed inside
 * a quoted string (a label matcher's value): outside one it would become PromQL syntax, and in a
 * raw `backtick` string nothing can be escaped.
 */
export function analysisPlaceholders(query: string): {
  found: AnalysisPlaceholder[];
  problems: AnalysisTemplateProblem[];
} {
  const found: AnalysisPlaceholder[] = [];
  const problems: AnalysisTemplateProblem[] = [];
  let quote: string | null = null;
  let regex = false;
  for (let i = 0; i < query.length; i++) {
    const char = query[i]!;
    if (query.startsWith('{{', i)) {
      const close = query.indexOf('}}', i + 2);
      if (close < 0) {
        problems.push({ position: i, rule: 'template-closed', message: `"{{" at ${i} is not closed by "}}"` });
        return { found, problems }; // the rest cannot be read
      }
      const name = query.slice(i + 2, close).trim();
      if (!isVariable(name))
        problems.push({
          position: i,
          rule: 'template-variable',
          message: `{{${name}}} at ${i} is not a template variable (known: ${ANALYSIS_TEMPLATE_VARIABLES.join(', ')})`,
        });
      else if (quote !== '"' && quote !== "'")
        problems.push({
          position: i,
          rule: 'template-quoted',
          message: `{{${name}}} at ${i} must stand inside a "quoted" label value`,
        });
      else found.push({ name, start: i, end: close + 2, quote, regex });
      i = close + 1;
    } else if (quote !== null) {
      if (char === '\\' && quote !== '`')
        i++; // an escaped character never ends the string
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
      regex = /[=!]~\s*$/.test(query.slice(0, i));
    }
  }
  if (quote !== null)
    problems.push({ position: query.length, rule: 'string-closed', message: `a ${quote} string is not closed` });
  return { found, problems };
}
