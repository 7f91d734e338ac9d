/** A markdown table whose columns line up in a terminal too. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (cells: string[]) => `| ${cells.map((c, col) => c.padEnd(widths[col])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const count = (n: number) => n.toLocaleString('en-GB');
export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const rate = (n: number, unit: string) => `${n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1)} ${unit}`;
