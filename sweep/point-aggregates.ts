/**
 * Aggregates of docs/model.md §5 per grid point: a pure function over typed
 * arrays, run by the coordinator over the stored runs (the per-point summary)
 * and by workers over a shard's runs when the spec does not keep them
 * (`keep.runs: false`). Both get the same bits, because both see the same
 * values (as stored: `storedValue`) in the same order (run index).
 *
 * Per point and summary row (order: `summaryRows`):
 * - numeric statistics: count of non-NULL values, mean (sum in index order /
 *   count), sample std (Welford's update, as DuckDB's stddev_samp; NULL for
 *   count < 2), median, p10, p90 (quantile_cont: order statistics at
 *   (count - 1)·q, linearly interpolated as lo + (hi - lo)·frac);
 * - censored times (t_conv, t_escape): the same over the runs whose flag
 *   (converged, escaped) is true; `censored` = runs - count;
 * - fractions: count of non-NULL 0/1 values, successes, mean = successes / count.
 * NULL is NaN in the output arrays. Intervals (stderr, Student t, Wilson) are
 * added by the coordinator from these (coordinator/summary.ts).
 */
import { PatternsweepError } from '../errors/index.js';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import type { SweepSpec } from './spec-types.js';

/** How a statistic is stored (coordinator/columns.ts STAT_SQL_TYPES): what the aggregates see. */
export type StoredKind = 'DOUBLE' | 'BOOLEAN' | 'INTEGER' | 'BIGINT';

const INTEGER_STATS = new Set<StatName>(['regime', 'final_argmax', 'steps_taken']);
const FLAG_STATS = new Set<StatName>(['converged', 'escaped', 'ends_on_opt', 'ends_on_worst', 'diverged']);

export function storedKind(stat: StatName): StoredKind {
  if (FLAG_STATS.has(stat)) return 'BOOLEAN';
  if (INTEGER_STATS.has(stat)) return stat === 'steps_taken' ? 'BIGINT' : 'INTEGER';
  return 'DOUBLE';
}

/**
 * A value as the store keeps it, NaN for NULL: flags are v !== 0, integers
 * Math.trunc(v) (NULL when not finite), doubles as they are. Applying it to a
 * stored value changes nothing.
 */
export function storedValue(kind: StoredKind, v: number): number {
  if (v !== v) return Number.NaN;
  switch (kind) {
    case 'DOUBLE':
      return v;
    case 'BOOLEAN':
      return v !== 0 ? 1 : 0;
    case 'INTEGER':
    case 'BIGINT':
      return Number.isFinite(v) ? Math.trunc(v) : Number.NaN;
  }
}

export const NUMERIC_STATS: readonly StatName[] = [
  'acc0',
  'acc_final',
  'acc_peak',
  't_peak',
  'drop',
  'd_acc0',
  'pi_opt_final',
  'entropy_final',
  'kl_ref_final',
  'steps_taken',
  't_final',
];

/** Event times and the flag saying the event happened (docs/model.md §5: censored if never). */
export const CENSORED_TIMES: readonly { stat: StatName; flag: StatName }[] = [
  { stat: 't_conv', flag: 'converged' },
  { stat: 't_escape', flag: 'escaped' },
];

export interface FractionDefinition {
  readonly name: string;
  /** SQL boolean expression over runs columns (the `--by` summary in SQL). */
  readonly sql: string;
  readonly needs: readonly StatName[];
  /** The same as a function of the `needs` values (stored values; NaN = NULL): 1, 0 or NaN. */
  readonly value: (a: number, b: number) => number;
}

const flag = (a: number): number => a;
export const FRACTIONS: readonly FractionDefinition[] = [
  { name: 'converged', sql: 'converged', needs: ['converged'], value: flag },
  { name: 'escaped', sql: 'escaped', needs: ['escaped'], value: flag },
  { name: 'improved', sql: 'acc_final > acc0', needs: ['acc_final', 'acc0'], value: (f, i) => (f !== f || i !== i ? Number.NaN : f > i ? 1 : 0) },
  { name: 'degraded', sql: 'acc_final < acc0', needs: ['acc_final', 'acc0'], value: (f, i) => (f !== f || i !== i ? Number.NaN : f < i ? 1 : 0) },
  { name: 'ends_on_opt', sql: 'ends_on_opt', needs: ['ends_on_opt'], value: flag },
  { name: 'ends_on_worst', sql: 'ends_on_worst', needs: ['ends_on_worst'], value: flag },
  { name: 'diverged', sql: 'diverged', needs: ['diverged'], value: flag },
];

const fractionOf = new Map(FRACTIONS.map((f) => [f.name, f]));

