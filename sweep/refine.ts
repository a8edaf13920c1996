/**
 * Adaptive refinement, planned purely (docs/spec.md "refine"). Level 0 is the
 * grid as written; its cells are the boxes between neighbouring values of the
 * refined axes, one set per slice (a combination of the other grid axes).
 * Level l + 1 splits every level-l cell whose corners disagree (their
 * per-point aggregates fall in different classes: another regime, or the
 * other side of the level), halving it along each refined axis, and runs the
 * children's corners not run before. Everything is a function of the spec and
 * of the aggregates of earlier levels: no timing, thread or worker enters, so
 * a resumed or distributed refinement plans the same points in the same order.
 *
 * Points sit on a dyadic lattice: along a refined axis with m grid values,
 * lattice coordinate c in [0, (m - 1) 2^D] (D = refine.levels) lies between
 * grid values i = floor(c / 2^D) and i + 1, at fraction f = (c mod 2^D) / 2^D,
 * interpolated linearly (geometrically for `logspace` axes, rounded for
 * integer fields). Coordinates are integers, so a point's identity is exact.
 */
import { PatternsweepError } from '../errors/index.js';
import { expandAxis } from './axes.js';
import { GRID_FIELDS } from './fields.js';
import { runsPerGridPoint } from './refine-spec.js';
import type { PointListSpec, RefineQuantity, RefineSpec, SweepSpec } from './spec-types.js';

export interface RefinedAxis {
  readonly path: string;
  /** Position in spec.grid. */
  readonly position: number;
  readonly values: readonly number[];
  readonly logScale: boolean;
  readonly integer: boolean;
}

export interface RefineLattice {
  readonly spec: SweepSpec;
  readonly refine: RefineSpec;
  /** Grid axis paths in grid order. */
  readonly paths: readonly string[];
  /** Expanded values of every grid axis, in grid order. */
  readonly gridValues: readonly (readonly (number | string)[])[];
  readonly refined: readonly RefinedAxis[];
  /** Positions in spec.grid of the axes that are not refined. */
  readonly others: readonly number[];
  /** Combinations of the other axes. */
  readonly slices: number;
  /** 2^D: lattice steps between neighbouring grid values. */
  readonly scale: number;
  /** Runs per grid point (samples x replicates). */
  readonly runsPerPoint: number;
}

/** A box of the lattice inside one slice: lower corner and size per refined axis. */
export interface RefineCell {
  readonly slice: number;
  readonly lower: readonly number[];
  readonly size: readonly number[];
}

/** A grid point of a refinement level: its slice, lattice coordinates and axis values (grid order). */
export interface RefinePoint {
  readonly key: string;
  readonly slice: number;
  readonly coords: readonly number[];
  readonly values: readonly (number | string)[];
}

/** What a point's runs say about the quantity (coordinator/refine-ledger.ts reads it from the store). */
export interface PointAggregate {
  /** regime: the most common regime (1, 2, 3); share: the fraction; time: the median (+Infinity if censored). */
  readonly value: number;
}

export interface NextLevel {
  /** Cells of the next level (children of the split cells), in plan order. */
  readonly cells: readonly RefineCell[];
  /** Points to run, sorted by slice then coordinates. */
  readonly points: readonly RefinePoint[];
  /** Cells of this level chosen to split (corners disagree; with split `largest`, the largest losses). */
  readonly flagged: number;
  /** Flagged cells that were split (fewer when the budget ran out). */
  readonly split: number;
  /** True when the budget stopped the split: the refinement ends after the next level. */
  readonly budgetExhausted: boolean;
}

export function refineLattice(spec: SweepSpec): RefineLattice {
  const refine = spec.refine;
  if (refine === undefined) throw new TypeError('refineLattice: the spec has no refine section');
  const paths = spec.grid.map((a) => a.path);
  const gridValues = spec.grid.map((a) => {
    const field = GRID_FIELDS.get(a.path);
    return expandAxis(a.form, field?.kind === 'numeric' && field.rule.integer === true);
  });
  const refined = refine.axes.map((path): RefinedAxis => {
    const position = paths.indexOf(path);
    const field = GRID_FIELDS.get(path);
    const form = spec.grid[position].form;
    return {
      path,
      position,
      values: gridValues[position] as number[],
      logScale: form.kind === 'logspace',
      integer: field?.kind === 'numeric' && field.rule.integer === true,
    };
  });
  // Refined axes keep the order of refine.axes in coordinates; the others keep grid order.
  const others = paths.map((_, i) => i).filter((i) => !refine.axes.includes(paths[i]));
  const slices = others.reduce((n, i) => n * gridValues[i].length, 1);
  return { spec, refine, paths, gridValues, refined, others, slices, scale: 2 ** refine.levels, runsPerPoint: runsPerGridPoint(spec) };
}

