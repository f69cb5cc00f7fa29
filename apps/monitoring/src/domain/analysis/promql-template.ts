import { analysisPlaceholders, type AnalysisTemplateVariable as Variable } from '@upgrade-control/contracts';

/** The labels of the target a query is run for; an analysis query refers to them as {{assetId}}, {{site}}, {{node}}. */
export type TargetLabels = Partial<Record<Variable, string>> & { assetId: string };

/** A template that cannot be rendered safely; the message names the variable and the rule. */
export class PromqlTemplateError extends Error {}

/** What is wrong with a template, without any target (for validation when the plan is made). */
export const promqlTemplateProblems = (template: string): string[] =>
  analysisPlaceholders(template).problems.map((p) => p.message);

const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** A value as the content of a PromQL string in this quote: backslash, the quote and line breaks escaped. */
function escaped(value: string, quote: '"' | "'", regex: boolean): string {
  const literal = regex ? value.replace(RE2_SPECIAL, '\\$&') : value;
  return literal
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** The query for one target: each variable replaced by the target's escaped label value. */
export function renderPromql(template: string, target: TargetLabels): string {
  const { found, problems } = analysisPlaceholders(template);
  if (problems.length > 0) throw new PromqlTemplateError(problems.map((p) => p.message).join('; '));
  let rendered = '';
  let from = 0;
  for (const { name, start, end, quote, regex } of found) {
    const value = target[name];
    if (value === undefined) throw new PromqlTemplateError(`{{${name}}}: the target has no ${name}`);
    rendered += template.slice(from, start) + escaped(value, quote, regex);
    from = end;
  }
  return rendered + template.slice(from);
}
