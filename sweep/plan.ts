/**
 * The index space of a sweep, by mixed-radix arithmetic (never expanded):
 *   index = point * replicates + replicate
 *   point = gridPoint * sampleCount + sample      (sampleCount = 1 without `sample`)
 *   gridPoint: digits over the grid axes, first axis slowest.
 * Indices are JS numbers (safe integers, < 2^53).
 *
 * A derived spec with `points` (one refinement level, sweep/refine.ts) lists
 * its grid points instead of a cartesian grid; its points are numbered from
 * `points.first`, so its indices are [first * S * replicates, size) and every
 * level of a refined sweep has its own draws (they are keyed by the point).
 */
import { streamUniforms } from '../model/random.js';
import { expandAxis, sampleValue } from './axes.js';
import { SweepRangeError } from './errors.js';
import { GRID_FIELDS, type GridField } from './fields.js';
import { sobolPoint } from './sobol.js';
import type { SampleDistribution, SampleMethod, SweepSpec } from './spec-types.js';
import { STREAM_SAMPLE } from './streams.js';

export interface AxisInfo {
  /** Dotted field path, e.g. `model.initialPattern.gamma`. */
  readonly name: string;
  readonly kind: 'numeric' | 'enum';
  readonly source: 'grid' | 'sample';
  /** Grid axes: the values in index order. Absent for sample axes. */
  readonly values?: readonly (number | string)[];
  /** Sample axes: the distribution and method. */
  readonly distribution?: SampleDistribution;
  readonly method?: SampleMethod;
}

export interface IndexDescription {
  readonly index: number;
  /** Grid point x sample (the RunBatch `gridIndex`). */
  readonly point: number;
  readonly gridPoint: number;
  /** Sample number within the grid point (0 without `sample`). */
  readonly sample: number;
  readonly replicate: number;
  /** Value of every axis at this index, by axis name. */
  readonly axes: Record<string, number | string>;
}

/**
 * Where every index of a range sits, as columns (row i = index start + i):
 * what `describe` gives for one index, for a whole shard at once without an
 * object per row.
 */
export interface IndexRangeColumns {
  readonly start: number;
  readonly end: number;
  /** Grid point x sample of each index. */
  readonly point: Float64Array;
  readonly replicate: Float64Array;
  /** One column per axis, in `SweepPlan.axes` order: numbers for numeric axes, strings for enum axes. */
  readonly axes: readonly (Float64Array | readonly string[])[];
}

export interface SweepPlan {
  readonly spec: SweepSpec;
  /** N, the number of runs. */
  readonly size: number;
  /** Grid points x samples. */
  readonly points: number;
  readonly gridPoints: number;
  readonly sampleCount: number;
  readonly replicates: number;
  /** Grid axes (in order, first slowest), then sample axes. */
  readonly axes: readonly AxisInfo[];
  readonly shardSize: number;
  readonly shardCount: number;
  /** First index of the plan: 0, or the first index of a refinement level (spec.points). */
  readonly firstIndex: number;
  /** Index range of shard k: contiguous, end exclusive. */
  shardRange(k: number): { start: number; end: number };
  /** The shard holding `index`. */
  shardOf(index: number): number;
  describe(index: number): IndexDescription;
  /** `describe` of every index in [start, end), as columns; same values. */
  describeRange(start: number, end: number): IndexRangeColumns;
  /** Values of the sample axes at sample j (in sample-axis order). */
  sampleValues(j: number): Float64Array;
}

/** Grid axis values with their fields, for decoding. */
export interface GridAxisTable {
  readonly field: GridField;
  readonly values: readonly (number | string)[];
}

/** floor(a / b) and a mod b for safe non-negative integers, exact even near 2^53. */
export function divmod(a: number, b: number): [number, number] {
  let q = Math.floor(a / b);
  let r = a - q * b;
  if (r < 0) {
    q -= 1;
    r += b;
  } else if (r >= b) {
    q += 1;
    r -= b;
  }
  return [q, r];
}

function checkIndex(index: number, size: number, what: string, first = 0): void {
  if (!Number.isSafeInteger(index) || index < first || index >= size) {
    throw new SweepRangeError(`${what} ${index} is not an integer in [${first}, ${size})`);
  }
}

