/**
 * The aggregates behind each figure, as SQL over the `runs` and
 * `trajectories` tables (coordinator/store.ts). Pure string building plus one query
 * each; figures never see individual runs except sampled trajectories.
 */
import type { StatName } from '../model/stats.js';
import { TIME_STATS } from './labels.js';
import { RUNS_VIEW, sqlIdentifier, type AxisColumn, type SweepStoreReader } from './store-reader.js';

/** Accuracy changes smaller than this count as neither improved nor degraded (float noise). */
export const ACC_CHANGE_TOLERANCE = 1e-9;

/** Bins for an axis with too many distinct values to group on (sampled axes). */
export const CONTINUOUS_AXIS_BINS = 12;

/**
 * SQL expression giving an axis value to group on: the column itself, or the
 * centre of one of CONTINUOUS_AXIS_BINS equal bins (log-spaced on log axes)
 * when the axis has too many distinct values (e.g. a `sample:` axis).
 */
export function axisGroupExpression(axis: AxisColumn): string {
  const id = sqlIdentifier(axis.column);
  if (axis.values.length > 0 || axis.kind === 'enum' || !(axis.max > axis.min)) return id;
  const bins = CONTINUOUS_AXIS_BINS;
  if (axis.log) {
    const lo = Math.log10(axis.min);
    const width = (Math.log10(axis.max) - lo) / bins;
    return `pow(10, (least(floor((log10(${id}) - ${lo}) / ${width}), ${bins - 1}) + 0.5) * ${width} + ${lo})`;
  }
  const width = (axis.max - axis.min) / bins;
  return `((least(floor((${id} - ${axis.min}) / ${width}), ${bins - 1}) + 0.5) * ${width} + ${axis.min})`;
}

/** A time with censored runs (NULL or NaN in the store) mapped to +infinity, so quantiles sort them last. */
function censoredAsInfinity(stat: StatName): string {
  const id = sqlIdentifier(stat);
  return `CASE WHEN ${id} IS NULL OR isnan(${id}) THEN 'infinity'::DOUBLE ELSE ${id} END`;
}

function isTime(stat: StatName): boolean {
  return TIME_STATS.includes(stat);
}

function groupValue(v: unknown, axis: AxisColumn | null): number | string | null {
  if (axis === null) return null;
  return axis.kind === 'numeric' ? Number(v) : String(v);
}

// ---------------------------------------------------------------- fractions

export interface FractionCounts {
  readonly group: number | string | null;
  /** Value of the facet axis, or null without one. */
  readonly panel: number | string | null;
  readonly n: number;
  readonly converged: number;
  readonly improved: number;
  readonly degraded: number;
  readonly endsOnWorst: number;
  readonly endsOnOpt: number;
  /** Runs whose accuracy rises at first (d_acc0 > 0), docs/model.md §4 RLIF. */
  readonly roseFirst: number;
  readonly diverged: number;
}

/** Outcome counts per value of `by` (and of `panel`, when given: one facet per value). */
export async function fractionCounts(
  store: SweepStoreReader,
  by: AxisColumn | null,
  panel: AxisColumn | null = null,
): Promise<FractionCounts[]> {
  const g = by === null ? 'NULL' : axisGroupExpression(by);
  const p = panel === null ? 'NULL' : axisGroupExpression(panel);
  const tol = ACC_CHANGE_TOLERANCE;
  const rows = await store.query(`
    SELECT ${g} AS g, ${p} AS p, count(*)::DOUBLE AS n,
      sum(CASE WHEN CAST(converged AS INTEGER) = 1 THEN 1 ELSE 0 END)::DOUBLE AS converged,
      sum(CASE WHEN acc_final > acc0 + ${tol} THEN 1 ELSE 0 END)::DOUBLE AS improved,
      sum(CASE WHEN acc_final < acc0 - ${tol} THEN 1 ELSE 0 END)::DOUBLE AS degraded,
      sum(CASE WHEN CAST(ends_on_worst AS INTEGER) = 1 THEN 1 ELSE 0 END)::DOUBLE AS worst,
      sum(CASE WHEN CAST(ends_on_opt AS INTEGER) = 1 THEN 1 ELSE 0 END)::DOUBLE AS opt,
      sum(CASE WHEN d_acc0 > 0 THEN 1 ELSE 0 END)::DOUBLE AS rose,
      sum(CASE WHEN CAST(diverged AS INTEGER) = 1 THEN 1 ELSE 0 END)::DOUBLE AS diverged
    FROM ${RUNS_VIEW} GROUP BY 1, 2 ORDER BY 2, 1`);
  return rows.map((r) => ({
    group: groupValue(r.g, by),
    panel: groupValue(r.p, panel),
    n: Number(r.n),
    converged: Number(r.converged),
    improved: Number(r.improved),
    degraded: Number(r.degraded),
    endsOnWorst: Number(r.worst),
    endsOnOpt: Number(r.opt),
    roseFirst: Number(r.rose),
    diverged: Number(r.diverged),
  }));
}

