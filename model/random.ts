/**
 * Counter-based random numbers (docs/model.md §3, "Randomness is counter-based").
 *
 * Generator: Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11; the Random123 reference constants). It is
 * a pure function of a 128-bit counter and a 64-bit key, so a draw depends only
 * on *which* draw it is, never on batch size, order, thread or restart.
 *
 * Layout of one draw (every field an unsigned 32-bit word):
 *   key     = (seed, replicate)
 *   counter = (counter, step, gridIndex mod 2^32, floor(gridIndex / 2^32) + stream * 2^21)
 * so gridIndex may use 53 bits and `stream` 11 bits (0..2047). One call yields
 * four words, used as two 53-bit uniforms in [0, 1).
 *
 * Streams: STREAM_ROLLOUTS (0) is reserved for the stochastic training rules
 * (step = training step, counter = rollout). sweep/ draws per-replicate
 * parameters from streams >= FIRST_SWEEP_STREAM.
 *
 * The 32x32 -> 64-bit products are exact: the low word by Math.imul, the high
 * word from the multiplier's 16-bit halves in float64 (partial products < 2^48).
 */

export const STREAM_ROLLOUTS = 0;
export const FIRST_SWEEP_STREAM = 1;
export const MAX_STREAM = 2047;

const PHILOX_M0 = 0xd2511f53;
const PHILOX_M1 = 0xcd9e8d57;
const PHILOX_W0 = 0x9e3779b9;
const PHILOX_W1 = 0xbb67ae85;
const TWO_POW_32 = 4294967296;
const TWO_POW_21 = 2097152;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

// The multipliers split into 16-bit halves: M x = (M_hi 2^16 + M_lo) x, each
// partial product < 2^48, so exact in float64.
const PHILOX_M0_HIGH = PHILOX_M0 >>> 16;
const PHILOX_M0_LOW = PHILOX_M0 & 0xffff;
const PHILOX_M1_HIGH = PHILOX_M1 >>> 16;
const PHILOX_M1_LOW = PHILOX_M1 & 0xffff;
const TWO_POW_16 = 65536;

/**
 * High 32 bits of M x for a 32-bit x and a multiplier M = mHigh 2^16 + mLow:
 * floor(M x / 2^32) = floor((x mHigh + floor(x mLow / 2^16)) / 2^16), all exact in float64.
 */
function mulHigh(x: number, mHigh: number, mLow: number): number {
  // `>>> 0` truncates the non-negative quotient (< 2^32): the outer floor.
  return ((x * mHigh + Math.floor((x * mLow) / TWO_POW_16)) / TWO_POW_16) >>> 0;
}

/**
 * Philox4x32-10: writes the four output words for counter (c0..c3) and key
 * (k0, k1) into `out[0..3]`. All inputs are unsigned 32-bit integers.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulHigh(x0, PHILOX_M0_HIGH, PHILOX_M0_LOW);
    const lo0 = Math.imul(PHILOX_M0, x0) >>> 0;
    const hi1 = mulHigh(x2, PHILOX_M1_HIGH, PHILOX_M1_LOW);
    const lo1 = Math.imul(PHILOX_M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + PHILOX_W0) >>> 0;
    key1 = (key1 + PHILOX_W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/** A 53-bit uniform in [0, 1) from two 32-bit words (27 + 26 bits). */
export function uniformFromWords(high: number, low: number): number {
  return ((high >>> 5) * TWO_POW_26 + (low >>> 6)) / TWO_POW_53;
}

/** Identifies one stream of draws; every field is an unsigned integer. */
export interface RandomKey {
  /** The sweep seed, [0, 2^32). */
  readonly seed: number;
  /** Grid index, [0, 2^53). */
  readonly gridIndex: number;
  /** Replicate number, [0, 2^32). */
  readonly replicate: number;
  /** Stream id, [0, MAX_STREAM]; 0 = training rollouts. */
  readonly stream: number;
}

/**
 * Two uniforms in [0, 1) for draw (`step`, `counter`) of a stream, written to
 * out[offset], out[offset + 1]. `words` is caller scratch of length >= 4 (kept
 * outside so the hot loop allocates nothing).
 */
export function uniformPair(
  seed: number,
  gridIndex: number,
  replicate: number,
  stream: number,
  step: number,
  counter: number,
  words: Uint32Array,
  out: Float64Array,
  offset: number,
): void {
  const gridLow = gridIndex >>> 0;
  const gridHigh = Math.floor(gridIndex / TWO_POW_32);
  philox4x32(counter, step, gridLow, gridHigh + stream * TWO_POW_21, seed, replicate, words);
  out[offset] = uniformFromWords(words[0], words[1]);
  out[offset + 1] = uniformFromWords(words[2], words[3]);
}

/**
 * The first `count` uniforms in [0, 1) of a stream (step 0): uniform j comes
 * from counter floor(j / 2), so a prefix never changes when `count` grows.
 * This is what sweep/ uses for per-replicate parameter draws (e.g.
 * `successRate: {uniform: [0, 1]}`), with its own stream id >= FIRST_SWEEP_STREAM.
 */
export function streamUniforms(key: RandomKey, count: number, out: Float64Array = new Float64Array(count)): Float64Array {
  const words = new Uint32Array(4);
  const pair = new Float64Array(2);
  for (let j = 0; j < count; j += 2) {
    uniformPair(key.seed, key.gridIndex, key.replicate, key.stream, 0, j >>> 1, words, pair, 0);
    out[j] = pair[0];
    if (j + 1 < count) out[j + 1] = pair[1];
  }
  return out;
}