class Plan implements SweepPlan {
  readonly spec: SweepSpec;
  readonly size: number;
  readonly points: number;
  readonly gridPoints: number;
  readonly sampleCount: number;
  readonly replicates: number;
  readonly axes: readonly AxisInfo[];
  readonly shardSize: number;
  readonly shardCount: number;
  readonly firstIndex: number;
  /** First grid point (0, or spec.points.first). */
  readonly firstGridPoint: number;
  readonly gridAxes: readonly GridAxisTable[];
  /** Fields of the grid axes, in grid order (both grid forms). */
  readonly gridFields: readonly GridField[];
  readonly #pointValues: readonly (readonly (number | string)[])[] | null;
  readonly #sampleDistributions: readonly SampleDistribution[];
  readonly #sampleFields: readonly GridField[];

  constructor(spec: SweepSpec) {
    this.spec = spec;
    const list = spec.points;
    const fieldOf = (path: string): GridField => {
      const field = GRID_FIELDS.get(path);
      if (field === undefined) throw new SweepRangeError(`grid axis ${path} is not a gridable field`);
      return field;
    };
    this.gridAxes =
      list === undefined
        ? spec.grid.map((a) => {
            const field = fieldOf(a.path);
            return { field, values: expandAxis(a.form, field.kind === 'numeric' && field.rule.integer === true) };
          })
        : [];
    this.gridFields = list === undefined ? this.gridAxes.map((a) => a.field) : list.paths.map(fieldOf);
    this.#pointValues = list === undefined ? null : list.values;
    this.gridPoints = list === undefined ? this.gridAxes.reduce((n, a) => n * a.values.length, 1) : list.values.length;
    this.firstGridPoint = list?.first ?? 0;
    this.sampleCount = spec.sample?.count ?? 1;
    this.points = this.gridPoints * this.sampleCount;
    this.replicates = spec.replicates;
    this.firstIndex = this.firstGridPoint * this.sampleCount * this.replicates;
    this.size = this.firstIndex + this.points * this.replicates;
    if (!Number.isSafeInteger(this.size)) {
      throw new SweepRangeError(`sweep of ${this.size} runs exceeds 2^53 - 1 (Number.MAX_SAFE_INTEGER)`);
    }
    const sampleAxes = spec.sample?.axes ?? [];
    this.#sampleDistributions = sampleAxes.map((a) => a.distribution);
    this.#sampleFields = sampleAxes.map((a) => GRID_FIELDS.get(a.path) as GridField);
    this.axes = [
      ...(list === undefined
        ? this.gridAxes.map((a): AxisInfo => ({ name: a.field.path, kind: a.field.kind, source: 'grid', values: a.values }))
        : this.gridFields.map((f): AxisInfo => ({ name: f.path, kind: f.kind, source: 'grid' }))),
      ...sampleAxes.map(
        (a): AxisInfo => ({ name: a.path, kind: 'numeric', source: 'sample', distribution: a.distribution, method: spec.sample?.method }),
      ),
    ];
    this.shardSize = spec.shardSize;
    this.shardCount = Math.ceil((this.size - this.firstIndex) / this.shardSize);
  }

  shardRange(k: number): { start: number; end: number } {
    checkIndex(k, this.shardCount, 'shard');
    const start = this.firstIndex + k * this.shardSize;
    return { start, end: Math.min(this.size, start + this.shardSize) };
  }

  shardOf(index: number): number {
    checkIndex(index, this.size, 'index', this.firstIndex);
    return divmod(index - this.firstIndex, this.shardSize)[0];
  }