// ---------------------------------------------------------------- time quantiles

export interface TimeQuantiles {
  readonly x: number | string;
  readonly series: number | string | null;
  readonly n: number;
  /** Runs that never reached the event (censored). */
  readonly censored: number;
  /** Quantiles over all runs with censored ones as +infinity; null = the quantile is censored. */
  readonly p10: number | null;
  readonly median: number | null;
  readonly p90: number | null;
  /** Largest time reached by any run of the group (a lower bound for censored quantiles). */
  readonly horizon: number;
}

const finiteOrNull = (v: unknown): number | null => {
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
};

/** Censored-aware quantiles (docs/model.md §5) of a time statistic per value of x (and of a series axis). */
export async function timeQuantiles(
  store: SweepStoreReader,
  stat: StatName,
  x: AxisColumn,
  series: AxisColumn | null,
): Promise<TimeQuantiles[]> {
  const t = censoredAsInfinity(stat);
  const s = series === null ? 'NULL' : axisGroupExpression(series);
  const rows = await store.query(`
    SELECT ${axisGroupExpression(x)} AS x, ${s} AS s, count(*)::DOUBLE AS n,
      sum(CASE WHEN ${t} = 'infinity'::DOUBLE THEN 1 ELSE 0 END)::DOUBLE AS censored,
      quantile_disc(${t}, 0.1) AS p10, quantile_disc(${t}, 0.5) AS p50, quantile_disc(${t}, 0.9) AS p90,
      max(t_final)::DOUBLE AS horizon
    FROM ${RUNS_VIEW} GROUP BY 1, 2 ORDER BY 2, 1`);
  return rows.map((r) => ({
    x: groupValue(r.x, x) as number | string,
    series: groupValue(r.s, series),
    n: Number(r.n),
    censored: Number(r.censored),
    p10: finiteOrNull(r.p10),
    median: finiteOrNull(r.p50),
    p90: finiteOrNull(r.p90),
    horizon: Number(r.horizon),
  }));
}

// ---------------------------------------------------------------- means

export interface StatMeans {
  readonly stat: StatName;
  readonly x: number | string;
  readonly n: number;
  readonly mean: number | null;
}

/** Mean of each statistic per value of x (NULL statistics, e.g. not kept, are skipped). */
export async function statMeans(store: SweepStoreReader, stats: readonly StatName[], x: AxisColumn): Promise<StatMeans[]> {
  const columns = stats.map((s, i) => `avg(CAST(${sqlIdentifier(s)} AS DOUBLE))::DOUBLE AS m${i}`).join(', ');
  const rows = await store.query(`SELECT ${axisGroupExpression(x)} AS x, count(*)::DOUBLE AS n, ${columns} FROM ${RUNS_VIEW} GROUP BY 1 ORDER BY 1`);
  return rows.flatMap((r) =>
    stats.map((stat, i) => ({ stat, x: groupValue(r.x, x) as number | string, n: Number(r.n), mean: finiteOrNull(r[`m${i}`]) })),
  ).filter((m) => m.mean !== null);
}

// ---------------------------------------------------------------- histogram

