import { ANALYSIS_TEMPLATE_VARIABLES as TEMPLATE_VARIABLES } from '@upgrade-control/contracts';

/** The labels of the target a query is run for; an analysis query refers to them as {{assetId}}, {{site}}, {{node}}. */
type Variable = (typeof TEMPLATE_VARIABLES)[number];
export type TargetLabels = Partial<Record<Variable, string>> & { assetId: string };

/** A template that cannot be rendered safely; the message names the variable and the rule. */
export class PromqlTemplateError extends Error {}

type Placeholder = { name: string; start: number; end: number; quote: '"' | "'"; regex: boolean };

/**
 * Where each {{variable}} stands. A value may only be placed inside a quoted string (a label
 * matcher's value): outside one it would become PromQL syntax, and inside a raw `backtick`
 * string nothing can be escaped. After =~ or !~ the string is an RE2 regex, so the value is
 * matched literally there too.
 */
function placeholders(template: string): { found: Placeholder[]; problems: string[] } {
  const found: Placeholder[] = [];
  const problems: string[] = [];
  let quote: string | null = null;
  let regex = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (template.startsWith('{{', i)) {
      const close = template.indexOf('}}', i + 2);
      if (close < 0) {
        problems.push(`"{{" at ${i} is not closed by "}}"`);
        return { found, problems }; // the rest cannot be read
      }
      const name = template.slice(i + 2, close).trim();
      if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name))
        problems.push(`{{${name}}} is not a template variable (known: ${TEMPLATE_VARIABLES.join(', ')})`);
      else if (quote !== '"' && quote !== "'") problems.push(`{{${name}}} must stand inside a "quoted" label value`);
      else found.push({ name, start: i, end: close + 2, quote, regex });
      i = close + 1;
    } else if (quote !== null) {
      if (char === '\\' && quote !== '`')
        i++; // an escaped character never ends the string
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
      regex = /[=!]~\s*$/.test(template.slice(0, i));
    }
  }
  if (quote !== null) problems.push(`a ${quote} string is not closed`);
  return { found, problems };
}

/** What is wrong with a template, without any target (for validation when the plan is made). */
export const promqlTemplateProblems = (template: string): string[] => placeholders(template).problems;

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
  const { found, problems } = placeholders(template);
  if (problems.length > 0) throw new PromqlTemplateError(problems.join('; '));
  let rendered = '';
  let from = 0;
  for (const { name, start, end, quote, regex } of found) {
    const value = target[name as Variable];
    if (value === undefined) throw new PromqlTemplateError(`{{${name}}}: the target has no ${name}`);
    rendered += template.slice(from, start) + escaped(value, quote, regex);
    from = end;
  }
  return rendered + template.slice(from);
}