  /** The grid axis values of a grid point, in grid order (cartesian digits or the listed point). */
  gridValues(gridPoint: number): readonly (number | string)[] {
    if (this.#pointValues !== null) return this.#pointValues[gridPoint - this.firstGridPoint];
    const digits = this.gridDigits(gridPoint, []);
    return this.gridAxes.map((a, i) => a.values[digits[i]]);
  }

  /** Grid axis value indices of a grid point (first axis slowest). */
  gridDigits(gridPoint: number, out: number[]): number[] {
    let rest = gridPoint;
    for (let a = this.gridAxes.length - 1; a >= 0; a--) {
      const [q, r] = divmod(rest, this.gridAxes[a].values.length);
      out[a] = r;
      rest = q;
    }
    return out;
  }

  sampleValues(j: number): Float64Array {
    const dims = this.#sampleDistributions.length;
    const u =
      this.spec.sample?.method === 'uniform'
        ? streamUniforms({ seed: this.spec.seed, gridIndex: j, replicate: 0, stream: STREAM_SAMPLE }, dims)
        : sobolPoint(j, new Float64Array(dims));
    for (let d = 0; d < dims; d++) {
      u[d] = sampleValue(this.#sampleDistributions[d], u[d]);
    }
    return u;
  }

  get sampleFields(): readonly GridField[] {
    return this.#sampleFields;
  }

  describe(index: number): IndexDescription {
    checkIndex(index, this.size, 'index', this.firstIndex);
    const [point, replicate] = divmod(index, this.replicates);
    const [gridPoint, sample] = divmod(point, this.sampleCount);
    const values = this.gridValues(gridPoint);
    const axes: Record<string, number | string> = {};
    this.gridFields.forEach((f, i) => (axes[f.path] = values[i]));
    if (this.#sampleFields.length > 0) {
      const values = this.sampleValues(sample);
      this.#sampleFields.forEach((f, d) => (axes[f.path] = values[d]));
    }
    return { index, point, gridPoint, sample, replicate, axes };
  }

  describeRange(start: number, end: number): IndexRangeColumns {
    checkIndex(start, this.size, 'range start', this.firstIndex);
    if (!Number.isSafeInteger(end) || end <= start || end > this.size) {
      throw new SweepRangeError(`range end ${end} is not an integer in (${start}, ${this.size}]`);
    }
    const n = end - start;
    const point = new Float64Array(n);
    const replicate = new Float64Array(n);
    const replicates = this.replicates;
    let [p, r] = divmod(start, replicates);
    const firstPoint = p;
    for (let i = 0; i < n; i++) {
      point[i] = p;
      replicate[i] = r;
      if (++r === replicates) {
        r = 0;
        p++;
      }
    }
    // Axis values once per point (a point's replicates share them), then spread to its rows.
    const points = point[n - 1] - firstPoint + 1;
    const grid = this.gridAxes;
    const fields = this.gridFields;
    const listed = this.#pointValues;
    const sampleAxes = this.#sampleFields.length;
    const perPoint = this.axes.map((a) => (a.kind === 'enum' ? new Array<string>(points) : new Float64Array(points)));
    let [gridPoint, sample] = divmod(firstPoint, this.sampleCount);
    const digits = listed === null ? this.gridDigits(gridPoint, []) : [];
    for (let q = 0; q < points; q++) {
      // A listed level (spec.points): the point's values as listed, as gridValues() returns them.
      const row = listed === null ? null : listed[gridPoint - this.firstGridPoint];
      for (let a = 0; a < fields.length; a++) {
        const v = row === null ? grid[a].values[digits[a]] : row[a];
        if (fields[a].kind === 'enum') (perPoint[a] as string[])[q] = String(v);
        else (perPoint[a] as Float64Array)[q] = Number(v);
      }
      if (sampleAxes > 0) {
        const values = this.sampleValues(sample);
        for (let d = 0; d < sampleAxes; d++) (perPoint[fields.length + d] as Float64Array)[q] = values[d];
      }
      if (++sample === this.sampleCount) {
        sample = 0;
        gridPoint++;
        if (row === null) {
          for (let a = grid.length - 1; a >= 0; a--) {
            if (++digits[a] < grid[a].values.length) break;
            digits[a] = 0;
          }
        }
      }
    }
    const axes = perPoint.map((values) => {
      if (values instanceof Float64Array) {
        const column = new Float64Array(n);
        for (let i = 0; i < n; i++) column[i] = values[point[i] - firstPoint];
        return column;
      }
      const column = new Array<string>(n);
      for (let i = 0; i < n; i++) column[i] = values[point[i] - firstPoint];
      return column;
    });
    return { start, end, point, replicate, axes };
  }
}

/** The index space of a (validated) spec. Cheap: grid axes are expanded, the grid is not. */
export function planSweep(spec: SweepSpec): SweepPlan {
  return new Plan(spec);
}

/** Internal access for buildBatches (decoding without allocating descriptions). */
export function planInternals(plan: SweepPlan): Plan {
  if (!(plan instanceof Plan)) throw new TypeError('planInternals: not a plan made by planSweep');
  return plan;
}
export type { Plan };
