/**
 * The few numbers worth printing when a small sweep finishes: per grid point,
 * the regime (docs/model.md §4), final accuracy, and the median times to escape the
 * rival and to converge over the runs that got there, with how many did not
 * (censored). Bigger sweeps get none: `patternsweep summary` and the report
 * are for them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StatName } from '../model/stats.js';
import { quoteIdent, type AxisColumn } from './columns.js';

/** Sweeps with more grid points than this print no headline table. */
export const HEADLINE_MAX_POINTS = 40;

const NEEDS: readonly StatName[] = ['regime', 'acc0', 'acc_final', 't_escape', 'escaped', 't_conv', 'converged'];

function short(axes: readonly AxisColumn[]): string[] {
  const last = axes.map((a) => a.path.split('.').at(-1) ?? a.path);
  return last.map((name, i) => (last.indexOf(name) === i && last.lastIndexOf(name) === i ? name : axes[i].column));
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return String(v);
}

/** The table as text, or null when the sweep is too big, lacks the statistics, or kept no runs (keep.runs: false). */
export async function headlineTable(
  connection: DuckDBConnection,
  layout: { axes: readonly AxisColumn[]; statistics: readonly StatName[]; keepRuns?: boolean },
  points: number,
): Promise<string | null> {
  if (layout.keepRuns === false) return null;
  if (points > HEADLINE_MAX_POINTS || !NEEDS.every((s) => layout.statistics.includes(s))) return null;
  const axes = layout.axes.map((a) => quoteIdent(a.column));
  const keys = ['point', ...axes].join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT ${axes.length > 0 ? `${axes.join(', ')}, ` : ''}count(*) AS runs, mode(regime) AS regime,
       avg(acc0) AS acc0, avg(acc_final) AS acc_final,
       median(t_escape) FILTER (WHERE escaped) AS t_escape, count(*) FILTER (WHERE NOT escaped) AS not_escaped,
       median(t_conv) FILTER (WHERE converged) AS t_conv, count(*) FILTER (WHERE NOT converged) AS not_converged
     FROM (SELECT * FROM runs ORDER BY idx) GROUP BY ${keys} ORDER BY point`,
  );
  const header = [
    ...short(layout.axes),
    'runs',
    'regime',
    'acc0',
    'acc_final',
    't_escape (median)',
    'censored',
    't_conv (median)',
    'censored',
  ];
  const rows = reader.getRowsJS().map((r) => r.map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
