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
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
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

/** Copies column `c` of `chunk` (DOUBLE) into `out` at `at`, NaN for NULL. */
function copyDoubles(chunk: DuckDBDataChunk, c: number, out: Float64Array, at: number): void {
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
}

/**
 * Runs [from, to) of the runs table, in index order: point, the statistic
 * columns as float64 (NaN = NULL) and each axis at the first run of every
 * point. Streamed chunk by chunk and copied at once: a materialized result
 * lives in native memory V8 does not see, and freed only by a major GC, it
 * piled up to GBs over a 1e7-run summary.
 */
async function readRange(
  c: DuckDBConnection,
  layout: PointSummaryLayout,
  columns: readonly StatName[],
  from: number,
  to: number,
): Promise<{ point: Float64Array; values: Partial<Record<StatName, Float64Array>>; axes: (number | string | null)[][] } | null> {
  const select = [
    'CAST(point AS DOUBLE)',
    ...layout.axes.map((a) => (a.kind === 'enum' ? quoteIdent(a.column) : `CAST(${quoteIdent(a.column)} AS DOUBLE)`)),
    ...columns.map((s) => `CAST(${quoteIdent(s)} AS DOUBLE)`),
  ].join(', ');
  const result = await c.stream(`SELECT ${select} FROM runs WHERE idx >= ${from} AND idx < ${to} ORDER BY idx`);
  const size = to - from;
  const point = new Float64Array(size);
  const values: Partial<Record<StatName, Float64Array>> = {};
  for (const s of columns) values[s] = new Float64Array(size);
  const axes: (number | string | null)[][] = layout.axes.map(() => []);
  const axisValues = new Float64Array(2048);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    copyDoubles(chunk, 0, point, rows);
    columns.forEach((s, k) => copyDoubles(chunk, 1 + layout.axes.length + k, values[s] as Float64Array, rows));
    layout.axes.forEach((a, k) => {
      const numeric = a.kind !== 'enum';
      if (numeric) copyDoubles(chunk, 1 + k, axisValues, 0);
      for (let i = 0; i < n; i++) {
        const at = rows + i;
        if (at > 0 && point[at] === point[at - 1]) continue;
        const v = numeric ? axisValues[i] : chunk.getColumnVector(1 + k).getItem(i);
        axes[k].push(v === null ? null : numeric ? (v as number) : String(v));
      }
    });
    rows += n;
  }
  if (rows === 0) return null;
  for (const s of columns) values[s] = (values[s] as Float64Array).subarray(0, rows);
  return { point: point.subarray(0, rows), values, axes };
}

/** Aggregates `runs` range by range into the summary `writer` (inside the caller's transaction). */
async function summarizeRuns(c: DuckDBConnection, layout: PointSummaryLayout, writer: ChunkWriter): Promise<void> {
  const columns = [...new Set(layout.statistics)];
  const span = Math.ceil(SUMMARY_RANGE_RUNS / layout.replicates) * layout.replicates;
  const t = new TQuantiles();
  for (let from = 0; from < layout.size; from += span) {
    const range = await readRange(c, layout, columns, from, Math.min(layout.size, from + span));
    if (range === null) continue;
    const agg = aggregatePoints({ point: range.point, columns: range.values, statistics: layout.statistics });
    const axes = layout.axes.map((a, k) =>
      a.kind === 'enum' ? (range.axes[k] as (string | null)[]) : Float64Array.from(range.axes[k] as number[]),
    );
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
