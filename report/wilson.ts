/**
 * Wilson score interval for a binomial fraction k/n (95% by default). Used for
 * the fractions of docs/model.md §5 (converged / improved / degraded / ends on worst):
 * unlike the normal approximation it stays inside [0, 1] and is sensible at k = 0 or k = n.
 */
export interface FractionInterval {
  readonly fraction: number;
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export function wilsonInterval(k: number, n: number, z: number = Z95): FractionInterval {
  if (n <= 0) return { fraction: NaN, low: NaN, high: NaN };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 or k = n the bound is exactly 0 or 1; rounding would leave 1e-16 off.
  return {
    fraction: p,
    low: k === 0 ? 0 : Math.max(0, centre - half),
    high: k === n ? 1 : Math.min(1, centre + half),
  };
}