export interface TimeHistogram {
  /** Bins of finished runs with t > 0: [low, high) in time units, log10-spaced, per group (null without `by`). */
  readonly bins: readonly { group: number | string | null; low: number; high: number; count: number }[];
  /** Per group: runs that finished at t = 0 (e.g. ACC already above p(r') at the start) and runs that never reached the event. */
  readonly apart: readonly { group: number | string | null; atStart: number; censored: number }[];
  /** Totals over all groups. */
  readonly atStart: number;
  readonly censored: number;
  readonly n: number;
  readonly binsPerDecade: number;
}

/**
 * Log-binned counts of a time statistic. `binsPerDecade` null picks about 20
 * bins over the observed range (at least 4, at most 20 per decade).
 */
export async function timeHistogram(
  store: SweepStoreReader,
  stat: StatName,
  binsPerDecade: number | null = null,
  by: AxisColumn | null = null,
): Promise<TimeHistogram> {
  const id = sqlIdentifier(stat);
  const g = by === null ? 'NULL' : axisGroupExpression(by);
  const finite = `${id} IS NOT NULL AND NOT isnan(${id})`;
  if (binsPerDecade === null) {
    const [range] = await store.query(
      `SELECT log10(min(${id}))::DOUBLE AS lo, log10(max(${id}))::DOUBLE AS hi FROM ${RUNS_VIEW} WHERE ${finite} AND ${id} > 0`,
    );
    const span = Number(range?.hi) - Number(range?.lo);
    binsPerDecade = Number.isFinite(span) ? Math.min(20, Math.max(4, Math.round(20 / Math.max(span, 1e-9)))) : 4;
  }
  const counts = await store.query(`
    SELECT ${g} AS g, count(*)::DOUBLE AS n,
      sum(CASE WHEN ${finite} THEN 0 ELSE 1 END)::DOUBLE AS censored,
      sum(CASE WHEN ${finite} AND ${id} <= 0 THEN 1 ELSE 0 END)::DOUBLE AS at_start
    FROM ${RUNS_VIEW} GROUP BY 1 ORDER BY 1`);
  const rows = await store.query(`
    SELECT ${g} AS g, floor(log10(${id}) * ${binsPerDecade})::DOUBLE AS b, count(*)::DOUBLE AS c
    FROM ${RUNS_VIEW} WHERE ${finite} AND ${id} > 0 GROUP BY 1, 2 ORDER BY 1, 2`);
  const apart = counts.map((r) => ({ group: groupValue(r.g, by), atStart: Number(r.at_start), censored: Number(r.censored) }));
  return {
    bins: rows.map((r) => ({
      group: groupValue(r.g, by),
      low: 10 ** (Number(r.b) / binsPerDecade),
      high: 10 ** ((Number(r.b) + 1) / binsPerDecade),
      count: Number(r.c),
    })),
    apart,
    atStart: apart.reduce((a, x) => a + x.atStart, 0),
    censored: apart.reduce((a, x) => a + x.censored, 0),
    n: counts.reduce((a, r) => a + Number(r.n), 0),
    binsPerDecade,
  };
}

// ---------------------------------------------------------------- heatmap

export interface HeatmapCell {
  readonly x: number | string;
  readonly y: number | string;
  readonly n: number;
  /** Mean (or, for times, censored-aware median); null when the median is censored. */
  readonly value: number | null;
  readonly censored: number;
}

export async function heatmapCells(
  store: SweepStoreReader,
  stat: StatName,
  x: AxisColumn,
  y: AxisColumn,
): Promise<HeatmapCell[]> {
  const value = isTime(stat) ? `quantile_disc(${censoredAsInfinity(stat)}, 0.5)` : `avg(CAST(${sqlIdentifier(stat)} AS DOUBLE))`;
  const censored = isTime(stat)
    ? `sum(CASE WHEN ${censoredAsInfinity(stat)} = 'infinity'::DOUBLE THEN 1 ELSE 0 END)::DOUBLE`
    : '0::DOUBLE';
  const rows = await store.query(`
    SELECT ${axisGroupExpression(x)} AS x, ${axisGroupExpression(y)} AS y, count(*)::DOUBLE AS n,
      ${value}::DOUBLE AS v, ${censored} AS censored
    FROM ${RUNS_VIEW} GROUP BY 1, 2 ORDER BY 1, 2`);
  return rows.map((r) => ({
    x: groupValue(r.x, x) as number | string,
    y: groupValue(r.y, y) as number | string,
    n: Number(r.n),
    value: finiteOrNull(r.v),
    censored: Number(r.censored),
  }));
}

