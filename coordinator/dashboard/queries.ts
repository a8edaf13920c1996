/**
 * The SQL behind the dashboard's JSON API, on a read connection of the store.
 * Figures get one row per grid point (never pooled over another axis): the
 * page chooses which axes to draw and fixes the others.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { STAT_NAMES, type StatName } from '../../model/stats.js';
import { planSweep, type SweepSpec } from '../../sweep/index.js';
import { quoteIdent } from '../columns.js';
import type { StoreLayout } from '../store.js';
import { studentT975 } from '../student-t.js';
import { querySummary } from '../summary.js';
import { DashboardRequestError } from './errors.js';

export type Row = Record<string, unknown>;

/** Rows as plain objects (BIGINT as number, so they serialise as JSON). */
export async function readRows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map(plainRow);
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}

function plainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
  return out;
}

/** Statistics that are event times: aggregated by their censored-aware median (docs/model.md §5). */
export const DASHBOARD_TIME_STATS: readonly StatName[] = ['t_conv', 't_escape'];

export interface AxisView {
  readonly path: string;
  readonly column: string;
  readonly kind: 'numeric' | 'enum';
  readonly source: 'grid' | 'sample';
  /** Grid values in spec order; empty for sampled axes. */
  readonly values: readonly (number | string)[];
  /** Sampled axes: the range [low, high]. */
  readonly low: number | null;
  readonly high: number | null;
}

export interface SweepInfo {
  readonly name: string;
  readonly specHash: string;
  readonly dir: string;
  readonly totalRuns: number;
  readonly totalShards: number;
  readonly points: number;
  readonly replicates: number;
  readonly axes: readonly AxisView[];
  readonly statistics: readonly StatName[];
  readonly trajectoryPoints: number;
  readonly specYaml: string;
}

/** The sweep's shape from the spec stored in `meta` (so a live sweep knows cells not yet computed). */
export async function sweepInfo(connection: DuckDBConnection, layout: StoreLayout, dir: string): Promise<SweepInfo> {
  const meta = new Map((await readRows(connection, 'SELECT key, value FROM meta')).map((r) => [String(r.key), String(r.value)]));
  const plan = planSweep(JSON.parse(meta.get('spec_json') ?? 'null') as SweepSpec);
  const axes = layout.axes.map((a): AxisView => {
    const info = plan.axes.find((p) => p.name === a.path);
    return {
      path: a.path,
      column: a.column,
      kind: a.kind,
      source: info?.source ?? 'grid',
      values: info?.values ?? [],
      low: info?.distribution?.low ?? null,
      high: info?.distribution?.high ?? null,
    };
  });
  return {
    name: layout.name,
    specHash: layout.specHash,
    dir,
    totalRuns: layout.size,
    totalShards: layout.shardCount,
    points: plan.points,
    replicates: plan.replicates,
    axes,
    statistics: layout.statistics,
    trajectoryPoints: layout.trajectoryPoints,
    specYaml: meta.get('spec_yaml') ?? '',
  };
}

export function checkStatistic(layout: StoreLayout, name: string | null): StatName {
  if (name === null || !(STAT_NAMES as readonly string[]).includes(name) || !layout.statistics.includes(name as StatName)) {
    throw new DashboardRequestError(`stat: ${JSON.stringify(name)} is not a kept statistic; kept: ${layout.statistics.join(', ')}`);
  }
  return name as StatName;
}

