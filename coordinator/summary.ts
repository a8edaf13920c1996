/**
 * Aggregates of docs/model.md §5 over replicates (per grid point) or over any group
 * of axes, computed in DuckDB SQL from the `runs` table. Long format: one row
 * per group and statistic.
 *
 * - `numeric` statistics: count (non-NULL values), mean, std (sample, n-1),
 *   stderr = std/sqrt(count), 95% interval mean ± t_{0.975,count-1}·stderr
 *   (Student t; NULL when count < 2), median, p10, p90 (quantile_cont: linear
 *   interpolation between order statistics).
 * - `fraction`s (converged, escaped, improved = acc_final > acc0, degraded =
 *   acc_final < acc0, ends_on_opt, ends_on_worst, diverged): mean = k/count,
 *   95% Wilson score interval.
 * - censored `time`s (t_conv, t_escape): aggregated over the runs that reached
 *   the event only; `censored` = runs that never did, `censored_fraction` =
 *   censored/runs. A censored time is never averaged as if finished.
 *
 * Two paths give these numbers:
 * - per grid point (the `summary` table, coordinator/point-summary.ts): the
 *   runs are read in index order, range by range, and aggregated in JS by
 *   sweep/point-aggregates.ts; only the intervals are SQL (`intervalsSql`).
 *   Each point is one sequential pass over its own runs, so the bits do not
 *   depend on DuckDB's thread count, on the order shards were stored in, or
 *   on resumes, and memory is bounded by one range;
 * - grouped `--by` axes (`querySummary`): all in SQL, on one DuckDB thread
 *   over rows sorted by idx: a parallel hash aggregate adds a group's values
 *   in an order that depends on thread scheduling, so sums (mean, std) would
 *   change in the last bits from run to run.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StatName } from '../model/stats.js';
import { CENSORED_TIMES, FRACTIONS, NUMERIC_STATS } from '../sweep/point-aggregates.js';
import { quoteIdent, quoteLiteral } from './columns.js';
import { studentT975, Z975 } from './student-t.js';

export { CENSORED_TIMES, FRACTIONS, NUMERIC_STATS, type FractionDefinition } from '../sweep/point-aggregates.js';

/** Columns after the group keys, in order. */
export const SUMMARY_VALUE_COLUMNS = [
  'statistic',
  'kind',
  'runs',
  'count',
  'censored',
  'censored_fraction',
  'mean',
  'std',
  'stderr',
  'ci_low',
  'ci_high',
  'median',
  'p10',
  'p90',
] as const;

/** How the 95% intervals are computed; printed by `patternsweep summary` and the README. */
export const INTERVAL_NOTE =
  '95% intervals: mean ± t(0.975, count-1)·stderr (Student t) for numbers and times; Wilson score for fractions';

function branches(statistics: readonly StatName[], keys: string): string[] {
  const kept = new Set(statistics);
  const out: string[] = [];
  let order = 0;
  const head = (name: string, kind: string): string =>
    `SELECT ${keys}${keys === '' ? '' : ', '}${order++} AS o, ${quoteLiteral(name)} AS statistic, ${quoteLiteral(kind)} AS kind, count(*) AS runs`;
  for (const stat of NUMERIC_STATS) {
    if (!kept.has(stat)) continue;
    const x = `CAST(${quoteIdent(stat)} AS DOUBLE)`;
    out.push(
      `${head(stat, 'numeric')}, count(${x}) AS count, CAST(NULL AS BIGINT) AS censored, avg(${x}) AS mean, ` +
        `stddev_samp(${x}) AS std, quantile_cont(${x}, 0.5) AS median, quantile_cont(${x}, 0.1) AS p10, ` +
        `quantile_cont(${x}, 0.9) AS p90, CAST(NULL AS BIGINT) AS successes FROM src`,
    );
  }
  for (const { stat, flag } of CENSORED_TIMES) {
    if (!kept.has(stat) || !kept.has(flag)) continue;
    // Only finished runs: the flag is true exactly when the time is finite.
    const x = `CASE WHEN ${quoteIdent(flag)} THEN ${quoteIdent(stat)} END`;
    out.push(
      `${head(stat, 'time')}, count(${x}) AS count, count(*) - count(${x}) AS censored, avg(${x}) AS mean, ` +
        `stddev_samp(${x}) AS std, quantile_cont(${x}, 0.5) AS median, quantile_cont(${x}, 0.1) AS p10, ` +
        `quantile_cont(${x}, 0.9) AS p90, CAST(NULL AS BIGINT) AS successes FROM src`,
    );
  }
  for (const f of FRACTIONS) {
    if (!f.needs.every((s) => kept.has(s))) continue;
    const x = `CAST((${f.sql}) AS INTEGER)`;
    out.push(
      `${head(f.name, 'fraction')}, count(${x}) AS count, CAST(NULL AS BIGINT) AS censored, avg(CAST(${x} AS DOUBLE)) AS mean, ` +
        `CAST(NULL AS DOUBLE) AS std, CAST(NULL AS DOUBLE) AS median, CAST(NULL AS DOUBLE) AS p10, ` +
        `CAST(NULL AS DOUBLE) AS p90, sum(${x}) AS successes FROM src`,
    );
  }
  return out;
}

export interface SummaryQuery {
  /** Group key columns (SQL names), e.g. ['point', 'beta']. */
  readonly keys: readonly string[];
  /** Kept statistics (columns present in runs). */
  readonly statistics: readonly StatName[];
}

