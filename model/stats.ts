/**
 * The output of every backend: docs/model.md §5 statistics of each run, one
 * Float64Array column per statistic, row i = run i of the batch.
 *
 * Conventions (every backend follows them to the bit where it can):
 * - Times are continuous time t (euler and stochastic rules: t = steps * eta).
 * - A time that was never reached is NaN and its flag column is 0
 *   (`converged` for t_conv, `escaped` for t_escape): censored, never a number.
 * - Flags are 0 or 1; `regime` is 1, 2 or 3 (other); `final_argmax` is a pattern index.
 * - A run that met NaN/Inf stops there with `diverged` = 1; its other
 *   statistics are those of the last finite state.
 */
export const STAT_NAMES = [
  'acc0', // ACC at t = 0 (after SFT, if any)
  'acc_final', // ACC at the end of the run
  'acc_peak', // max ACC over the run (adaptive: also inside a step, docs/model.md eq. (18))
  't_peak', // first time ACC reached acc_peak
  'drop', // acc_peak - acc_final
  'd_acc0', // dACC/dt at t = 0 under the exact gradient flow
  'pi_opt_final', // pi(r*) at the end
  't_conv', // first time pi(r*) >= 1 - eps (docs/model.md eq. (17)); NaN if never
  'converged', // 1 if t_conv is finite
  't_escape', // first time the escape margin ACC - p(r') > 0 (docs/model.md eq. (16)), r' the best rival of r*; 0 if the run starts escaped (eq. (20)); NaN if never
  'escaped', // 1 if t_escape is finite
  'regime', // 1, 2 or 3 from the initial condition, boundary ties included (docs/model.md eqs. (19)-(20))
  'final_argmax', // argmax_r pi(r) at the end (lowest index on ties)
  'ends_on_opt', // final_argmax == r*
  'ends_on_worst', // final_argmax == argmin_r p(r) (lowest index on ties)
  'entropy_final', // -sum_r pi(r) log pi(r) at the end
  'kl_ref_final', // KL(pi || pi_ref) over patterns at the end
  'steps_taken', // integrator / training steps taken (accepted steps for adaptive)
  't_final', // continuous time reached at the end
  'diverged', // 1 if NaN/Inf was seen, or adaptive's step collapsed (below 1e-14 t)
] as const;
export type StatName = (typeof STAT_NAMES)[number];

/** Statistics of a batch of n runs. */
export interface BatchStats {
  readonly size: number;
  readonly columns: Readonly<Record<StatName, Float64Array>>;
  /**
   * When the shape keeps K > 0 trajectory points: [n, K] arrays of the sample
   * times (log-spaced from stepSize to tMax), ACC and pi(r*) at those times.
   */
  readonly trajectory: {
    readonly points: number;
    readonly time: Float64Array;
    readonly acc: Float64Array;
    readonly piOpt: Float64Array;
  } | null;
}

/**
 * Allocates zero-filled columns for n runs, all views of one buffer (a batch
 * of one run otherwise pays ~20 separate allocations); a consumer that
 * transfers the buffers must list each once (worker/thread.ts does).
 */
export function allocateStats(size: number, trajectoryPoints: number): BatchStats {
  const k = trajectoryPoints;
  const buffer = new ArrayBuffer(8 * (STAT_NAMES.length * size + (k > 0 ? 3 * size * k : 0)));
  let offset = 0;
  const take = (length: number): Float64Array => {
    const view = new Float64Array(buffer, 8 * offset, length);
    offset += length;
    return view;
  };
  // Spelled out rather than a loop of keyed stores over STAT_NAMES: the object
  // gets its final shape at once (the loop cost ~1 us a call, and a batch of one
  // `adaptive` run is ~20 us); the type checks the names against STAT_NAMES.
  const columns: Record<StatName, Float64Array> = {
    acc0: take(size),
    acc_final: take(size),
    acc_peak: take(size),
    t_peak: take(size),
    drop: take(size),
    d_acc0: take(size),
    pi_opt_final: take(size),
    t_conv: take(size),
    converged: take(size),
    t_escape: take(size),
    escaped: take(size),
    regime: take(size),
    final_argmax: take(size),
    ends_on_opt: take(size),
    ends_on_worst: take(size),
    entropy_final: take(size),
    kl_ref_final: take(size),
    steps_taken: take(size),
    t_final: take(size),
    diverged: take(size),
  };
  return {
    size,
    columns,
    trajectory: k > 0 ? { points: k, time: take(size * k), acc: take(size * k), piOpt: take(size * k) } : null,
  };
}