export type SummaryKind = 'numeric' | 'time' | 'fraction';

/** One row of the summary per point: which statistic, of which kind, from which columns. */
export interface SummaryRow {
  readonly name: string;
  readonly kind: SummaryKind;
  /** numeric: [stat]; time: [stat, flag]; fraction: its `needs`. */
  readonly columns: readonly StatName[];
}

/** The summary rows a set of kept statistics gives, in summary order. */
export function summaryRows(statistics: readonly StatName[]): SummaryRow[] {
  const kept = new Set(statistics);
  const rows: SummaryRow[] = [];
  for (const stat of NUMERIC_STATS) if (kept.has(stat)) rows.push({ name: stat, kind: 'numeric', columns: [stat] });
  for (const { stat, flag: f } of CENSORED_TIMES) {
    if (kept.has(stat) && kept.has(f)) rows.push({ name: stat, kind: 'time', columns: [stat, f] });
  }
  for (const f of FRACTIONS) if (f.needs.every((s) => kept.has(s))) rows.push({ name: f.name, kind: 'fraction', columns: f.needs });
  return rows;
}

/** Per-point aggregates, [points x rows] row-major (point p, row r at p * rows.length + r); NaN = NULL. */
export interface PointAggregates {
  /** Point number of each aggregated point, ascending. */
  readonly point: Float64Array;
  /** Index of each point's first run in the input. */
  readonly firstRow: Float64Array;
  readonly rows: readonly SummaryRow[];
  readonly runs: Float64Array;
  readonly count: Float64Array;
  readonly censored: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly median: Float64Array;
  readonly p10: Float64Array;
  readonly p90: Float64Array;
  readonly successes: Float64Array;
}

export interface PointAggregateInput {
  /** Point of each run, non-decreasing (runs in index order). */
  readonly point: Float64Array;
  /** Every column the rows need, same length as `point`, values as stored or as computed (storedValue applies). */
  readonly columns: Partial<Record<StatName, Float64Array>>;
  readonly statistics: readonly StatName[];
}

export class PointAggregateError extends PatternsweepError {
  override readonly name = 'PointAggregateError';
  constructor(message: string) {
    super('POINT_AGGREGATE', message);
  }
}

/** quantile_cont on sorted values: DuckDB's interpolation, lo + (hi - lo)·(RN - FRN) with RN = (n - 1)·q. */
function quantile(sorted: Float64Array, n: number, q: number): number {
  const rn = (n - 1) * q;
  const lo = Math.floor(rn);
  const hi = Math.ceil(rn);
  if (lo === hi) return sorted[lo];
  const a = sorted[lo];
  return a + (sorted[hi] - a) * (rn - lo);
}

/**
 * Sorts x[0..m) ascending in place and returns that view: insertion sort for
 * the few replicates of a point (a typed-array sort call costs more than
 * sorting ten values), the built-in sort beyond.
 */
function sortPrefix(x: Float64Array, m: number): Float64Array {
  const view = x.subarray(0, m);
  if (m > 32) return view.sort();
  for (let i = 1; i < m; i++) {
    const v = x[i];
    let j = i - 1;
    while (j >= 0 && x[j] > v) {
      x[j + 1] = x[j];
      j--;
    }
    x[j + 1] = v;
  }
  return view;
}

