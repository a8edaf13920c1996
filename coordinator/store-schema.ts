/**
 * The layout of a sweep's results store, DIR/sweep.duckdb: what the writer
 * (coordinator/store.ts) creates and every reader (report/store-reader.ts,
 * `summary DIR`) reads. One module, so writer and readers cannot drift apart.
 * It imports nothing with side effects (no DuckDB): report/ may import it.
 *
 * Tables:
 * - meta(key, value): META_KEYS below;
 * - runs: idx, point, replicate, one column per axis (AxisColumn), one per
 *   kept statistic (STAT_SQL_TYPES; NaN -> NULL);
 * - trajectories(idx, k, time, acc, pi_opt) when the spec keeps them;
 * - shards: bookkeeping (done | failed), what resume reads;
 * - summary: aggregates per grid point (coordinator/point-summary.ts).
 */
import type { StatName } from '../model/stats.js';
import { quoteIdent, STAT_SQL_TYPES, type AxisColumn } from './columns.js';

export { axisColumnName, axisColumns, quoteIdent, quoteLiteral, STAT_SQL_TYPES } from './columns.js';
export type { AxisColumn, AxisKind, StatSqlType } from './columns.js';

export const STORE_FILE = 'sweep.duckdb';
export const RUNS_EXPORT = 'runs.parquet';
export const SUMMARY_EXPORT = 'summary.csv';
/** Bumped when the table layout changes incompatibly. */
export const STORE_VERSION = '1';

/** Keys of the `meta` table. */
export const META_KEYS = Object.freeze({
  name: 'name',
  specHash: 'spec_hash',
  /** The spec as the user wrote it. */
  specYaml: 'spec_yaml',
  /** The normalised spec, JSON. */
  specJson: 'spec_json',
  /** StoreLayout, JSON. */
  layout: 'layout',
  version: 'version',
  createdAt: 'created_at',
  /** The backend every shard of the sweep runs (`auto` resolved once, coordinator/backend-choice.ts). */
  backend: 'backend',
});

/** Columns of `runs` that are neither axes nor statistics. */
export const RUN_INDEX_COLUMNS: readonly string[] = Object.freeze(['idx', 'point', 'replicate']);

/** What the store needs to know about a sweep; saved in `meta` so `summary DIR` works without the spec. */
export interface StoreLayout {
  readonly name: string;
  readonly specHash: string;
  /** N, runs in the sweep. */
  readonly size: number;
  readonly shardCount: number;
  readonly axes: readonly AxisColumn[];
  /** Statistics stored (keep.statistics), in STAT_NAMES order. */
  readonly statistics: readonly StatName[];
  /** K trajectory points kept per run; 0 = none. */
  readonly trajectoryPoints: number;
  /** Runs per grid point (spec `replicates`); read from the spec JSON when absent. */
  readonly replicates?: number;
  /**
   * false: the sweep keeps no runs (spec `keep.runs: false`), only one row
   * per grid point and statistic in `summary`, sent by workers.
   * Read from the spec JSON when absent. @default true
   */
  readonly keepRuns?: boolean;
}

export function runsTableSql(layout: StoreLayout): string {
  const columns = [
    'idx BIGINT NOT NULL',
    'point BIGINT NOT NULL',
    'replicate INTEGER NOT NULL',
    ...layout.axes.map((a) => `${quoteIdent(a.column)} ${a.kind === 'enum' ? 'VARCHAR' : 'DOUBLE'}`),
    ...layout.statistics.map((s) => `${quoteIdent(s)} ${STAT_SQL_TYPES[s]}`),
  ];
  return `CREATE TABLE runs (${columns.join(', ')})`;
}

/** Tables every store has (runs: runsTableSql; summary: coordinator/summary.ts). */
export const STORE_TABLES_SQL: readonly string[] = Object.freeze([
  'CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)',
  'CREATE TABLE trajectories (idx BIGINT NOT NULL, k INTEGER NOT NULL, time DOUBLE, acc DOUBLE, pi_opt DOUBLE)',
  `CREATE TABLE shards (shard BIGINT PRIMARY KEY, start_idx BIGINT NOT NULL, end_idx BIGINT NOT NULL,
     status VARCHAR NOT NULL, finished_at TIMESTAMP, worker VARCHAR, backend VARCHAR, elapsed_ms DOUBLE,
     attempts INTEGER, error VARCHAR)`,
]);
