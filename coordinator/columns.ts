/**
 * Column layout of the `runs` table (coordinator/store-schema.ts):
 * idx, point, replicate, one column per sweep axis, one per kept statistic of
 * docs/model.md §5 in STAT_NAMES order.
 */
import { STAT_NAMES, type StatName } from '../model/stats.js';

export type AxisKind = 'numeric' | 'enum';

export interface AxisColumn {
  /** The spec path, e.g. `model.initialPattern.gamma`. */
  readonly path: string;
  /** The SQL column, e.g. `model_initialPattern_gamma`. */
  readonly column: string;
  readonly kind: AxisKind;
}

export type StatSqlType = 'DOUBLE' | 'BOOLEAN' | 'INTEGER' | 'BIGINT';

/** Flags are stored as BOOLEAN, indices as integers, everything else DOUBLE (NaN -> NULL). */
export const STAT_SQL_TYPES: Readonly<Record<StatName, StatSqlType>> = Object.freeze({
  acc0: 'DOUBLE',
  acc_final: 'DOUBLE',
  acc_peak: 'DOUBLE',
  t_peak: 'DOUBLE',
  drop: 'DOUBLE',
  d_acc0: 'DOUBLE',
  pi_opt_final: 'DOUBLE',
  t_conv: 'DOUBLE',
  converged: 'BOOLEAN',
  t_escape: 'DOUBLE',
  escaped: 'BOOLEAN',
  regime: 'INTEGER',
  final_argmax: 'INTEGER',
  ends_on_opt: 'BOOLEAN',
  ends_on_worst: 'BOOLEAN',
  entropy_final: 'DOUBLE',
  kl_ref_final: 'DOUBLE',
  steps_taken: 'BIGINT',
  t_final: 'DOUBLE',
  diverged: 'BOOLEAN',
});

/** Column names the table already uses; an axis that would clash gets an `axis_` prefix. */
const RESERVED = new Set<string>(['idx', 'point', 'replicate', ...STAT_NAMES]);

/** `model.initialPattern.gamma` -> `model_initialPattern_gamma`. */
export function axisColumnName(path: string): string {
  const column = path.replace(/[^A-Za-z0-9_]/g, '_');
  const safe = /^[A-Za-z_]/.test(column) ? column : `axis_${column}`;
  return RESERVED.has(safe) ? `axis_${safe}` : safe;
}

export function axisColumns(axes: readonly { name: string; kind: AxisKind }[]): AxisColumn[] {
  return axes.map((a) => ({ path: a.name, column: axisColumnName(a.name), kind: a.kind }));
}

/** Double-quoted SQL identifier (axis paths keep their case). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quoted SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
