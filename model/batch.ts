/**
 * The input of every backend: a batch of independent runs of the dynamics of
 * docs/model.md §1–3, as a struct of typed arrays (row i of every array is run i).
 *
 * Runs that differ in anything listed in `BatchShape` go to different batches;
 * everything else may differ per run. A run's result depends only on its own row
 * and the shape, never on its position in the batch or on the batch size.
 */

/** Rewards of docs/model.md §2. `rlvr` is verifiable; the rest are RLIF variants. */
export const REWARDS = ['rlvr', 'self-certainty', 'neg-entropy', 'trajectory-logprob'] as const;
export type Reward = (typeof REWARDS)[number];

/**
 * Training rules of docs/model.md §3. `euler`, `rk4`, `adaptive` follow the exact
 * (expected) gradient; `reinforce` and `grpo` estimate it from sampled rollouts.
 */
export const ALGORITHMS = ['euler', 'rk4', 'adaptive', 'reinforce', 'grpo'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
export const EXACT_ALGORITHMS: readonly Algorithm[] = ['euler', 'rk4', 'adaptive'];

/** `pattern` freezes the answer logits (stable success rates); `both` trains them too. */
export const TRAIN_MODES = ['pattern', 'both'] as const;
export type TrainMode = (typeof TRAIN_MODES)[number];

/** What every run of a batch shares: the array shapes and the rule. */
export interface BatchShape {
  /** R, the number of reasoning patterns (>= 2). */
  readonly patterns: number;
  /** A, the number of answers (>= 2); answer 0 is the correct one. */
  readonly answers: number;
  readonly reward: Reward;
  readonly train: TrainMode;
  readonly algorithm: Algorithm;
  /** Rollouts per step: N for `reinforce`, the group size G for `grpo`; 0 for exact rules. */
  readonly rollouts: number;
  /** K, the number of log-spaced trajectory samples kept per run; 0 keeps none. */
  readonly trajectoryPoints: number;
}

/**
 * n runs. Shapes in brackets; all Float64Array unless noted.
 * Probabilities are given as probabilities (not logits); the model takes logs.
 */
export interface RunBatch {
  readonly shape: BatchShape;
  /** n, the number of runs. */
  readonly size: number;
  /** [n, R] p(r) = pi(a* | r), in [0, 1]. */
  readonly successRate: Float64Array;
  /** [n, R] pi_0(r), the initial pattern distribution (positive, sums to 1). */
  readonly initialPattern: Float64Array;
  /** [n, R] pi_ref(r), the KL reference (positive, sums to 1); usually equal to initialPattern. */
  readonly referencePattern: Float64Array;
  /**
   * [n, R, A] a full initial answer distribution pi_0(a | r), or null: then
   * pi_0(0 | r) = p(r) and the A-1 wrong answers share 1 - p(r) equally (docs/model.md §1).
   * The answer reference is the initial answer distribution.
   */
  readonly answerDistribution: Float64Array | null;
  /** [n] beta >= 0, the KL penalty weight. */
  readonly beta: Float64Array;
  /**
   * [n] step size > 0: the learning rate eta for `euler`, `reinforce`, `grpo`
   * (one training step advances time by eta), the fixed step h for `rk4`;
   * ignored by `adaptive`'s stepping, whose first step is chosen automatically
   * (Hairer–Nørsett–Wanner, model/js/run-setup.ts). For every rule the
   * trajectory samples still start at stepSize.
   */
  readonly stepSize: Float64Array;
  /** [n] horizon in continuous time t_max > 0; a run stops when t reaches it. */
  readonly tMax: Float64Array;
  /** [n] cap on training (integrator) steps >= 1; a run also stops when it reaches it. */
  readonly maxSteps: Float64Array;
  /** [n] eps in (0, 1): t_conv is the first time pi(r*) >= 1 - eps. */
  readonly epsilon: Float64Array;
  /** [n] relative error tolerance of `adaptive` (> 0); ignored by other rules. */
  readonly tolerance: Float64Array;
  /** [n] SFT warm-start steps (>= 0, integer); 0 skips SFT. */
  readonly sftSteps: Float64Array;
  /** [n] SFT learning rate (>= 0). */
  readonly sftRate: Float64Array;
  /** [n, R] SFT target distribution over patterns, or null when no run uses SFT. */
  readonly sftTarget: Float64Array | null;
  /** The sweep seed, an integer in [0, 2^32). Same for all runs of a sweep. */
  readonly seed: number;
  /** [n] grid index of each run (an integer < 2^53). */
  readonly gridIndex: Float64Array;
  /** [n] replicate number of each run. */
  readonly replicate: Uint32Array;
}
