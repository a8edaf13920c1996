/**
 * The per-grid-point summary at scale (issue 12, item 5). The runs table is
 * read in index order, one range of whole points at a time (a WHERE on idx,
 * which DuckDB's zone maps turn into a scan of the row groups holding it);
 * each range is aggregated in JS by sweep/point-aggregates.ts, its
 * intervals added here, and its rows appended to `summary` as data chunks, in
 * point order. Memory is one range, time is linear in the runs, and the bits
 * depend on nothing but the stored values: not on DuckDB's threads, nor the
 * order shards arrived in, nor resumes.
 *
 * A sweep with `keep.runs: false` gets the same rows without a runs table:
 * workers send each shard's point aggregates and the store appends their
 * summary rows at commit (coordinator/store.ts), through `appendSummaryRows`.
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBMaterializedResult } from '@duckdb/node-api';
import type { StatName } from '../model/stats.js';
import { aggregatePoints, type PointAggregates } from '../sweep/point-aggregates.js';
import { ChunkWriter, type ChunkColumnType, type ColumnSource } from './chunk-writer.js';
import { quoteIdent, type AxisColumn } from './columns.js';
import { studentT975, Z975 } from './student-t.js';
import { SUMMARY_VALUE_COLUMNS } from './summary.js';

/** Runs read per range (rounded up to whole points): ~20 MB of columns. */
export const SUMMARY_RANGE_RUNS = 1 << 17;

export interface PointSummaryLayout {
  readonly size: number;
  readonly replicates: number;
  readonly axes: readonly AxisColumn[];
  readonly statistics: readonly StatName[];
}

const VALUE_TYPES: Readonly<Record<(typeof SUMMARY_VALUE_COLUMNS)[number], ChunkColumnType>> = {
  statistic: 'VARCHAR',
  kind: 'VARCHAR',
  runs: 'BIGINT',
  count: 'BIGINT',
  censored: 'BIGINT',
  censored_fraction: 'DOUBLE',
  mean: 'DOUBLE',
  std: 'DOUBLE',
  stderr: 'DOUBLE',
  ci_low: 'DOUBLE',
  ci_high: 'DOUBLE',
  median: 'DOUBLE',
  p10: 'DOUBLE',
  p90: 'DOUBLE',
};

function axisType(a: AxisColumn): ChunkColumnType {
  return a.kind === 'enum' ? 'VARCHAR' : 'DOUBLE';
}

/** The `summary` table: point, every axis, then SUMMARY_VALUE_COLUMNS (the types the all-SQL summary had). */
export function summaryTableSql(axes: readonly AxisColumn[], table = 'summary'): string {
  const columns = [
    'point BIGINT',
    ...axes.map((a) => `${quoteIdent(a.column)} ${axisType(a)}`),
    ...SUMMARY_VALUE_COLUMNS.map((c) => `${c} ${VALUE_TYPES[c]}`),
  ];
  return `CREATE OR REPLACE TABLE ${quoteIdent(table)} (${columns.join(', ')})`;
}

function summaryTypes(axes: readonly AxisColumn[]): ChunkColumnType[] {
  return ['BIGINT', ...axes.map(axisType), ...SUMMARY_VALUE_COLUMNS.map((c) => VALUE_TYPES[c])];
}

/** A chunk writer for a summary table; `begin` it with an appender on the table. */
export function summaryWriter(axes: readonly AxisColumn[]): ChunkWriter {
  return new ChunkWriter(summaryTypes(axes));
}

/** Axis values of each aggregated point (numbers, or strings for enum axes), in layout order. */
export type PointAxisValues = readonly (Float64Array | readonly (string | null | undefined)[])[];

/** t_{0.975, count-1}, computed once per count. */
class TQuantiles {
  readonly #cache = new Map<number, number>();
  get(count: number): number {
    let t = this.#cache.get(count);
    if (t === undefined) {
      t = studentT975(count - 1);
      this.#cache.set(count, t);
    }
    return t;
  }
}

/**
 * Appends the summary rows of `agg` (one per point and statistic, in point
 * then statistic order); `axes[k][p]` = axis k of point p. The intervals are
 * the expressions the SQL summary evaluates (coordinator/summary.ts), in the
 * same order of operations.
 */