export interface PointValue {
  readonly point: number;
  /** Axis values by column. */
  readonly axes: Record<string, number | string | null>;
  /** Runs stored at this point. */
  readonly n: number;
  /** Mean, or for event times the median over all runs with censored ones as +infinity; null when censored or missing. */
  readonly value: number | null;
  readonly aggregate: 'mean' | 'median';
  /** 95% interval of the mean (Student t), only where n > 1; null otherwise. */
  readonly low: number | null;
  readonly high: number | null;
  /** Runs that never reached the event (times only). */
  readonly censored: number;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One row per stored grid point: the statistic's value there. */
export async function pointValues(
  connection: DuckDBConnection,
  layout: StoreLayout,
  stat: StatName,
  maxPoints: number,
): Promise<{ points: PointValue[]; truncated: boolean }> {
  const id = quoteIdent(stat);
  const time = DASHBOARD_TIME_STATS.includes(stat);
  const x = `CAST(${id} AS DOUBLE)`;
  const cens = `CASE WHEN ${id} IS NULL OR isnan(${x}) THEN 'infinity'::DOUBLE ELSE ${x} END`;
  const axes = layout.axes.map((a) => quoteIdent(a.column));
  const value = time ? `quantile_disc(${cens}, 0.5)` : `avg(${x})`;
  const rows = await readRows(
    connection,
    `SELECT point, ${axes.map((a) => `any_value(${a}) AS ${a}`).join(', ')}${axes.length > 0 ? ',' : ''}
       count(*) AS n, ${value}::DOUBLE AS v, avg(${x})::DOUBLE AS mean, stddev_samp(${x})::DOUBLE AS sd, count(${id}) AS k,
       ${time ? `sum(CASE WHEN ${cens} = 'infinity'::DOUBLE THEN 1 ELSE 0 END)` : '0'} AS censored
     FROM runs GROUP BY point ORDER BY point LIMIT ${maxPoints + 1}`,
  );
  const truncated = rows.length > maxPoints;
  const points = rows.slice(0, maxPoints).map((r): PointValue => {
    const n = Number(r.n);
    const k = Number(r.k);
    const sd = finite(r.sd);
    const mean = finite(r.mean);
    // An interval only where there is more than one run (and, for times, no censored run to bias it).
    const interval =
      !time && k > 1 && sd !== null && mean !== null ? studentT975(k - 1) * (sd / Math.sqrt(k)) : null;
    return {
      point: Number(r.point),
      axes: Object.fromEntries(layout.axes.map((a) => [a.column, (r[a.column] ?? null) as number | string | null])),
      n,
      value: finite(r.v),
      aggregate: time ? 'median' : 'mean',
      low: interval === null || mean === null ? null : mean - interval,
      high: interval === null || mean === null ? null : mean + interval,
      censored: Number(r.censored),
    };
  });
  return { points, truncated };
}

export interface PointRuns {
  readonly point: number;
  readonly runs: readonly Row[];
  readonly totalRuns: number;
  /** Trajectory points of up to maxTrajectories of these runs: idx, k, time, acc, pi_opt. */
  readonly trajectories: readonly Row[];
}

export async function pointRuns(
  connection: DuckDBConnection,
  layout: StoreLayout,
  point: number,
  maxRuns: number,
  maxTrajectories: number,
): Promise<PointRuns> {
  const [{ n }] = await readRows(connection, `SELECT count(*) AS n FROM runs WHERE point = ${point}`);
  const runs = await readRows(connection, `SELECT * FROM runs WHERE point = ${point} ORDER BY idx LIMIT ${maxRuns}`);
  const trajectories =
    layout.trajectoryPoints > 0
      ? await readRows(
          connection,
          `SELECT t.idx, t.k, t.time, t.acc, t.pi_opt FROM trajectories t
           WHERE t.idx IN (SELECT idx FROM runs WHERE point = ${point} ORDER BY idx LIMIT ${maxTrajectories})
           ORDER BY t.idx, t.k`,
        )
      : [];
  return { point, runs, totalRuns: Number(n), trajectories };
}

export interface FailedShardView {
  readonly shard: number;
  readonly start: number;
  readonly end: number;
  readonly attempts: number;
  readonly worker: string;
  readonly error: string;
}

export async function failedShards(connection: DuckDBConnection, limit = 1000): Promise<FailedShardView[]> {
  const rows = await readRows(
    connection,
    `SELECT shard, start_idx, end_idx, attempts, worker, error FROM shards WHERE status = 'failed' ORDER BY shard LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    shard: Number(r.shard),
    start: Number(r.start_idx),
    end: Number(r.end_idx),
    attempts: Number(r.attempts),
    worker: String(r.worker ?? ''),
    error: String(r.error ?? ''),
  }));
}

/** Summary rows grouped by `by` (column names or spec paths; empty = per grid point), as `patternsweep summary` prints them. */
export async function groupedSummary(
  connection: DuckDBConnection,
  layout: StoreLayout,
  by: readonly string[] | null,
): Promise<{ keys: string[]; rows: Row[] }> {
  const keys =
    by === null
      ? ['point', ...layout.axes.map((a) => a.column)]
      : by.map((name) => {
          const axis = layout.axes.find((a) => a.path === name || a.column === name);
          if (axis === undefined) {
            throw new DashboardRequestError(
              `by: '${name}' is not an axis of sweep '${layout.name}'; axes: ${layout.axes.map((a) => a.path).join(', ') || '(none)'}`,
            );
          }
          return axis.column;
        });
  const rows = await querySummary(connection, { keys, statistics: layout.statistics });
  return { keys, rows: rows.map(plainRow) };
}

export interface SqlResult {
  readonly columns: readonly string[];
  readonly rows: readonly unknown[][];
  readonly truncated: boolean;
}

/** Statement types a read-only query may have. */
const READ_ONLY_STATEMENTS: ReadonlySet<StatementType> = new Set([StatementType.SELECT, StatementType.EXPLAIN]);

/** Runs ONE read-only statement (SELECT, WITH ... SELECT, EXPLAIN); anything else is refused before it runs. */
export async function readOnlySql(connection: DuckDBConnection, sql: string, maxRows: number): Promise<SqlResult> {
  let extracted;
  try {
    extracted = await connection.extractStatements(sql);
  } catch (cause) {
    throw new DashboardRequestError(`sql: ${(cause as Error).message}`, { cause });
  }
  if (extracted.count !== 1) throw new DashboardRequestError(`sql: expected one statement, got ${extracted.count}`);
  let prepared;
  try {
    prepared = await extracted.prepare(0);
  } catch (cause) {
    throw new DashboardRequestError(`sql: ${(cause as Error).message}`, { cause });
  }
  if (!READ_ONLY_STATEMENTS.has(prepared.statementType)) {
    throw new DashboardRequestError('sql: only read-only queries (SELECT, WITH ... SELECT, EXPLAIN) are allowed');
  }
  let reader;
  try {
    reader = await prepared.runAndReadAll();
  } catch (cause) {
    throw new DashboardRequestError(`sql: ${(cause as Error).message}`, { cause });
  }
  const rows = reader.getRowsJS().map((r) => r.map(plainValue));
  return { columns: reader.columnNames(), rows: rows.slice(0, maxRows), truncated: rows.length > maxRows };
}
