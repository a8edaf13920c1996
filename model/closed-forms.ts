/**
 * Closed forms of the exact gradient flow (docs/model.md §4): oracles for
 * tests, examples and the Findings. Pure functions of numbers.
 */

/**
 * G(q) = 1/(1-q) - 1/q + 2 ln(q/(1-q)) (docs/model.md eq. (21)): with two
 * patterns, beta = 0 and Delta = p0 - p1 > 0, G(q_t) = G(q_0) + 2 Delta t
 * along the flow, q = pi(0).
 */
export function twoPatternG(q: number): number {
  return 1 / (1 - q) - 1 / q + 2 * Math.log(q / (1 - q));
}

/** Time for q = pi(0) to go from q0 to q1 with two patterns, beta = 0 (eq. (21)). */
export function twoPatternTime(q0: number, q1: number, delta: number): number {
  return (twoPatternG(q1) - twoPatternG(q0)) / (2 * delta);
}

/**
 * The KL-regularised optimum (Prop. 5.2, docs/model.md eq. (22)):
 * pi_beta(r) = pi_ref(r) exp(R(r)/beta) / Z, computed with the largest
 * exponent subtracted so small beta does not overflow.
 */
export function klOptimum(reference: ArrayLike<number>, reward: ArrayLike<number>, beta: number): Float64Array {
  const R = reference.length;
  const out = new Float64Array(R);
  let largest = -Infinity;
  for (let r = 0; r < R; r++) largest = Math.max(largest, Math.log(reference[r]) + reward[r] / beta);
  let sum = 0;
  for (let r = 0; r < R; r++) sum += out[r] = Math.exp(Math.log(reference[r]) + reward[r] / beta - largest);
  for (let r = 0; r < R; r++) out[r] /= sum;
  return out;
}

/** The regime-2 set-up of the growth law: success tiers and the rival's initial share. */
export interface TieredRegimeTwo {
  /** R >= 3. */
  readonly patterns: number;
  /** p(r*) > p(r') > p_rest. */
  readonly optimal: number;
  readonly rival: number;
  readonly rest: number;
  /** rho = pi_0(r') (pi_0 = pi_ref; the `{gamma, rival}` form of the spec). */
  readonly rivalShare: number;
}

/**
 * K of the regime-2 growth law T0 ~ K gamma^(R-1) as gamma -> infinity,
 * RLVR, beta = 0, exact flow, pi_0 = pi_ref = the `{gamma, rival: rho}`
 * form (docs/model.md §4.3, eq. (29)):
 *
 *   K = I_R rho delta^(R-2) / ((R-2)^(R-2) Delta^(R-1) (1 - rho)),
 *   I_R = a^(R-1)/(R-1) - a^R/R,  a = (R-2)/(R-1),
 *
 * with Delta = p(r*) - p(r') and delta = p(r') - p_rest.
 */
export function regimeTwoGrowthConstant(s: TieredRegimeTwo): number {
  const R = s.patterns;
  const a = (R - 2) / (R - 1);
  const integral = a ** (R - 1) / (R - 1) - a ** R / R;
  const gap = s.optimal - s.rival;
  const lead = s.rival - s.rest;
  const rho = s.rivalShare;
  return (integral * rho * lead ** (R - 2)) / ((R - 2) ** (R - 2) * gap ** (R - 1) * (1 - rho));
}
