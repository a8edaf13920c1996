/**
 * The per-grid-point summary at scale (issue 12, item 5). The runs table is
 * read in index order, one range of whole points at a time (a WHERE on idx,
 * which DuckDB's zone maps turn into a scan of the row groups holding it);
 * each range is aggregated in JS by sweep/point-aggregates.ts and its rows
 * appended to `point_aggregates` as data chunks; the `summary` table is then
 * one SQL pass over those rows (intervals, coordinator/summary.ts). Memory is
 * one range, time is linear in the runs, and the bits depend on nothing but
 * the stored values: not on DuckDB's threads, nor the order shards arrived.
 *
 * `point_aggregates` is also where a sweep with `keep.runs: false` keeps its
 * results: workers send the same aggregates per shard and the store appends
 * them at commit (coordinator/store.ts).
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBMaterializedResult } from '@duckdb/node-api';
import type { StatName } from '../model/stats.js';
import { aggregatePoints, type PointAggregates } from '../sweep/point-aggregates.js';
import { ChunkWriter, type ChunkColumnType, type ColumnSource } from './chunk-writer.js';
import { quoteIdent, type AxisColumn } from './columns.js';
import { studentT975 } from './student-t.js';
import { intervalsSql } from './summary.js';

export const POINT_AGGREGATES_TABLE = 'point_aggregates';

/** Runs read per range (rounded up to whole points): ~20 MB of columns. */
export const SUMMARY_RANGE_RUNS = 1 << 17;

export interface PointSummaryLayout {
  readonly size: number;
  readonly replicates: number;
  readonly axes: readonly AxisColumn[];
  readonly statistics: readonly StatName[];
}

const AGGREGATE_COLUMNS = ['runs', 'count', 'censored', 'mean', 'std', 'median', 'p10', 'p90', 'successes'] as const;
const AGGREGATE_TYPES: Readonly<Record<(typeof AGGREGATE_COLUMNS)[number], ChunkColumnType>> = {
  runs: 'BIGINT',
  count: 'BIGINT',
  censored: 'BIGINT',
  mean: 'DOUBLE',
  std: 'DOUBLE',
  median: 'DOUBLE',
  p10: 'DOUBLE',
  p90: 'DOUBLE',
  successes: 'BIGINT',
};

function axisType(a: AxisColumn): ChunkColumnType {
  return a.kind === 'enum' ? 'VARCHAR' : 'DOUBLE';
}

/** point, axis columns, o, statistic, kind, then the aggregates. */
export function pointAggregatesTableSql(axes: readonly AxisColumn[]): string {
  const columns = [
    'point BIGINT NOT NULL',
    ...axes.map((a) => `${quoteIdent(a.column)} ${axisType(a)}`),
    'o INTEGER NOT NULL',
    'statistic VARCHAR NOT NULL',
    'kind VARCHAR NOT NULL',
    ...AGGREGATE_COLUMNS.map((c) => `${c} ${AGGREGATE_TYPES[c]}`),
  ];
  return `CREATE TABLE ${POINT_AGGREGATES_TABLE} (${columns.join(', ')})`;
}

function pointAggregateTypes(axes: readonly AxisColumn[]): ChunkColumnType[] {
  return ['BIGINT', ...axes.map(axisType), 'INTEGER', 'VARCHAR', 'VARCHAR', ...AGGREGATE_COLUMNS.map((c) => AGGREGATE_TYPES[c])];
}

/** Axis values of each aggregated point (numbers, or strings for enum axes), in layout order. */
export type PointAxisValues = readonly (Float64Array | readonly (string | null | undefined)[])[];

/** Appends the rows of `agg` (one per point and summary row); `axes[k][p]` = axis k of point p. */
export function appendPointAggregates(writer: ChunkWriter, agg: PointAggregates, axes: PointAxisValues): void {
  const points = agg.point.length;
  const width = agg.rows.length;
  const n = points * width;
  const point = new Float64Array(n);
  const o = new Float64Array(n);
  const statistic = new Array<string>(n);
  const kind = new Array<string>(n);
  const axisColumns = axes.map((values) => (values instanceof Float64Array ? new Float64Array(n) : new Array<string | null>(n)));
  for (let p = 0; p < points; p++) {
    for (let r = 0; r < width; r++) {
      const at = p * width + r;
      point[at] = agg.point[p];
      o[at] = r;
      statistic[at] = agg.rows[r].name;
      kind[at] = agg.rows[r].kind;
      for (let k = 0; k < axes.length; k++) {
        const values = axes[k];
        if (values instanceof Float64Array) (axisColumns[k] as Float64Array)[at] = values[p];
        else (axisColumns[k] as (string | null)[])[at] = values[p] ?? null;
      }
    }
  }
  const sources: ColumnSource[] = [
    { kind: 'values', values: point },
    ...axisColumns.map((values): ColumnSource => (values instanceof Float64Array ? { kind: 'values', values } : { kind: 'strings', values })),
    { kind: 'values', values: o },
    { kind: 'strings', values: statistic },
    { kind: 'strings', values: kind },
    ...AGGREGATE_COLUMNS.map((c): ColumnSource => ({ kind: 'values', values: agg[c] })),
  ];
  writer.append(n, sources);
}

/** Opens a chunk writer on `point_aggregates` (inside the caller's transaction). */
export async function pointAggregatesWriter(c: DuckDBConnection, axes: readonly AxisColumn[]): Promise<ChunkWriter> {
  return new ChunkWriter(await c.createAppender(POINT_AGGREGATES_TABLE), pointAggregateTypes(axes));
}