// ---------------------------------------------------------------- trajectories

export interface TrajectoryPoint {
  readonly run: number;
  readonly time: number;
  readonly acc: number;
  readonly piOpt: number;
  readonly colour: number | string | null;
  /** Value of the second varying axis (drawn as the dash pattern), null when there is none. */
  readonly style: number | string | null;
}

/**
 * Up to maxRuns stored trajectories, spread evenly over the stored run indices
 * (not the first maxRuns, which would all share one grid point).
 */
export async function sampledTrajectories(
  store: SweepStoreReader,
  maxRuns: number,
  colour: AxisColumn | null,
  style: AxisColumn | null = null,
): Promise<TrajectoryPoint[]> {
  if (!(await store.hasTable('trajectories'))) return [];
  const c = colour === null ? 'NULL' : axisGroupExpression(colour);
  const d = style === null ? 'NULL' : axisGroupExpression(style);
  const rows = await store.query(`
    WITH ids AS (SELECT DISTINCT idx FROM trajectories),
    ranked AS (SELECT idx, row_number() OVER (ORDER BY idx) - 1 AS i, count(*) OVER () AS total FROM ids),
    chosen AS (SELECT idx FROM ranked WHERE total <= ${maxRuns} OR (i * ${maxRuns}) % total < ${maxRuns}),
    -- Axis values (possibly binned) computed on the runs alone, so axis names never clash with trajectory columns.
    labelled AS (SELECT idx, ${c} AS colour, ${d} AS style FROM ${RUNS_VIEW})
    SELECT t.idx::DOUBLE AS run, t.time::DOUBLE AS time, t.acc::DOUBLE AS acc, t.pi_opt::DOUBLE AS pi_opt, r.colour, r.style
    FROM trajectories t JOIN chosen USING (idx) JOIN labelled r ON r.idx = t.idx
    WHERE t.time > 0 AND NOT isnan(t.acc)
    ORDER BY t.idx, t.k`);
  return rows.map((r) => ({
    run: Number(r.run),
    time: Number(r.time),
    acc: Number(r.acc),
    piOpt: Number(r.pi_opt),
    colour: groupValue(r.colour, colour),
    style: groupValue(r.style, style),
  }));
}

// ---------------------------------------------------------------- overview

export interface SweepOverview {
  readonly runs: number;
  readonly shardsDone: number | null;
  readonly shardsFailed: number | null;
  readonly backends: string[];
  readonly regimes: { regime: number; n: number }[];
  /** Runs with a finite t_conv. */
  readonly converged: number;
}

export async function sweepOverview(store: SweepStoreReader): Promise<SweepOverview> {
  const [{ n, converged }] = await store.query(
    `SELECT count(*)::DOUBLE AS n, count(t_conv) FILTER (WHERE NOT isnan(t_conv))::DOUBLE AS converged FROM ${RUNS_VIEW}`,
  );
  const regimes = await store.query(`SELECT regime::DOUBLE AS regime, count(*)::DOUBLE AS n FROM ${RUNS_VIEW} GROUP BY 1 ORDER BY 1`);
  let shardsDone: number | null = null;
  let shardsFailed: number | null = null;
  let backends: string[] = [];
  if (await store.hasTable('shards')) {
    const [s] = await store.query(`SELECT
      sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END)::DOUBLE AS done,
      sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)::DOUBLE AS failed FROM shards`);
    shardsDone = Number(s.done ?? 0);
    shardsFailed = Number(s.failed ?? 0);
    const b = await store.query(`SELECT DISTINCT backend::VARCHAR AS b FROM shards WHERE backend IS NOT NULL ORDER BY 1`);
    backends = b.map((r) => String(r.b));
  }
  return {
    runs: Number(n),
    converged: Number(converged),
    shardsDone,
    shardsFailed,
    backends,
    regimes: regimes.map((r) => ({ regime: Number(r.regime), n: Number(r.n) })),
  };
}
