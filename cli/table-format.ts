/** Text, CSV and JSON forms of query results, shared by `summary` and `sql`. */

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A cell for a text table: 6 significant digits, integers as they are. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** A CSV cell: full precision, quoted when needed. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : cell(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Right-aligned text table. */
export function textTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const body = rows.map((r) => r.map(cell));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((b) => b[i].length)));
  const line = (cells: readonly string[]): string => cells.map((s, i) => s.padStart(widths[i])).join('  ');
  return [line(columns), ...body.map(line)].join('\n');
}

export function csvTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n');
}

/** JSON of row objects (BIGINT as numbers). */
export function jsonRows(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  return JSON.stringify(objects, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2);
}
