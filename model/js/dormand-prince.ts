/**
 * The Dormand–Prince 5(4) pair and its step-size controller: the method of
 * `adaptive` (docs/model.md §3), shared by the js integrators (integrators.ts for
 * `train: both`, adaptive-pattern.ts for `train: pattern`) and the tfjs
 * kernel (model/tfjs/simulate.ts), so all take the same steps.
 */

// Tableau (Dormand & Prince 1980; Hairer, Nørsett, Wanner I, Table 5.2).
export const A21 = 1 / 5;
export const A31 = 3 / 40, A32 = 9 / 40;
export const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
export const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
export const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
export const B1 = 35 / 384, B3 = 500 / 1113, B4 = 125 / 192, B5 = -2187 / 6784, B6 = 11 / 84;
// Error weights: 5th-order minus embedded 4th-order solution.
export const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

/**
 * The same tableau as weight rows (stage i+2 from k1..k(i+1); the 5th-order
 * solution and the error from k1..k7), for the tfjs kernel, which combines
 * stage tensors. The js loops use the scalars.
 */
export const DORMAND_PRINCE = {
  stages: [[A21], [A31, A32], [A41, A42, A43], [A51, A52, A53, A54], [A61, A62, A63, A64, A65]],
  solution: [B1, 0, B3, B4, B5, B6],
  error: [E1, 0, E3, E4, E5, E6, E7],
} as const;

/**
 * The step's error norm, sqrt(mean_j (e_j / (atol + rtol max(|y_j|, |y'_j|)))^2),
 * e = dt (E1 k1 + E3 k3 + ... + E7 k7) the 5th- minus the embedded 4th-order
 * solution, with rtol = atol = `tolerance`: the state is logits, and an
 * absolute logit error delta is a relative error delta on the probability,
 * the quantity that matters down to tiny pi(r*). Infinity when not finite.
 */
export function errorNorm(
  k1: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
  k5: Float64Array,
  k6: Float64Array,
  k7: Float64Array,
  y: Float64Array,
  next: Float64Array,
  dt: number,
  tolerance: number,
): number {
  const D = y.length;
  let sum = 0;
  for (let j = 0; j < D; j++) {
    const e = dt * (E1 * k1[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j]);
    const scale = tolerance + tolerance * Math.max(Math.abs(y[j]), Math.abs(next[j]));
    const ratio = e / scale;
    sum += ratio * ratio;
  }
  const error = Math.sqrt(sum / D);
  return Number.isFinite(error) ? error : Infinity;
}

/** Step-size controller limits (Hairer–Wanner defaults). */
const SAFETY = 0.9;
const MAX_GROWTH = 5;
const MAX_SHRINK = 0.2;

/**
 * The adaptive run's step has collapsed (below 1e-14 t, not finite, or more
 * than 4 maxSteps + 1000 attempts): the run stops as diverged.
 */
export function stepCollapsed(attempts: number, maxSteps: number, h: number, t: number): boolean {
  return attempts > 4 * maxSteps + 1000 || !(h > 1e-14 * t) || !Number.isFinite(h);
}

/**
 * error^(-1/5), the controller's ideal step ratio for a 5(4) pair, as
 * exp(-log(error) / 5): Math.pow costs twice as much in V8, and this runs
 * once a step of runs that take only ~16 steps (issue 2).
 */
function idealRatio(error: number): number {
  return Math.exp(-0.2 * Math.log(error));
}

/** Next trial step / this step after an accepted step of error norm `error` <= 1 (no growth right after a rejection). */
export function acceptedStepFactor(error: number, rejectedLast: boolean): number {
  const factor = error === 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, Math.max(MAX_SHRINK, SAFETY * idealRatio(error)));
  return rejectedLast ? Math.min(factor, 1) : factor;
}

/** Retry step / this step after a rejected step (error norm > 1, Infinity when not finite). */
export function rejectedStepFactor(error: number): number {
  return Number.isFinite(error) ? Math.max(MAX_SHRINK, SAFETY * idealRatio(error)) : MAX_SHRINK;
}