function baseSql(q: SummaryQuery): string {
  const keys = q.keys.map(quoteIdent).join(', ');
  const group = keys === '' ? '' : ` GROUP BY ${keys}`;
  return branches(q.statistics, keys)
    .map((b) => `(${b}${group})`)
    .join('\nUNION ALL\n');
}

/**
 * The full summary SELECT (over `runs`), given the t quantiles for the counts
 * that occur. Exported for tests and for the `--by` summary.
 */
export function summarySql(q: SummaryQuery, tQuantiles: ReadonlyMap<number, number>): string {
  return `WITH src AS (SELECT * FROM runs ORDER BY idx),\nb AS (${baseSql(q)}),\n${intervalsSql(q.keys, tQuantiles, 'b')}`;
}

/**
 * The summary columns from a relation of per-group aggregates (`source`:
 * keys, o, statistic, kind, runs, count, censored, mean, std, median, p10,
 * p90): stderr, Student-t and Wilson intervals, in group and statistic order.
 * Starts with `tq AS (...)`, to follow a WITH.
 */
export function intervalsSql(keyColumns: readonly string[], tQuantiles: ReadonlyMap<number, number>, source: string): string {
  const keys = keyColumns.map(quoteIdent);
  const tValues =
    tQuantiles.size === 0
      ? 'SELECT CAST(NULL AS BIGINT) AS df, CAST(NULL AS DOUBLE) AS t WHERE false'
      : `SELECT * FROM (VALUES ${[...tQuantiles].map(([df, t]) => `(${df}, ${t.toPrecision(17)})`).join(', ')}) AS v(df, t)`;
  const z = Z975.toPrecision(17);
  const z2 = `(${z} * ${z})`;
  // Wilson score interval: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n).
  const wilsonCenter = `((b.mean + ${z2} / (2.0 * b.count)) / (1 + ${z2} / b.count))`;
  const wilsonHalf = `((${z} * sqrt(b.mean * (1 - b.mean) / b.count + ${z2} / (4.0 * b.count * b.count))) / (1 + ${z2} / b.count))`;
  const stderr = `(b.std / sqrt(b.count))`;
  const select = [
    ...keys.map((k) => `b.${k}`),
    'b.statistic',
    'b.kind',
    'b.runs',
    'b.count',
    'b.censored',
    `CASE WHEN b.kind = 'time' THEN CAST(b.censored AS DOUBLE) / b.runs END AS censored_fraction`,
    'b.mean',
    'b.std',
    `CASE WHEN b.kind <> 'fraction' THEN ${stderr} END AS stderr`,
    `CASE WHEN b.kind = 'fraction' THEN CASE WHEN b.count > 0 THEN ${wilsonCenter} - ${wilsonHalf} END ELSE b.mean - tq.t * ${stderr} END AS ci_low`,
    `CASE WHEN b.kind = 'fraction' THEN CASE WHEN b.count > 0 THEN ${wilsonCenter} + ${wilsonHalf} END ELSE b.mean + tq.t * ${stderr} END AS ci_high`,
    'b.median',
    'b.p10',
    'b.p90',
  ];
  const orderBy = [...keys.map((k) => `b.${k}`), 'b.o'].join(', ');
  return `tq AS (${tValues})\nSELECT ${select.join(', ')}\nFROM ${source} AS b LEFT JOIN tq ON tq.df = b.count - 1\nORDER BY ${orderBy}`;
}

/** Counts (numbers of finite values) that occur, so only their t quantiles are computed. */
async function countsPresent(connection: DuckDBConnection, q: SummaryQuery): Promise<number[]> {
  const reader = await connection.runAndReadAll(
    `WITH src AS (SELECT * FROM runs), b AS (${baseSql(q)}) SELECT DISTINCT count FROM b WHERE count >= 2`,
  );
  return reader.getRows().map((r) => Number(r[0]));
}

export async function tQuantilesFor(connection: DuckDBConnection, q: SummaryQuery): Promise<Map<number, number>> {
  const counts = await countsPresent(connection, q);
  return new Map(counts.map((n) => [n - 1, studentT975(n - 1)]));
}

/**
 * Runs `fn` with DuckDB on one thread: aggregation order then follows the
 * sorted input, which makes sums bit-reproducible.
 */
export async function singleThreaded<T>(connection: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  const before = await connection.runAndReadAll(`SELECT current_setting('threads')`);
  const threads = Number(before.getRows()[0][0]);
  await connection.run('SET threads = 1');
  try {
    return await fn();
  } finally {
    await connection.run(`SET threads = ${threads}`);
  }
}

/** Rows of the summary (objects keyed by column name), computed on `connection`. */
export async function querySummary(
  connection: DuckDBConnection,
  q: SummaryQuery,
): Promise<Record<string, unknown>[]> {
  return singleThreaded(connection, async () => {
    const t = await tQuantilesFor(connection, q);
    const reader = await connection.runAndReadAll(summarySql(q, t));
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  });
}

/**
 * Creates (or replaces) `table` with the summary for `q`, all in SQL on one
 * thread: what the `summary` table was before the per-point path
 * (coordinator/point-summary.ts); kept as its reference (tests, bench:store).
 */
export async function writeSummaryTableSql(connection: DuckDBConnection, q: SummaryQuery, table = 'summary'): Promise<void> {
  await singleThreaded(connection, async () => {
    const t = await tQuantilesFor(connection, q);
    await connection.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS ${summarySql(q, t)}`);
  });
}
