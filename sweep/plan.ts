/**
 * The index space of a sweep, by mixed-radix arithmetic (never expanded):
 *   index = point * replicates + replicate
 *   point = gridPoint * sampleCount + sample      (sampleCount = 1 without `sample`)
 *   gridPoint: digits over the grid axes, first axis slowest.
 * Indices are JS numbers (safe integers, < 2^53).
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

function checkIndex(index: number, size: number, what: string): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new SweepRangeError(`${what} ${index} is not an integer in [0, ${size})`);
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
  readonly gridAxes: readonly GridAxisTable[];
  readonly #sampleDistributions: readonly SampleDistribution[];
  readonly #sampleFields: readonly GridField[];

  constructor(spec: SweepSpec) {
    this.spec = spec;
    this.gridAxes = spec.grid.map((a) => {
      const field = GRID_FIELDS.get(a.path);
      if (field === undefined) throw new SweepRangeError(`grid axis ${a.path} is not a gridable field`);
      return { field, values: expandAxis(a.form, field.kind === 'numeric' && field.rule.integer === true) };
    });
    this.gridPoints = this.gridAxes.reduce((n, a) => n * a.values.length, 1);
    this.sampleCount = spec.sample?.count ?? 1;
    this.points = this.gridPoints * this.sampleCount;
    this.replicates = spec.replicates;
    this.size = this.points * this.replicates;
    if (!Number.isSafeInteger(this.size)) {
      throw new SweepRangeError(`sweep of ${this.size} runs exceeds 2^53 - 1 (Number.MAX_SAFE_INTEGER)`);
    }
    const sampleAxes = spec.sample?.axes ?? [];
    this.#sampleDistributions = sampleAxes.map((a) => a.distribution);
    this.#sampleFields = sampleAxes.map((a) => GRID_FIELDS.get(a.path) as GridField);
    this.axes = [
      ...this.gridAxes.map((a): AxisInfo => ({ name: a.field.path, kind: a.field.kind, source: 'grid', values: a.values })),
      ...sampleAxes.map(
        (a): AxisInfo => ({ name: a.path, kind: 'numeric', source: 'sample', distribution: a.distribution, method: spec.sample?.method }),
      ),
    ];
    this.shardSize = spec.shardSize;
    this.shardCount = Math.ceil(this.size / this.shardSize);
  }

  shardRange(k: number): { start: number; end: number } {
    checkIndex(k, this.shardCount, 'shard');
    const start = k * this.shardSize;
    return { start, end: Math.min(this.size, start + this.shardSize) };
  }

  shardOf(index: number): number {
    checkIndex(index, this.size, 'index');
    return divmod(index, this.shardSize)[0];
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
    checkIndex(index, this.size, 'index');
    const [point, replicate] = divmod(index, this.replicates);
    const [gridPoint, sample] = divmod(point, this.sampleCount);
    const digits = this.gridDigits(gridPoint, []);
    const axes: Record<string, number | string> = {};
    this.gridAxes.forEach((a, i) => (axes[a.field.path] = a.values[digits[i]]));
    if (this.#sampleFields.length > 0) {
      const values = this.sampleValues(sample);
      this.#sampleFields.forEach((f, d) => (axes[f.path] = values[d]));
    }
    return { index, point, gridPoint, sample, replicate, axes };
  }

  describeRange(start: number, end: number): IndexRangeColumns {
    checkIndex(start, this.size, 'range start');
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
    const sampleAxes = this.#sampleFields.length;
    const perPoint = this.axes.map((a) => (a.kind === 'enum' ? new Array<string>(points) : new Float64Array(points)));
    let [gridPoint, sample] = divmod(firstPoint, this.sampleCount);
    const digits = this.gridDigits(gridPoint, []);
    for (let q = 0; q < points; q++) {
      for (let a = 0; a < grid.length; a++) {
        const v = grid[a].values[digits[a]];
        if (grid[a].field.kind === 'enum') (perPoint[a] as string[])[q] = String(v);
        else (perPoint[a] as Float64Array)[q] = Number(v);
      }
      if (sampleAxes > 0) {
        const values = this.sampleValues(sample);
        for (let d = 0; d < sampleAxes; d++) (perPoint[grid.length + d] as Float64Array)[q] = values[d];
      }
      if (++sample === this.sampleCount) {
        sample = 0;
        for (let a = grid.length - 1; a >= 0; a--) {
          if (++digits[a] < grid[a].values.length) break;
          digits[a] = 0;
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
