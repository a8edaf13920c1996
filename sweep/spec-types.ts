/**
 * The normalised sweep spec: what `parseSpec` returns, what a `ShardTask`
 * carries to workers and what `specHash` hashes. Plain JSON data (no
 * functions, no Infinity) so it survives structured clone and JSON.
 * docs/spec.md documents every field of the YAML form.
 */
import type { BackendName } from '../model/backend.js';
import type { Algorithm, Reward, TrainMode } from '../model/batch.js';
import type { StatName } from '../model/stats.js';

/** p(r) of docs/model.md §1, per pattern. */
export type SuccessRateForm =
  /** Explicit p(r), length R. */
  | { readonly kind: 'list'; readonly values: readonly number[] }
  /** p(r) ~ Uniform[low, high] iid per pattern, drawn per run (grid point x replicate). */
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  /** [optimal, rival, rest, rest, ...]: pattern 0 optimal, pattern 1 the rival. */
  | { readonly kind: 'tiers'; readonly optimal: number; readonly rival: number; readonly rest: number };

/** A distribution over patterns (pi_0, pi_ref, the SFT target). */
export type PatternForm =
  | { readonly kind: 'uniform' }
  | { readonly kind: 'list'; readonly values: readonly number[] }
  /** r* = argmax p gets `optimal`, the others share 1 - optimal equally. */
  | { readonly kind: 'optimal'; readonly optimal: number }
  /**
   * r* gets (1 - rival)/gamma, r' (best other pattern by p) gets `rival`, the
   * rest share the remainder equally, so sum_{r != r'} pi(r)/pi(r*) = gamma
   * (docs/model.md §4, regime 2).
   */
  | { readonly kind: 'gamma'; readonly gamma: number; readonly rival: number };

/** pi_ref: a pattern form, or `initial` (the same as pi_0, docs/model.md §1). */
export type ReferenceForm = PatternForm | { readonly kind: 'initial' };

/** How a grid axis was written; `values` of the plan are expanded from it. */
export type GridAxisForm =
  | { readonly kind: 'list'; readonly values: readonly (number | string)[] }
  | { readonly kind: 'linspace'; readonly from: number; readonly to: number; readonly count: number }
  | { readonly kind: 'logspace'; readonly from: number; readonly to: number; readonly count: number }
  | { readonly kind: 'range'; readonly start: number; readonly stop: number; readonly step: number };

export interface GridAxisSpec {
  /** Dotted field path, e.g. `beta`, `model.initialPattern.gamma`. */
  readonly path: string;
  readonly form: GridAxisForm;
}

/** Distribution of one sample axis; u in [0, 1) comes from Sobol or the counter RNG. */
export type SampleDistribution =
  /** low + u (high - low) */
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  /** low (high/low)^u, low > 0 */
  | { readonly kind: 'logUniform'; readonly low: number; readonly high: number }
  /** low + floor(u (high - low + 1)), integers low..high inclusive */
  | { readonly kind: 'intUniform'; readonly low: number; readonly high: number };

export interface SampleAxisSpec {
  readonly path: string;
  readonly distribution: SampleDistribution;
}

export const SAMPLE_METHODS = ['sobol', 'uniform'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

export interface SampleSpec {
  /** Sample points per grid point (>= 1). */
  readonly count: number;
  readonly method: SampleMethod;
  /** Order = Sobol dimension order. */
  readonly axes: readonly SampleAxisSpec[];
}

export interface ModelSpec {
  readonly patterns: number;
  readonly answers: number;
  readonly successRate: SuccessRateForm;
  readonly initialPattern: PatternForm;
  readonly referencePattern: ReferenceForm;
  /** R x A rows of pi_0(a|r), or null (then derived from successRate, docs/model.md §1). */
  readonly answerDistribution: readonly (readonly number[])[] | null;
  readonly train: TrainMode;
}

export interface SweepSpec {
  readonly name: string;
  readonly seed: number;
  readonly replicates: number;
  readonly backend: BackendName;
  readonly model: ModelSpec;
  readonly reward: Reward;
  readonly beta: number;
  readonly algorithm: {
    readonly rule: Algorithm;
    readonly stepSize: number;
    readonly tolerance: number;
    readonly rollouts: number;
  };
  readonly horizon: { readonly tMax: number; readonly maxSteps: number };
  readonly epsilon: number;
  /** steps = 0 (the default) skips SFT. */
  readonly sft: { readonly steps: number; readonly rate: number; readonly target: PatternForm };
  /** Cartesian product in this order, first axis slowest. Order is part of the spec (and of its hash). */
  readonly grid: readonly GridAxisSpec[];
  readonly sample: SampleSpec | null;
  readonly shardSize: number;
  readonly keep: {
    readonly trajectories: number;
    readonly statistics: 'all' | readonly StatName[];
    /**
     * false: no per-run rows; workers aggregate each grid point of their shard
     * and the store keeps one row per point and statistic. Absent means true
     * (and keeps older specs' hashes unchanged).
     */
    readonly runs?: boolean;
  };
  readonly limits: { readonly maxRuns: number };
  /** Adaptive refinement of grid axes around a boundary (docs/spec.md "refine"); absent = an ordinary sweep. */
  readonly refine?: RefineSpec;
  /**
   * Derived specs only (one refinement level, coordinator/refine-run.ts): the
   * grid points as an explicit list instead of the cartesian `grid`. Never
   * written in YAML; absent in every spec a user writes.
   */
  readonly points?: PointListSpec;
}

export const REFINE_SHARES = ['converged', 'escaped', 'ends_on_opt', 'ends_on_worst', 'diverged'] as const;
export type RefineShare = (typeof REFINE_SHARES)[number];
export const REFINE_TIMES = ['t_escape', 't_conv', 't_peak'] as const;
export type RefineTime = (typeof REFINE_TIMES)[number];

/**
 * The per-point aggregate whose boundary a refinement seeks:
 * - `regime`: the regime of docs/model.md §4 (1, 2, other), the most common over the point's runs;
 * - `share`: the fraction of the point's runs with a flag set, against `level`;
 * - `time`: the median of a time statistic (censored runs count as +infinity), against `level`.
 */
export type RefineQuantity =
  | { readonly kind: 'regime' }
  | { readonly kind: 'share'; readonly statistic: RefineShare; readonly level: number }
  | { readonly kind: 'time'; readonly statistic: RefineTime; readonly level: number };

export interface RefineSpec {
  /** Grid axis paths refined, 1 to 3, each a numeric grid axis with >= 2 values (in grid order). */
  readonly axes: readonly string[];
  readonly quantity: RefineQuantity;
  /** Levels after level 0 (the grid as written), 1..20. */
  readonly levels: number;
  /** Most runs over all levels, level 0 included. */
  readonly budget: number;
  /**
   * Which cells a level splits: `disagree` (the default) every cell whose
   * corners fall in different classes; `largest` the `count` cells whose
   * corner values are farthest apart (loss), whether or not they disagree.
   */
  readonly split: { readonly kind: 'disagree' } | { readonly kind: 'largest'; readonly count: number };
}

/** One level's grid points, listed: point j has `values[j][a]` on axis `paths[a]`. */
export interface PointListSpec {
  /** Grid point number of the first listed point: levels are numbered one after the other. */
  readonly first: number;
  /** Store shard number of the level's first shard (shards of all levels share one table). */
  readonly firstShard: number;
  /** The grid axis paths, in grid order (the refined axes and the others). */
  readonly paths: readonly string[];
  readonly values: readonly (readonly (number | string)[])[];
}
