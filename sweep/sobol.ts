/**
 * Sobol low-discrepancy points (unscrambled), direction numbers of Joe & Kuo,
 * "Constructing Sobol sequences with better two-dimensional projections",
 * SIAM J. Sci. Comput. 30 (2008), file new-joe-kuo-6.21201, dimensions 1..32.
 * Point j is the Gray-code point: x_j = XOR of v_k over the set bits k of
 * j ^ (j >> 1) — the same order as scipy.stats.qmc.Sobol(scramble=False);
 * point 0 is the origin. 32-bit direction numbers: j < 2^32.
 */
import { SweepRangeError } from './errors.js';

/** [s, a, m_1..m_s] for dimensions 2..32 (dimension 1 is van der Corput). */
const JOE_KUO: readonly (readonly [number, number, readonly number[]])[] = [
  [1, 0, [1]],
  [2, 1, [1, 3]],
  [3, 1, [1, 3, 1]],
  [3, 2, [1, 1, 1]],
  [4, 1, [1, 1, 3, 3]],
  [4, 4, [1, 3, 5, 13]],
  [5, 2, [1, 1, 5, 5, 17]],
  [5, 4, [1, 1, 5, 5, 5]],
  [5, 7, [1, 1, 7, 11, 19]],
  [5, 11, [1, 1, 5, 1, 1]],
  [5, 13, [1, 1, 1, 3, 11]],
  [5, 14, [1, 3, 5, 5, 31]],
  [6, 1, [1, 3, 3, 9, 7, 49]],
  [6, 13, [1, 1, 1, 15, 21, 21]],
  [6, 16, [1, 3, 1, 13, 27, 49]],
  [6, 19, [1, 1, 1, 15, 7, 5]],
  [6, 22, [1, 3, 1, 15, 13, 25]],
  [6, 25, [1, 1, 5, 5, 19, 61]],
  [7, 1, [1, 3, 7, 11, 23, 15, 103]],
  [7, 4, [1, 3, 7, 13, 13, 15, 69]],
  [7, 7, [1, 1, 3, 13, 7, 35, 63]],
  [7, 8, [1, 3, 5, 9, 1, 25, 53]],
  [7, 14, [1, 3, 1, 13, 9, 35, 107]],
  [7, 19, [1, 3, 1, 5, 27, 61, 31]],
  [7, 21, [1, 1, 5, 11, 19, 41, 61]],
  [7, 28, [1, 3, 5, 3, 3, 13, 69]],
  [7, 31, [1, 1, 7, 13, 1, 19, 1]],
  [7, 32, [1, 3, 7, 5, 13, 19, 59]],
  [7, 37, [1, 1, 3, 9, 25, 29, 41]],
  [7, 41, [1, 3, 5, 13, 23, 1, 55]],
  [7, 42, [1, 3, 7, 3, 13, 59, 17]],
];

export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;
const BITS = 32;
const TWO_POW_32 = 4294967296;

/** Direction numbers v[d][k] (as unsigned 32-bit integers), built once. */
const DIRECTIONS: readonly Uint32Array[] = (() => {
  const dims: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let k = 0; k < BITS; k++) first[k] = (1 << (31 - k)) >>> 0;
  dims.push(first);
  for (const [s, a, m] of JOE_KUO) {
    const v = new Uint32Array(BITS);
    for (let k = 0; k < BITS; k++) {
      if (k < s) {
        v[k] = (m[k] << (31 - k)) >>> 0;
      } else {
        // v_k = v_{k-s} ^ (v_{k-s} >> s) ^ XOR_{i=1}^{s-1} a_i v_{k-i}, a_i the polynomial bits.
        let x = (v[k - s] ^ (v[k - s] >>> s)) >>> 0;
        for (let i = 1; i < s; i++) {
          if ((a >>> (s - 1 - i)) & 1) x = (x ^ v[k - i]) >>> 0;
        }
        v[k] = x;
      }
    }
    dims.push(v);
  }
  return dims;
})();

/** Writes Sobol point `j` (dimensions 0..out.length-1) into `out`, each in [0, 1). */
export function sobolPoint(j: number, out: Float64Array): Float64Array {
  if (!Number.isInteger(j) || j < 0 || j >= TWO_POW_32) {
    throw new SweepRangeError(`Sobol point ${j} is not an integer in [0, 2^32)`);
  }
  if (out.length > SOBOL_MAX_DIMENSIONS) {
    throw new SweepRangeError(`${out.length} Sobol dimensions exceeds the ${SOBOL_MAX_DIMENSIONS} supported`);
  }
  const gray = (j ^ (j >>> 1)) >>> 0;
  for (let d = 0; d < out.length; d++) {
    const v = DIRECTIONS[d];
    let x = 0;
    for (let k = 0, g = gray; g !== 0; k++, g >>>= 1) {
      if (g & 1) x = (x ^ v[k]) >>> 0;
    }
    out[d] = x / TWO_POW_32;
  }
  return out;
}