/** The value of refined axis `a` at lattice coordinate c. */
export function axisValueAt(axis: RefinedAxis, scale: number, c: number): number {
  const i = Math.floor(c / scale);
  const step = c - i * scale;
  if (step === 0) return axis.values[i];
  const lo = axis.values[i];
  const hi = axis.values[i + 1];
  const f = step / scale;
  const v = axis.logScale ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))) : lo + f * (hi - lo);
  return axis.integer ? Math.round(v) : v;
}

/** Digits of a slice over the other axes (grid order, first slowest). */
function sliceDigits(lattice: RefineLattice, slice: number): number[] {
  const digits = new Array<number>(lattice.others.length);
  let rest = slice;
  for (let k = lattice.others.length - 1; k >= 0; k--) {
    const n = lattice.gridValues[lattice.others[k]].length;
    digits[k] = rest % n;
    rest = Math.floor(rest / n);
  }
  return digits;
}

export function pointKey(slice: number, coords: readonly number[]): string {
  return `${slice}:${coords.join(',')}`;
}

/** The point at lattice coordinates `coords` of `slice`, with every grid axis value. */
export function latticePoint(lattice: RefineLattice, slice: number, coords: readonly number[]): RefinePoint {
  const values = new Array<number | string>(lattice.paths.length);
  const digits = sliceDigits(lattice, slice);
  lattice.others.forEach((position, k) => (values[position] = lattice.gridValues[position][digits[k]]));
  lattice.refined.forEach((axis, a) => (values[axis.position] = axisValueAt(axis, lattice.scale, coords[a])));
  return { key: pointKey(slice, coords), slice, coords, values };
}

