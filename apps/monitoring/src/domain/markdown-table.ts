/** A Markdown table of the rows, or "none" when there are none; pipes in cells are escaped. */
export const table = (head: string[], rows: unknown[][]) =>
  rows.length === 0
    ? '_none_\n'
    : [
        `| ${head.join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.map((c) => String(c ?? '—').replace(/\|/g, '\\|')).join(' | ')} |`),
      ].join('\n') + '\n';