/** The aggregates of every point of `input`, in point order. */
export function aggregatePoints(input: PointAggregateInput): PointAggregates {
  const { point } = input;
  const n = point.length;
  const rows = summaryRows(input.statistics);
  const stored = new Map<StatName, Float64Array>();
  for (const row of rows) {
    for (const stat of row.columns) {
      if (stored.has(stat)) continue;
      const values = input.columns[stat];
      if (values === undefined || values.length !== n) {
        throw new PointAggregateError(`column ${stat}: ${values?.length ?? 'missing'} values, expected ${n}`);
      }
      const kind = storedKind(stat);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = storedValue(kind, values[i]);
      stored.set(stat, out);
    }
  }
  // Segments of equal point.
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || point[i] !== point[i - 1]) {
      if (i > 0 && point[i] < point[i - 1]) throw new PointAggregateError(`point column decreases at row ${i}`);
      starts.push(i);
    }
  }
  const points = starts.length;
  const width = rows.length;
  const size = points * width;
  const out = {
    point: new Float64Array(points),
    firstRow: new Float64Array(points),
    rows,
    runs: new Float64Array(size),
    count: new Float64Array(size),
    censored: new Float64Array(size).fill(Number.NaN),
    mean: new Float64Array(size).fill(Number.NaN),
    std: new Float64Array(size).fill(Number.NaN),
    median: new Float64Array(size).fill(Number.NaN),
    p10: new Float64Array(size).fill(Number.NaN),
    p90: new Float64Array(size).fill(Number.NaN),
    successes: new Float64Array(size).fill(Number.NaN),
  };
  let longest = 0;
  for (let p = 0; p < points; p++) longest = Math.max(longest, (p + 1 < points ? starts[p + 1] : n) - starts[p]);
  const x = new Float64Array(longest);
  for (let p = 0; p < points; p++) {
    const a = starts[p];
    const b = p + 1 < points ? starts[p + 1] : n;
    out.point[p] = point[a];
    out.firstRow[p] = a;
    for (let r = 0; r < width; r++) {
      const row = rows[r];
      const at = p * width + r;
      out.runs[at] = b - a;
      // The values this row aggregates, in index order, NULLs dropped.
      let m = 0;
      if (row.kind === 'numeric') {
        const v = stored.get(row.columns[0])!;
        for (let i = a; i < b; i++) if (v[i] === v[i]) x[m++] = v[i];
      } else if (row.kind === 'time') {
        const v = stored.get(row.columns[0])!;
        const f = stored.get(row.columns[1])!;
        for (let i = a; i < b; i++) if (f[i] === 1 && v[i] === v[i]) x[m++] = v[i];
      } else {
        const def = fractionOf.get(row.name)!;
        const u = stored.get(row.columns[0])!;
        const w = row.columns.length > 1 ? stored.get(row.columns[1])! : u;
        for (let i = a; i < b; i++) {
          const s = def.value(u[i], w[i]);
          if (s === s) x[m++] = s;
        }
      }
      out.count[at] = m;
      if (row.kind === 'time') out.censored[at] = b - a - m;
      if (m === 0) continue;
      let sum = 0;
      for (let i = 0; i < m; i++) sum += x[i];
      out.mean[at] = sum / m;
      if (row.kind === 'fraction') {
        out.successes[at] = sum;
        continue;
      }
      if (m > 1) {
        let mean = 0;
        let dsquared = 0;
        for (let i = 0; i < m; i++) {
          const delta = (x[i] - mean) / (i + 1);
          const next = mean + delta;
          dsquared += (x[i] - next) * (x[i] - mean);
          mean = next;
        }
        out.std[at] = Math.sqrt(dsquared / (m - 1));
      }
      const sorted = sortPrefix(x, m);
      out.median[at] = quantile(sorted, m, 0.5);
      out.p10[at] = quantile(sorted, m, 0.1);
      out.p90[at] = quantile(sorted, m, 0.9);
    }
  }
  return out;
}

/** Kept statistics of a spec in STAT_NAMES order (as the store keeps them: coordinator/store.ts keptStatistics). */
function keptOf(keep: 'all' | readonly StatName[]): StatName[] {
  if (keep === 'all') return [...STAT_NAMES];
  const wanted = new Set(keep);
  return STAT_NAMES.filter((s) => wanted.has(s));
}

/**
 * The point aggregates of one shard (keep.runs: false): runs [start, end) of
 * `spec`, statistics in index order (worker/shard.ts runShard). The shard
 * must hold whole points, as validation ensures (shardSize a multiple of
 * replicates).
 */
export function shardPointAggregates(
  spec: SweepSpec,
  start: number,
  end: number,
  columns: Readonly<Record<StatName, Float64Array>>,
): PointAggregates {
  const r = spec.replicates;
  if (start % r !== 0 || end % r !== 0) {
    throw new PointAggregateError(`runs [${start}, ${end}) do not hold whole grid points of ${r} replicates`);
  }
  const point = new Float64Array(end - start);
  for (let i = 0, p = start / r, k = 0; i < point.length; i++) {
    point[i] = p;
    if (++k === r) {
      k = 0;
      p++;
    }
  }
  return aggregatePoints({ point, columns, statistics: keptOf(spec.keep.statistics) });
}

/**
 * keep.runs: false: `out` with its runs replaced by their per-point
 * aggregates (`points`; `columns` become length 0, so the runs never cross a
 * thread or the wire).
 */
export function withPointAggregates<T extends { readonly start: number; readonly end: number; readonly columns: Record<StatName, Float64Array> }>(
  spec: SweepSpec,
  out: T,
): T & { readonly points: PointAggregates } {
  const points = shardPointAggregates(spec, out.start, out.end, out.columns);
  const columns = {} as Record<StatName, Float64Array>;
  for (const name of STAT_NAMES) columns[name] = new Float64Array(0);
  return { ...out, columns, points };
}