/** The key of level-0 grid point g (mixed radix over spec.grid, first axis slowest). */
export function gridPointKey(lattice: RefineLattice, gridPoint: number): string {
  const digits = new Array<number>(lattice.paths.length);
  let rest = gridPoint;
  for (let i = lattice.paths.length - 1; i >= 0; i--) {
    const n = lattice.gridValues[i].length;
    digits[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  let slice = 0;
  for (const position of lattice.others) slice = slice * lattice.gridValues[position].length + digits[position];
  return pointKey(slice, lattice.refined.map((axis) => digits[axis.position] * lattice.scale));
}

/** Level-0 grid points (ordinary grid numbering). */
export function level0Points(lattice: RefineLattice): number {
  return lattice.gridValues.reduce((n, v) => n * v.length, 1);
}

/** Every level-0 cell: per slice, the boxes between neighbouring grid values (lexicographic, first refined axis slowest). */
export function level0Cells(lattice: RefineLattice): RefineCell[] {
  const counts = lattice.refined.map((a) => a.values.length - 1);
  const cells: RefineCell[] = [];
  const total = counts.reduce((n, c) => n * c, 1);
  for (let slice = 0; slice < lattice.slices; slice++) {
    for (let k = 0; k < total; k++) {
      const lower = new Array<number>(counts.length);
      let rest = k;
      for (let a = counts.length - 1; a >= 0; a--) {
        lower[a] = (rest % counts[a]) * lattice.scale;
        rest = Math.floor(rest / counts[a]);
      }
      cells.push({ slice, lower, size: counts.map(() => lattice.scale) });
    }
  }
  return cells;
}

/** All 2^d corner coordinates of a box (first axis slowest). */
function corners(lower: readonly number[], size: readonly number[]): number[][] {
  let out: number[][] = [[]];
  lower.forEach((l, a) => {
    out = out.flatMap((c) => (size[a] === 0 ? [[...c, l]] : [[...c, l], [...c, l + size[a]]]));
  });
  return out;
}

/**
 * The class of an aggregate: the regime itself, or which side of the level it
 * lies on (at or above: 1). Times compare on a log scale, which gives the same
 * sides; +Infinity (censored median) is above every level.
 */
export function aggregateClass(q: RefineQuantity, value: number): number {
  if (q.kind === 'regime') return value;
  return value >= q.level ? 1 : 0;
}

/** How far apart a cell's corners are, to split the most uneven cells first when the budget is short. */
function cellLoss(q: RefineQuantity, values: readonly number[]): number {
  if (q.kind === 'regime') return new Set(values).size - 1;
  const scaled = q.kind === 'time' ? values.map((v) => Math.log(Math.min(v, Number.MAX_VALUE) + 1)) : values;
  return Math.max(...scaled) - Math.min(...scaled);
}

/** Axes along which a cell can still be halved: size >= 2 and (integer fields) a midpoint value of its own. */
function splitAxes(lattice: RefineLattice, cell: RefineCell): boolean[] {
  return lattice.refined.map((axis, a) => {
    const s = cell.size[a];
    if (s < 2) return false;
    if (!axis.integer) return true;
    const lo = axisValueAt(axis, lattice.scale, cell.lower[a]);
    const mid = axisValueAt(axis, lattice.scale, cell.lower[a] + s / 2);
    const hi = axisValueAt(axis, lattice.scale, cell.lower[a] + s);
    return mid !== lo && mid !== hi;
  });
}

export interface NextLevelInput {
  readonly lattice: RefineLattice;
  /** Cells of the level just run. */
  readonly cells: readonly RefineCell[];
  /** Aggregates of every point run so far, by key; every corner of `cells` must be there. */
  readonly aggregates: ReadonlyMap<string, PointAggregate>;
  /** Runs already spent (all earlier levels). */
  readonly runsSpent: number;
}

/** A cell corner without an aggregate: the caller planned from incomplete results (a bug, not a user error). */
export class RefineCornerMissingError extends PatternsweepError {
  override readonly name = 'RefineCornerMissingError';
  constructor(key: string) {
    super('REFINE_CORNER_MISSING', `refine: corner ${key} has no aggregate; a level is planned only from complete results`);
  }
}

/**
 * The next level: split the disagreeing cells (most uneven first, then plan
 * order) while their new points fit the budget, and list the new points.
 */
export function planNextLevel(input: NextLevelInput): NextLevel {
  const { lattice, cells, aggregates } = input;
  const q = lattice.refine.quantity;
  const rule = lattice.refine.split;
  const flaggedCells: { cell: RefineCell; loss: number; order: number }[] = [];
  cells.forEach((cell, order) => {
    const values = corners(cell.lower, cell.size).map((c) => {
      const agg = aggregates.get(pointKey(cell.slice, c));
      if (agg === undefined) throw new RefineCornerMissingError(pointKey(cell.slice, c));
      return agg.value;
    });
    const classes = new Set(values.map((v) => aggregateClass(q, v)));
    const loss = cellLoss(q, values);
    const wanted = rule.kind === 'disagree' ? classes.size > 1 : loss > 0;
    if (wanted && splitAxes(lattice, cell).some(Boolean)) flaggedCells.push({ cell, loss, order });
  });
  flaggedCells.sort((a, b) => b.loss - a.loss || a.order - b.order);
  // `largest`: only the count cells of largest loss (the sort's order), still within the budget.
  if (rule.kind === 'largest') flaggedCells.splice(rule.count);

  const pointBudget = Math.floor((lattice.refine.budget - input.runsSpent) / lattice.runsPerPoint);
  const added = new Map<string, RefinePoint>();
  const children: { cell: RefineCell; order: number }[] = [];
  let split = 0;
  let budgetExhausted = false;
  for (const { cell, order } of flaggedCells) {
    const halve = splitAxes(lattice, cell);
    const half = cell.size.map((s, a) => (halve[a] ? s / 2 : s));
    const fresh: RefinePoint[] = [];
    // The children's corners: the lattice of step `half` over the cell (3 values per halved axis, 2 otherwise).
    const steps = cell.size.map((_, a) => (halve[a] ? 2 : 1));
    for (const coords of latticeOver(cell.lower, half, steps)) {
      const key = pointKey(cell.slice, coords);
      if (!aggregates.has(key) && !added.has(key)) fresh.push(latticePoint(lattice, cell.slice, coords));
    }
    if (added.size + fresh.length > pointBudget) {
      budgetExhausted = true;
      break;
    }
    for (const p of fresh) added.set(p.key, p);
    split++;
    for (const lower of latticeOver(cell.lower, half, steps.map((s) => s - 1))) {
      children.push({ cell: { slice: cell.slice, lower, size: half }, order });
    }
  }
  children.sort((a, b) => a.order - b.order || compareCoords(a.cell.lower, b.cell.lower));
  const points = [...added.values()].sort((a, b) => a.slice - b.slice || compareCoords(a.coords, b.coords));
  return { cells: children.map((c) => c.cell), points, flagged: flaggedCells.length, split, budgetExhausted };
}

/** lower + k * step for k_a in 0..count_a (first axis slowest). */
function latticeOver(lower: readonly number[], step: readonly number[], count: readonly number[]): number[][] {
  let out: number[][] = [[]];
  lower.forEach((l, a) => {
    const next: number[][] = [];
    for (const c of out) for (let k = 0; k <= count[a]; k++) next.push([...c, l + k * step[a]]);
    out = next;
  });
  return out;
}

function compareCoords(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export interface RefineWorstCase {
  /** Cumulative grid points after each level, 0..levels, if every cell splits every time. */
  readonly pointsByLevel: readonly number[];
  /** Cumulative runs after each level (points x samples x replicates). */
  readonly runsByLevel: readonly number[];
  /** Runs at most: the worst case of the last level, capped by the budget. */
  readonly maxRuns: number;
  readonly budget: number;
}

/**
 * The worst case: every cell disagrees at every level, so level l is the full
 * lattice of step 2^(D - l): prod_a ((m_a - 1) 2^l + 1) points per slice.
 */
export function refineWorstCase(spec: SweepSpec): RefineWorstCase {
  const lattice = refineLattice(spec);
  const pointsByLevel: number[] = [];
  for (let l = 0; l <= lattice.refine.levels; l++) {
    const perSlice = lattice.refined.reduce((n, axis) => n * ((axis.values.length - 1) * 2 ** l + 1), 1);
    pointsByLevel.push(perSlice * lattice.slices);
  }
  const runsByLevel = pointsByLevel.map((p) => p * lattice.runsPerPoint);
  const budget = lattice.refine.budget;
  return { pointsByLevel, runsByLevel, maxRuns: Math.min(budget, runsByLevel[runsByLevel.length - 1]), budget };
}

/**
 * The derived spec of one level: the spec's fields with the level's points
 * listed (`points`) and no `refine` (a worker only decodes indices). Its
 * hash differs per level, so workers cache each level's plan apart.
 */
export function levelSpec(spec: SweepSpec, points: Omit<PointListSpec, 'paths'>): SweepSpec {
  const { refine: _refine, ...rest } = spec;
  return { ...rest, points: { first: points.first, firstShard: points.firstShard, paths: spec.grid.map((a) => a.path), values: points.values } };
}

/** Lines for `patternsweep validate`: what is refined and the worst-case size per level. */
export function formatRefinePlan(spec: SweepSpec): string {
  const refine = spec.refine;
  if (refine === undefined) return '';
  const w = refineWorstCase(spec);
  const q = refine.quantity;
  const quantity =
    q.kind === 'regime' ? 'the regime (docs/model.md §4)' : q.kind === 'share' ? `the share of runs with ${q.statistic} crossing ${q.level}` : `the median ${q.statistic} crossing ${q.level}`;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const lines = [
    `refine: ${refine.axes.join(', ')} around ${quantity}; ${refine.levels} levels after level 0, budget ${fmt(refine.budget)} runs`,
    ...w.runsByLevel.map(
      (runs, l) => `  level ${l}: at most ${fmt(w.pointsByLevel[l])} grid points, ${fmt(runs)} runs in all${l === 0 ? ' (the grid as written)' : ''}`,
    ),
    `  worst case: ${fmt(w.maxRuns)} runs${w.maxRuns < w.runsByLevel[w.runsByLevel.length - 1] ? ' (capped by the budget)' : ''}; ` +
      `only cells whose corners disagree are split, so a refinement usually needs far fewer`,
  ];
  return lines.join('\n');
}