/** Column `c` of a materialized result as float64, NaN for NULL (one copy per chunk). */
function doubleColumn(result: DuckDBMaterializedResult, chunks: readonly DuckDBDataChunk[], c: number): Float64Array {
  const out = new Float64Array(result.rowCount);
  let at = 0;
  for (const chunk of chunks) {
    const rows = chunk.rowCount;
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
    const data = duckdb.vector_get_data(vector, rows * 8);
    out.set(new Float64Array(data.buffer, data.byteOffset, rows), at);
    const validity = duckdb.vector_get_validity(vector, Math.ceil(rows / 64) * 8);
    if (validity !== null) {
      for (let i = 0; i < rows; i++) {
        if ((validity[i >>> 3] & (1 << (i & 7))) === 0) out[at + i] = Number.NaN;
      }
    }
    at += rows;
  }
  return out;
}

/** Values of column `c` at result rows `rows` (ascending), through node-api's reader (VARCHAR axes). */
function sparseStrings(chunks: readonly DuckDBDataChunk[], c: number, rows: Float64Array): (string | null)[] {
  const out = new Array<string | null>(rows.length);
  let chunk = 0;
  let base = 0;
  for (let k = 0; k < rows.length; k++) {
    while (rows[k] >= base + chunks[chunk].rowCount) base += chunks[chunk++].rowCount;
    const v = chunks[chunk].getColumnVector(c).getItem(rows[k] - base);
    out[k] = v === null ? null : String(v);
  }
  return out;
}

/**
 * Recomputes `point_aggregates` from `runs` and returns the counts >= 2 that
 * occur (for t quantiles). Inside the caller's transaction.
 */
async function aggregateRuns(c: DuckDBConnection, layout: PointSummaryLayout, writer: ChunkWriter): Promise<Set<number>> {
  const columns = [...new Set(layout.statistics)];
  const select = [
    'CAST(point AS DOUBLE)',
    ...layout.axes.map((a) => (a.kind === 'enum' ? quoteIdent(a.column) : `CAST(${quoteIdent(a.column)} AS DOUBLE)`)),
    ...columns.map((s) => `CAST(${quoteIdent(s)} AS DOUBLE)`),
  ].join(', ');
  const span = Math.ceil(SUMMARY_RANGE_RUNS / layout.replicates) * layout.replicates;
  const counts = new Set<number>();
  for (let from = 0; from < layout.size; from += span) {
    const to = Math.min(layout.size, from + span);
    const result = await c.run(`SELECT ${select} FROM runs WHERE idx >= ${from} AND idx < ${to} ORDER BY idx`);
    if (result.rowCount === 0) continue;
    const chunks: DuckDBDataChunk[] = [];
    for (let k = 0; k < result.chunkCount; k++) chunks.push(result.getChunk(k));
    const point = doubleColumn(result, chunks, 0);
    const values: Partial<Record<StatName, Float64Array>> = {};
    columns.forEach((s, k) => (values[s] = doubleColumn(result, chunks, 1 + layout.axes.length + k)));
    const agg = aggregatePoints({ point, columns: values, statistics: layout.statistics });
    const axes = layout.axes.map((a, k) => {
      if (a.kind === 'enum') return sparseStrings(chunks, 1 + k, agg.firstRow);
      const all = doubleColumn(result, chunks, 1 + k);
      return agg.firstRow.map((row) => all[row]);
    });
    appendPointAggregates(writer, agg, axes);
    for (const n of agg.count) if (n >= 2) counts.add(n);
  }
  return counts;
}

/** Counts >= 2 in `point_aggregates` (the keep.runs: false path, where workers computed them). */
async function storedCounts(c: DuckDBConnection): Promise<Set<number>> {
  const r = await c.runAndReadAll(`SELECT DISTINCT count FROM ${POINT_AGGREGATES_TABLE} WHERE count >= 2`);
  return new Set(r.getRows().map((row) => Number(row[0])));
}

/** SELECT of the per-point summary from `point_aggregates`. */
export function pointSummarySql(axes: readonly AxisColumn[], counts: ReadonlySet<number>): string {
  const t = new Map([...counts].sort((a, b) => a - b).map((n) => [n - 1, studentT975(n - 1)]));
  return `WITH ${intervalsSql(['point', ...axes.map((a) => a.column)], t, POINT_AGGREGATES_TABLE)}`;
}

/**
 * Rebuilds the `summary` table (per grid point), in one transaction.
 * `fromRuns`: aggregate the runs table (the table `point_aggregates` is a
 * scratch table, dropped after); otherwise `point_aggregates` already holds
 * the sweep's results (keep.runs: false).
 */
export async function writePointSummary(c: DuckDBConnection, layout: PointSummaryLayout, fromRuns: boolean): Promise<void> {
  await c.run('BEGIN TRANSACTION');
  try {
    let counts: Set<number>;
    if (fromRuns) {
      await c.run(`DROP TABLE IF EXISTS ${POINT_AGGREGATES_TABLE}`);
      await c.run(pointAggregatesTableSql(layout.axes));
      const writer = await pointAggregatesWriter(c, layout.axes);
      try {
        counts = await aggregateRuns(c, layout, writer);
        writer.close();
      } catch (error) {
        writer.discard();
        throw error;
      }
    } else {
      counts = await storedCounts(c);
    }
    await c.run(`CREATE OR REPLACE TABLE summary AS ${pointSummarySql(layout.axes, counts)}`);
    if (fromRuns) await c.run(`DROP TABLE ${POINT_AGGREGATES_TABLE}`);
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