export function appendSummaryRows(writer: ChunkWriter, agg: PointAggregates, axes: PointAxisValues, t: TQuantiles): void {
  const points = agg.point.length;
  const width = agg.rows.length;
  const n = points * width;
  const point = new Float64Array(n);
  const statistic = new Array<string>(n);
  const kind = new Array<string>(n);
  const censoredFraction = new Float64Array(n).fill(Number.NaN);
  const stderr = new Float64Array(n).fill(Number.NaN);
  const ciLow = new Float64Array(n).fill(Number.NaN);
  const ciHigh = new Float64Array(n).fill(Number.NaN);
  const axisColumns = axes.map((values) => (values instanceof Float64Array ? new Float64Array(n) : new Array<string | null>(n)));
  const z = Z975;
  const z2 = z * z;
  for (let p = 0; p < points; p++) {
    for (let r = 0; r < width; r++) {
      const at = p * width + r;
      const row = agg.rows[r];
      point[at] = agg.point[p];
      statistic[at] = row.name;
      kind[at] = row.kind;
      for (let k = 0; k < axes.length; k++) {
        const values = axes[k];
        if (values instanceof Float64Array) (axisColumns[k] as Float64Array)[at] = values[p];
        else (axisColumns[k] as (string | null)[])[at] = values[p] ?? null;
      }
      const count = agg.count[at];
      const mean = agg.mean[at];
      if (row.kind === 'time') censoredFraction[at] = agg.censored[at] / agg.runs[at];
      if (row.kind === 'fraction') {
        if (count > 0) {
          const center = (mean + z2 / (2.0 * count)) / (1 + z2 / count);
          const half = (z * Math.sqrt((mean * (1 - mean)) / count + z2 / (4.0 * count * count))) / (1 + z2 / count);
          ciLow[at] = center - half;
          ciHigh[at] = center + half;
        }
        continue;
      }
      const se = agg.std[at] / Math.sqrt(count);
      stderr[at] = se;
      if (count >= 2) {
        const tq = t.get(count);
        ciLow[at] = mean - tq * se;
        ciHigh[at] = mean + tq * se;
      }
    }
  }
  const values: Record<(typeof SUMMARY_VALUE_COLUMNS)[number], ColumnSource> = {
    statistic: { kind: 'strings', values: statistic },
    kind: { kind: 'strings', values: kind },
    runs: { kind: 'values', values: agg.runs },
    count: { kind: 'values', values: agg.count },
    censored: { kind: 'values', values: agg.censored },
    censored_fraction: { kind: 'values', values: censoredFraction },
    mean: { kind: 'values', values: agg.mean },
    std: { kind: 'values', values: agg.std },
    stderr: { kind: 'values', values: stderr },
    ci_low: { kind: 'values', values: ciLow },
    ci_high: { kind: 'values', values: ciHigh },
    median: { kind: 'values', values: agg.median },
    p10: { kind: 'values', values: agg.p10 },
    p90: { kind: 'values', values: agg.p90 },
  };
  writer.append(n, [
    { kind: 'values', values: point },
    ...axisColumns.map((v): ColumnSource => (v instanceof Float64Array ? { kind: 'values', values: v } : { kind: 'strings', values: v })),
    ...SUMMARY_VALUE_COLUMNS.map((c) => values[c]),
  ]);
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

/** Aggregates `runs` range by range into the summary `writer` (inside the caller's transaction). */
async function summarizeRuns(c: DuckDBConnection, layout: PointSummaryLayout, writer: ChunkWriter): Promise<void> {
  const columns = [...new Set(layout.statistics)];
  const select = [
    'CAST(point AS DOUBLE)',
    ...layout.axes.map((a) => (a.kind === 'enum' ? quoteIdent(a.column) : `CAST(${quoteIdent(a.column)} AS DOUBLE)`)),
    ...columns.map((s) => `CAST(${quoteIdent(s)} AS DOUBLE)`),
  ].join(', ');
  const span = Math.ceil(SUMMARY_RANGE_RUNS / layout.replicates) * layout.replicates;
  const t = new TQuantiles();
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
    appendSummaryRows(writer, agg, axes, t);
  }
}

/** Rebuilds the `summary` table (per grid point) from the runs, in one transaction. */
export async function writePointSummary(c: DuckDBConnection, layout: PointSummaryLayout): Promise<void> {
  await c.run('BEGIN TRANSACTION');
  try {
    await c.run(summaryTableSql(layout.axes));
    const writer = summaryWriter(layout.axes).begin(await c.createAppender('summary'));
    try {
      await summarizeRuns(c, layout, writer);
      writer.close();
    } catch (error) {
      writer.discard();
      throw error;
    }
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export { TQuantiles };
