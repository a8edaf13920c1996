/*
 * The wasm backend's kernel (AssemblyScript, compiled to WebAssembly with
 * SIMD by `npm run build`): the pattern-layer flow of docs/model.md §3 and its
 * `euler` and `adaptive` steppers with `train: pattern`, vectorised across
 * patterns two float64 lanes at a time (f64x2). Pure: it reads and writes
 * only the linear memory the caller laid out (model/wasm/kernel.ts), no
 * clock, no I/O, no randomness.
 *
 * Every loop ports one of the fused js kernels (model/js/euler-pattern.ts,
 * model/js/adaptive-pattern.ts, flow.ts), the same formulas with element r
 * in lane r % 2, so results agree with js to rounding (docs/model.md §3;
 * test/model/backends.test.ts measures ~1e-11 relative). Where a loop was
 * rearranged for speed (the cheap Euler step: unnormalised pi, four
 * accumulators) the comment says so. Arrays hold R rounded up to even; the
 * padding lane is inert: pi = 0, p = reward = logRef = 0, and a logit of
 * PAD_LOGIT, whose exponential is 0.
 *
 * Steppers run in chunks of at most `chunk` steps and write the state each
 * step reaches to a trace (the caller feeds it to the js RunRecorder, so
 * events, peaks and trajectory samples are computed by the same code as js);
 * the loop state lives in a block of f64 slots (S_* below) between chunks.
 */

// ---------------------------------------------------------------- e^x (f64x2)

/** 2^(j/64), j = 0..63, written by the caller (the same bits as model/js/exp.ts's table). */
let expTable: usize = 0;

/*
 * Vector constants, as globals set at start-up rather than v128.const
 * literals: V8 builds a v128 literal from scalar moves at every use inside a
 * loop (3-4 instructions each), while a global is one load; being written at
 * run time, the optimiser cannot fold them back into literals.
 */
let HALF = f64x2.splat(0);
let SIXTH = f64x2.splat(0);
let TWENTY_FOURTH = f64x2.splat(0);
let ONE_OVER_120 = f64x2.splat(0);
let ONE_OVER_720 = f64x2.splat(0);
let ONE_OVER_5040 = f64x2.splat(0);
let EXPM1_LIMIT = f64x2.splat(0);
let DEGREE4_LIMIT = f64x2.splat(0);
let HIGHEST_V = f64x2.splat(0);
let LOWEST_V = f64x2.splat(0);
let SCALE_V = f64x2.splat(0);
let LN2_HI_V = f64x2.splat(0);
let LN2_LO_V = f64x2.splat(0);

export function setExpTable(pointer: usize): void {
  expTable = pointer;
  HALF = f64x2.splat(0.5);
  SIXTH = f64x2.splat(1.0 / 6);
  TWENTY_FOURTH = f64x2.splat(1.0 / 24);
  ONE_OVER_120 = f64x2.splat(1.0 / 120);
  ONE_OVER_720 = f64x2.splat(1.0 / 720);
  ONE_OVER_5040 = f64x2.splat(1.0 / 5040);
  EXPM1_LIMIT = f64x2.splat(EXPM1_DEGREE7_LIMIT);
  DEGREE4_LIMIT = f64x2.splat(EXPM1_DEGREE4_LIMIT);
  HIGHEST_V = f64x2.splat(HIGHEST);
  LOWEST_V = f64x2.splat(LOWEST);
  SCALE_V = f64x2.splat(SIXTY_FOUR_OVER_LN2);
  LN2_HI_V = f64x2.splat(LN2_OVER_64_HI);
  LN2_LO_V = f64x2.splat(LN2_OVER_64_LO);
}

const SIXTY_FOUR_OVER_LN2: f64 = 64 / Math.LN2;
const LN2_OVER_64_HI: f64 = 6.93147180369123816490e-1 / 64;
const LN2_OVER_64_LO: f64 = 1.90821492927058770002e-10 / 64;
const LOWEST: f64 = -708;
const HIGHEST: f64 = 709;
const EXPM1_DEGREE7_LIMIT: f64 = 0.03;
const EXPM1_DEGREE4_LIMIT: f64 = 1.4e-3;

/**
 * e^x, the algorithm of model/js/exp.ts (x = (64 m + j) ln2/64 + r, degree-5
 * Taylor polynomial of e^r - 1, 2^(j/64) from the table, 2^m from its bits),
 * both lanes at once. Lanes at or below -708 give 0 (js: Math.exp's subnormal
 * result, below 3.3e-308); a lane at or above 709, or NaN, sends the pair to
 * the scalar path (Math.exp), as js does.
 */
// @ts-ignore: decorator
@inline
function vexp(x: v128): v128 {
  if (!i64x2.all_true(f64x2.lt(x, HIGHEST_V))) return vexpSlow(x);
  const keep = f64x2.gt(x, LOWEST_V);
  const xc = f64x2.max(x, LOWEST_V);
  const n = f64x2.nearest(f64x2.mul(xc, SCALE_V));
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(n, LN2_HI_V)), f64x2.mul(n, LN2_LO_V));
  const ni = i32x4.trunc_sat_f64x2_s_zero(n);
  const j0 = i32x4.extract_lane(ni, 0) & 63;
  const j1 = i32x4.extract_lane(ni, 1) & 63;
  // The table lookup (a gather): one 64-bit load into both lanes, one into lane 1.
  const t = v128.load64_lane(expTable + (<usize>j1 << 3), v128.load64_splat(expTable + (<usize>j0 << 3)), 1);
  const poly = f64x2.add(HALF, f64x2.mul(r, f64x2.add(SIXTH, f64x2.mul(r, f64x2.add(TWENTY_FOURTH, f64x2.mul(r, ONE_OVER_120))))));
  const q = f64x2.add(r, f64x2.mul(f64x2.mul(r, r), poly));
  const scale = i64x2.shl(i64x2.add(i64x2.shr_s(i64x2.extend_low_i32x4_s(ni), 6), i64x2.splat(1023)), 52);
  return v128.and(f64x2.mul(f64x2.add(t, f64x2.mul(t, q)), scale), keep);
}

function vexpSlow(x: v128): v128 {
  return f64x2.replace_lane(f64x2.splat(scalarExp(f64x2.extract_lane(x, 0))), 1, scalarExp(f64x2.extract_lane(x, 1)));
}

/** One lane of vexp: the table path inside (-708, 709), Math.exp outside. */
function scalarExp(x: f64): f64 {
  if (!(x > LOWEST && x < HIGHEST)) return Math.exp(x);
  const n = Math.round(x * SIXTY_FOUR_OVER_LN2);
  const r = x - n * LN2_OVER_64_HI - n * LN2_OVER_64_LO;
  const k = <i32>n;
  const t = load<f64>(expTable + (<usize>(k & 63) << 3));
  const q = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120))));
  return (t + t * q) * reinterpret<f64>(<i64>((k >> 6) + 1023) << 52);
}

/**
 * q e^x for the small increments of an Euler step (euler-pattern.ts
 * scaleByExp and its polynomial tiers): q + q (e^x - 1) with the cheapest
 * Taylor polynomial of e^x - 1 whose truncation error is below 2^-54 for both
 * lanes (degree 4 for |x| < 1.4e-3, degree 7 for |x| < 0.03: exact to
 * rounding), else q e^x per lane. A step at R = 64 and eta = 0.05 has
 * |x| < 1e-3, so the hot loop takes the degree-4 branch, which the
 * branch predictor learns.
 */
// @ts-ignore: decorator
@inline
function scaleByExp(q: v128, x: v128): v128 {
  const ax = f64x2.abs(x);
  const x2 = f64x2.mul(x, x);
  const low = f64x2.add(HALF, f64x2.mul(x, SIXTH));
  if (i64x2.all_true(f64x2.lt(ax, DEGREE4_LIMIT))) {
    const expm1 = f64x2.add(x, f64x2.mul(x2, f64x2.add(low, f64x2.mul(x2, TWENTY_FOURTH))));
    return f64x2.add(q, f64x2.mul(q, expm1));
  }
  const small = f64x2.lt(ax, EXPM1_LIMIT);
  const x4 = f64x2.mul(x2, x2);
  const high = f64x2.mul(
    x4,
    f64x2.add(f64x2.add(TWENTY_FOURTH, f64x2.mul(x, ONE_OVER_120)), f64x2.mul(x2, f64x2.add(ONE_OVER_720, f64x2.mul(x, ONE_OVER_5040)))),
  );
  const expm1 = f64x2.add(x, f64x2.add(f64x2.mul(x2, low), high));
  const viaPolynomial = f64x2.add(q, f64x2.mul(q, expm1));
  if (i64x2.all_true(small)) return viaPolynomial;
  return v128.bitselect(viaPolynomial, f64x2.mul(q, vexp(x)), small);
}

// @ts-ignore: decorator
@inline
function lanesSum(v: v128): f64 {
  // Even elements' accumulator plus odd elements': the js loops' `sum += sumOdd`.
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

// ---------------------------------------------------------------- loop state

/** Slots of the state block (f64 each), shared with model/wasm/kernel.ts. */
const S_STEP = 0;
const S_INVERSE = 1;
const S_ACCURACY = 2;
const S_MEAN = 3;
const S_DIVERGED = 4;
const S_DONE = 5;
/** euler: 0 when the current pi (and raw) is in buffer A, 1 in B. */
const S_FLIP = 6;
/** adaptive */
const S_H = 7;
const S_ATTEMPTS = 8;
const S_REJECTED = 9;
const S_TIME = 10;
const S_CENTRE = 11;
const S_SHIFT = 12;
const S_NORMALISER = 13;
/** adaptive: pointers of the state, candidate, derivative and 7th-stage buffers (swapped on accept). */
const S_Y = 14;
const S_CANDIDATE = 15;
const S_K1 = 16;
const S_K7 = 17;
/** euler: the carried bound on max |x|, steps since it was computed exactly, whether it allows the degree-4 polynomial. */
const S_BOUND = 18;
const S_SINCE_REFRESH = 19;
const S_CHEAP = 20;

// @ts-ignore: decorator
@inline
function slot(block: usize, k: i32): f64 {
  return load<f64>(block + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline
function setSlot(block: usize, k: i32, value: f64): void {
  store<f64>(block + (<usize>k << 3), value);
}

// ---------------------------------------------------------------- euler

/** Steps after which the bound on |x| is recomputed exactly (euler-pattern.ts BOUND_REFRESH_INTERVAL). */
const BOUND_REFRESH_INTERVAL: f64 = 64;

/**
 * Normalises the stored pi in place (pi *= inverse) and returns
 * max_r pi(r) |reward(r) - mean|; NaN if any term is NaN. The cheap Euler
 * step leaves pi unnormalised (the normaliser is carried as `inverse`), so
 * this pass, every 64 steps, also keeps the stored values near 1.
 */
function normaliseAndDeviation(bytes: usize, pi: usize, reward: usize, mean: f64, inverse: f64): f64 {
  const meanV = f64x2.splat(mean);
  const inverseV = f64x2.splat(inverse);
  let largest = f64x2.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    const q = f64x2.mul(v128.load(pi + o), inverseV);
    v128.store(pi + o, q);
    largest = f64x2.max(largest, f64x2.mul(q, f64x2.abs(f64x2.sub(v128.load(reward + o), meanV))));
  }
  return Math.max(f64x2.extract_lane(largest, 0), f64x2.extract_lane(largest, 1));
}

/**
 * integrateFixedReward / integrateSuccessReward of euler-pattern.ts: beta = 0
 * and a frozen reward that does not read log pi (rlvr: reward = p), so
 * pi' proportional to pi e^x, x_r = eta pi(r) (R(r) - Rbar) (docs/model.md §3).
 * `bytes` = 8 x R rounded up to even. Trace: (ACC, pi(r*)) per step.
 * Returns the steps taken in this call.
 *
 * As integrateSuccessReward does, a bound B on max_r |x_r| is carried
 * between steps (B' = (1 + 3B)(B + eta |Rbar' - Rbar|): q' <= q e^{2B} and
 * |R(r) - Rbar'| <= |R(r) - Rbar| + |Rbar' - Rbar|, for any frozen reward)
 * and recomputed exactly every 64 steps or when it leaves its tier; while
 * B < 1.4e-3 a step runs branch-free with the degree-4 polynomial (exact to
 * rounding there), else every pair picks its polynomial (scaleByExp).
 */
export function eulerFixed(
  bytes: usize, p: usize, reward: usize, bufferA: usize, bufferB: usize, rewardIsSuccess: bool,
  eta: f64, tMax: f64, maxSteps: f64, chunk: i32, optimal: i32, trace: usize, block: usize,
): i32 {
  let step = slot(block, S_STEP);
  let inverse = slot(block, S_INVERSE);
  let accuracy = slot(block, S_ACCURACY);
  let mean = slot(block, S_MEAN);
  let flip = slot(block, S_FLIP) != 0;
  let bound = slot(block, S_BOUND);
  let sinceRefresh = slot(block, S_SINCE_REFRESH);
  let cheap = slot(block, S_CHEAP) != 0;
  let pi = flip ? bufferB : bufferA;
  let next = flip ? bufferA : bufferB;
  const etaV = f64x2.splat(eta);
  const piOptOffset = <usize>optimal << 3;
  let taken = 0;
  while (taken < chunk) {
    const t = step * eta;
    if (!(t < tMax && step < maxSteps)) {
      setSlot(block, S_DONE, 1);
      break;
    }
    if (sinceRefresh >= BOUND_REFRESH_INTERVAL || (cheap && !(bound < EXPM1_DEGREE4_LIMIT))) {
      bound = eta * normaliseAndDeviation(bytes, pi, reward, mean, inverse);
      inverse = 1;
      cheap = bound < EXPM1_DEGREE4_LIMIT;
      sinceRefresh = 0;
    }
    sinceRefresh++;
    const inverseV = f64x2.splat(inverse);
    const meanV = f64x2.splat(mean);
    let sum = f64x2.splat(0);
    let nextAccuracy = f64x2.splat(0);
    let nextMean = f64x2.splat(0);
    if (cheap) {
      // The stored pi u = pi / inverse is stepped without normalising it
      // (u e^x, whose sum gives the next inverse): one multiplication a lane
      // fewer; normaliseAndDeviation rescales it every 64 steps. Two pairs
      // an iteration with their own accumulators (four sums, added at the
      // end): shorter add chains and half the loop overhead; the sums' order
      // differs from js's two accumulators only in rounding. With rlvr the
      // reward is p, so ACC and the mean reward are one sum.
      let sum1 = f64x2.splat(0);
      let nextAccuracy1 = f64x2.splat(0);
      let nextMean1 = f64x2.splat(0);
      const etaInverseV = f64x2.splat(eta * inverse);
      let o: usize = 0;
      if (rewardIsSuccess) {
        for (; o + 32 <= bytes; o += 32) {
          const u0 = v128.load(pi + o);
          const u1 = v128.load(pi + o + 16);
          const rw0 = v128.load(reward + o);
          const rw1 = v128.load(reward + o + 16);
          const x0 = f64x2.mul(f64x2.mul(etaInverseV, u0), f64x2.sub(rw0, meanV));
          const x1 = f64x2.mul(f64x2.mul(etaInverseV, u1), f64x2.sub(rw1, meanV));
          const x20 = f64x2.mul(x0, x0);
          const x21 = f64x2.mul(x1, x1);
          const m0 = f64x2.add(x0, f64x2.mul(x20, f64x2.add(f64x2.add(HALF, f64x2.mul(x0, SIXTH)), f64x2.mul(x20, TWENTY_FOURTH))));
          const m1 = f64x2.add(x1, f64x2.mul(x21, f64x2.add(f64x2.add(HALF, f64x2.mul(x1, SIXTH)), f64x2.mul(x21, TWENTY_FOURTH))));
          const e0 = f64x2.add(u0, f64x2.mul(u0, m0));
          const e1 = f64x2.add(u1, f64x2.mul(u1, m1));
          v128.store(next + o, e0);
          v128.store(next + o + 16, e1);
          sum = f64x2.add(sum, e0);
          sum1 = f64x2.add(sum1, e1);
          nextMean = f64x2.add(nextMean, f64x2.mul(e0, rw0));
          nextMean1 = f64x2.add(nextMean1, f64x2.mul(e1, rw1));
        }
      } else {
        for (; o + 32 <= bytes; o += 32) {
          const u0 = v128.load(pi + o);
          const u1 = v128.load(pi + o + 16);
          const rw0 = v128.load(reward + o);
          const rw1 = v128.load(reward + o + 16);
          const x0 = f64x2.mul(f64x2.mul(etaInverseV, u0), f64x2.sub(rw0, meanV));
          const x1 = f64x2.mul(f64x2.mul(etaInverseV, u1), f64x2.sub(rw1, meanV));
          const x20 = f64x2.mul(x0, x0);
          const x21 = f64x2.mul(x1, x1);
          const m0 = f64x2.add(x0, f64x2.mul(x20, f64x2.add(f64x2.add(HALF, f64x2.mul(x0, SIXTH)), f64x2.mul(x20, TWENTY_FOURTH))));
          const m1 = f64x2.add(x1, f64x2.mul(x21, f64x2.add(f64x2.add(HALF, f64x2.mul(x1, SIXTH)), f64x2.mul(x21, TWENTY_FOURTH))));
          const e0 = f64x2.add(u0, f64x2.mul(u0, m0));
          const e1 = f64x2.add(u1, f64x2.mul(u1, m1));
          v128.store(next + o, e0);
          v128.store(next + o + 16, e1);
          sum = f64x2.add(sum, e0);
          sum1 = f64x2.add(sum1, e1);
          nextAccuracy = f64x2.add(nextAccuracy, f64x2.mul(e0, v128.load(p + o)));
          nextAccuracy1 = f64x2.add(nextAccuracy1, f64x2.mul(e1, v128.load(p + o + 16)));
          nextMean = f64x2.add(nextMean, f64x2.mul(e0, rw0));
          nextMean1 = f64x2.add(nextMean1, f64x2.mul(e1, rw1));
        }
      }
      if (o < bytes) {
        const u = v128.load(pi + o);
        const rw = v128.load(reward + o);
        const x = f64x2.mul(f64x2.mul(etaInverseV, u), f64x2.sub(rw, meanV));
        const x2 = f64x2.mul(x, x);
        const expm1 = f64x2.add(x, f64x2.mul(x2, f64x2.add(f64x2.add(HALF, f64x2.mul(x, SIXTH)), f64x2.mul(x2, TWENTY_FOURTH))));
        const e = f64x2.add(u, f64x2.mul(u, expm1));
        v128.store(next + o, e);
        sum = f64x2.add(sum, e);
        nextAccuracy = f64x2.add(nextAccuracy, f64x2.mul(e, v128.load(p + o)));
        nextMean = f64x2.add(nextMean, f64x2.mul(e, rw));
      }
      sum = f64x2.add(sum, sum1);
      nextMean = f64x2.add(nextMean, nextMean1);
      nextAccuracy = rewardIsSuccess ? nextMean : f64x2.add(nextAccuracy, nextAccuracy1);
    } else {
      for (let o: usize = 0; o < bytes; o += 16) {
        const q = f64x2.mul(v128.load(pi + o), inverseV);
        const rw = v128.load(reward + o);
        const x = f64x2.mul(f64x2.mul(etaV, q), f64x2.sub(rw, meanV));
        const e = scaleByExp(q, x);
        v128.store(next + o, e);
        sum = f64x2.add(sum, e);
        nextAccuracy = f64x2.add(nextAccuracy, f64x2.mul(e, v128.load(p + o)));
        nextMean = f64x2.add(nextMean, f64x2.mul(e, rw));
      }
    }
    const total = lanesSum(sum);
    if (!(total > 0 && total < Infinity)) {
      setSlot(block, S_DIVERGED, 1);
      setSlot(block, S_DONE, 1);
      break;
    }
    const previousMean = mean;
    inverse = 1 / total;
    accuracy = lanesSum(nextAccuracy) * inverse;
    mean = lanesSum(nextMean) * inverse;
    if (cheap) bound = (1 + 3 * bound) * (bound + eta * Math.abs(mean - previousMean));
    const swap = pi;
    pi = next;
    next = swap;
    flip = !flip;
    step++;
    const record = trace + (<usize>taken << 4);
    store<f64>(record, accuracy);
    store<f64>(record + 8, load<f64>(pi + piOptOffset) * inverse);
    taken++;
  }
  setSlot(block, S_STEP, step);
  setSlot(block, S_INVERSE, inverse);
  setSlot(block, S_ACCURACY, accuracy);
  setSlot(block, S_MEAN, mean);
  setSlot(block, S_FLIP, flip ? 1 : 0);
  setSlot(block, S_BOUND, bound);
  setSlot(block, S_SINCE_REFRESH, sinceRefresh);
  setSlot(block, S_CHEAP, cheap ? 1 : 0);
  return taken;
}

/** Steps between re-centrings of the carried log pi (euler-pattern.ts RECENTRE_INTERVAL). */
const RECENTRE_INTERVAL: f64 = 256;

/**
 * integrateWithLogs of euler-pattern.ts: log pi carried as raw = log pi + C
 * for the KL term and trajectory-logprob; s_r = offset_r + slope raw_r with
 * offset_r = R(r) + beta log pi_ref(r), slope = [trajectory-logprob] - beta
 * (docs/model.md §3). `patterns` is R (the re-centring skips the padding lane).
 */
export function eulerLogs(
  patterns: i32, bytes: usize, p: usize, offset: usize, bufferA: usize, bufferB: usize, rawA: usize, rawB: usize,
  slope: f64, eta: f64, tMax: f64, maxSteps: f64, chunk: i32, optimal: i32, trace: usize, block: usize,
): i32 {
  let step = slot(block, S_STEP);
  let inverse = slot(block, S_INVERSE);
  let accuracy = slot(block, S_ACCURACY);
  let mean = slot(block, S_MEAN);
  let flip = slot(block, S_FLIP) != 0;
  let pi = flip ? bufferB : bufferA;
  let next = flip ? bufferA : bufferB;
  let raw = flip ? rawB : rawA;
  let nextRaw = flip ? rawA : rawB;
  const etaV = f64x2.splat(eta);
  const slopeV = f64x2.splat(slope);
  const piOptOffset = <usize>optimal << 3;
  let taken = 0;
  while (taken < chunk) {
    const t = step * eta;
    if (!(t < tMax && step < maxSteps)) {
      setSlot(block, S_DONE, 1);
      break;
    }
    const inverseV = f64x2.splat(inverse);
    const meanV = f64x2.splat(mean);
    let sum = f64x2.splat(0);
    let nextAccuracy = f64x2.splat(0);
    let nextMean = f64x2.splat(0);
    for (let o: usize = 0; o < bytes; o += 16) {
      const q = f64x2.mul(v128.load(pi + o), inverseV);
      const off = v128.load(offset + o);
      const rawR = v128.load(raw + o);
      const x = f64x2.mul(f64x2.mul(etaV, q), f64x2.sub(f64x2.add(off, f64x2.mul(slopeV, rawR)), meanV));
      const e = scaleByExp(q, x);
      const nextR = f64x2.add(rawR, x);
      v128.store(next + o, e);
      v128.store(nextRaw + o, nextR);
      sum = f64x2.add(sum, e);
      nextAccuracy = f64x2.add(nextAccuracy, f64x2.mul(e, v128.load(p + o)));
      nextMean = f64x2.add(nextMean, f64x2.mul(e, f64x2.add(off, f64x2.mul(slopeV, nextR))));
    }
    const total = lanesSum(sum);
    const meanTotal = lanesSum(nextMean);
    if (!(total > 0 && total < Infinity && isFinite(meanTotal))) {
      setSlot(block, S_DIVERGED, 1);
      setSlot(block, S_DONE, 1);
      break;
    }
    inverse = 1 / total;
    accuracy = lanesSum(nextAccuracy) * inverse;
    mean = meanTotal * inverse;
    let swap = pi;
    pi = next;
    next = swap;
    swap = raw;
    raw = nextRaw;
    nextRaw = swap;
    flip = !flip;
    step++;
    if (step % RECENTRE_INTERVAL == 0) mean -= slope * recentreLogs(raw, patterns);
    const record = trace + (<usize>taken << 4);
    store<f64>(record, accuracy);
    store<f64>(record + 8, load<f64>(pi + piOptOffset) * inverse);
    taken++;
  }
  setSlot(block, S_STEP, step);
  setSlot(block, S_INVERSE, inverse);
  setSlot(block, S_ACCURACY, accuracy);
  setSlot(block, S_MEAN, mean);
  setSlot(block, S_FLIP, flip ? 1 : 0);
  return taken;
}

/** Subtracts C = logsumexp(raw) from the R real entries of raw (so raw = log pi) and returns C (scalar: every 256 steps). */
export function recentreLogs(raw: usize, patterns: i32): f64 {
  let max = -Infinity;
  for (let r = 0; r < patterns; r++) {
    const v = load<f64>(raw + (<usize>r << 3));
    if (v > max) max = v;
  }
  let sum = 0.0;
  for (let r = 0; r < patterns; r++) sum += Math.exp(load<f64>(raw + (<usize>r << 3)) - max);
  const c = max + Math.log(sum);
  for (let r = 0; r < patterns; r++) {
    const at = raw + (<usize>r << 3);
    store<f64>(at, load<f64>(at) - c);
  }
  return c;
}

// ---------------------------------------------------------------- adaptive

/** Logit of the padding lane: e^(PAD_LOGIT - shift) is 0 for any finite shift, and it stays finite. */
const PAD_LOGIT: f64 = -1e300;

/** Dormand–Prince 5(4) tableau (model/js/dormand-prince.ts). */
const A21: f64 = 1.0 / 5;
const A31: f64 = 3.0 / 40, A32: f64 = 9.0 / 40;
const A41: f64 = 44.0 / 45, A42: f64 = -56.0 / 15, A43: f64 = 32.0 / 9;
const A51: f64 = 19372.0 / 6561, A52: f64 = -25360.0 / 2187, A53: f64 = 64448.0 / 6561, A54: f64 = -212.0 / 729;
const A61: f64 = 9017.0 / 3168, A62: f64 = -355.0 / 33, A63: f64 = 46732.0 / 5247, A64: f64 = 49.0 / 176, A65: f64 = -5103.0 / 18656;
const B1: f64 = 35.0 / 384, B3: f64 = 500.0 / 1113, B4: f64 = 125.0 / 192, B5: f64 = -2187.0 / 6784, B6: f64 = 11.0 / 84;
const E1: f64 = 71.0 / 57600, E3: f64 = -71.0 / 16695, E4: f64 = 71.0 / 1920, E5: f64 = -17253.0 / 339200, E6: f64 = 22.0 / 525, E7: f64 = -1.0 / 40;

const SAFETY: f64 = 0.9;
const MAX_GROWTH: f64 = 5;
const MAX_SHRINK: f64 = 0.2;

/** Buffers of one adaptive run, set once per row by `adaptiveLayout`. */
let aBytes: usize = 0;
let aPatterns: i32 = 0;
let aP: usize = 0;
let aReward: usize = 0;
let aLogRef: usize = 0;
let aPi: usize = 0;
let aLogPi: usize = 0;
let aScore: usize = 0;
let aInput: usize = 0;
let aK2: usize = 0;
let aK3: usize = 0;
let aK4: usize = 0;
let aK5: usize = 0;
let aK6: usize = 0;
let aBeta: f64 = 0;
let aLogPiWeight: f64 = 0;
let aPlain = true;
let aOptimal: i32 = 0;
let aLevel: f64 = 0;

/**
 * The buffers and per-run constants of an adaptive run (addresses in linear
 * memory, each 8 x R rounded up to even bytes). `logPiWeight` is 1 for
 * trajectory-logprob, else 0; `plain` = beta is 0 and the reward does not
 * read log pi (adaptive-pattern.ts: a stage then takes no logarithm).
 */
export function adaptiveLayout(
  patterns: i32, bytes: usize, p: usize, reward: usize, logRef: usize, pi: usize, logPi: usize, score: usize,
  input: usize, k2: usize, k3: usize, k4: usize, k5: usize, k6: usize,
  beta: f64, logPiWeight: f64, optimal: i32, escapeLevel: f64,
): void {
  aPatterns = patterns;
  aBytes = bytes;
  aP = p;
  aReward = reward;
  aLogRef = logRef;
  aPi = pi;
  aLogPi = logPi;
  aScore = score;
  aInput = input;
  aK2 = k2;
  aK3 = k3;
  aK4 = k4;
  aK5 = k5;
  aK6 = k6;
  aBeta = beta;
  aLogPiWeight = logPiWeight;
  aPlain = beta == 0 && logPiWeight == 0;
  aOptimal = optimal;
  aLevel = escapeLevel;
}

/** Stage scalars (adaptive-pattern.ts keeps them on the workspace). */
let stageShift: f64 = 0;
let stageNormaliser: f64 = 1;
let stageCentre: i32 = 0;

/** max over the R real entries of u (NaN entries are skipped: the sums then fail their finiteness tests). */
function largestEntry(u: usize): f64 {
  let max = -Infinity;
  for (let r = 0; r < aPatterns; r++) {
    const v = load<f64>(u + (<usize>r << 3));
    if (v > max) max = v;
  }
  return max;
}

/**
 * The lowest index of the largest entry of lanes `best` (value) and `index`
 * (element index as f64), per lane the first maximum.
 */
// @ts-ignore: decorator
@inline
function argmaxOfLanes(best: v128, index: v128): i32 {
  const v0 = f64x2.extract_lane(best, 0);
  const v1 = f64x2.extract_lane(best, 1);
  const i0 = f64x2.extract_lane(index, 0);
  const i1 = f64x2.extract_lane(index, 1);
  return <i32>(v1 > v0 || (v1 == v0 && i1 < i0) ? i1 : i0);
}

/**
 * patternStage of adaptive-pattern.ts with s = R (plain): pi = softmax(u),
 * dy = pi (R - R[centre] - mean), centred on the previous stage's most likely
 * pattern; the new most likely one becomes the centre. Returns false when u
 * or the flow is not finite.
 */
function plainStage(u: usize, dy: usize): bool {
  const bytes = aBytes;
  const pi = aPi;
  const reward = aReward;
  const centre = load<f64>(reward + (<usize>stageCentre << 3));
  const centreV = f64x2.splat(centre);
  let shift = 0.0;
  let sum = f64x2.splat(0);
  let mean = f64x2.splat(0);
  let best = f64x2.splat(-1);
  let bestIndex = f64x2.splat(0);
  let index = f64x2(0, 1);
  const two = f64x2.splat(2);
  for (let o: usize = 0; o < bytes; o += 16) {
    const e = vexp(v128.load(u + o));
    v128.store(pi + o, e);
    sum = f64x2.add(sum, e);
    mean = f64x2.add(mean, f64x2.mul(e, f64x2.sub(v128.load(reward + o), centreV)));
    const larger = f64x2.gt(e, best);
    best = v128.bitselect(e, best, larger);
    bestIndex = v128.bitselect(index, bestIndex, larger);
    index = f64x2.add(index, two);
  }
  let total = lanesSum(sum);
  if (!(total > 1e-200 && total < 1e200)) {
    shift = largestEntry(u);
    if (!isFinite(shift)) return false;
    const shiftV = f64x2.splat(shift);
    sum = f64x2.splat(0);
    mean = f64x2.splat(0);
    best = f64x2.splat(-1);
    bestIndex = f64x2.splat(0);
    index = f64x2(0, 1);
    for (let o: usize = 0; o < bytes; o += 16) {
      const e = vexp(f64x2.sub(v128.load(u + o), shiftV));
      v128.store(pi + o, e);
      sum = f64x2.add(sum, e);
      mean = f64x2.add(mean, f64x2.mul(e, f64x2.sub(v128.load(reward + o), centreV)));
      const larger = f64x2.gt(e, best);
      best = v128.bitselect(e, best, larger);
      bestIndex = v128.bitselect(index, bestIndex, larger);
      index = f64x2.add(index, two);
    }
    total = lanesSum(sum);
    if (!(total >= 1 && total < Infinity)) return false;
  }
  const inverse = 1 / total;
  const meanValue = lanesSum(mean) * inverse;
  if (!isFinite(meanValue)) return false;
  const inverseV = f64x2.splat(inverse);
  const offsetV = f64x2.splat(centre + meanValue);
  for (let o: usize = 0; o < bytes; o += 16) {
    const q = f64x2.mul(v128.load(pi + o), inverseV);
    v128.store(pi + o, q);
    // reward - centre - mean as reward - (centre + mean): one subtraction a lane.
    v128.store(dy + o, f64x2.mul(q, f64x2.sub(v128.load(reward + o), offsetV)));
  }
  stageCentre = argmaxOfLanes(best, bestIndex);
  stageShift = shift;
  stageNormaliser = total;
  return true;
}

/**
 * flow.ts evaluateFlow for `train: pattern` when s needs log pi (beta > 0 or
 * trajectory-logprob): patternExponentials with the previous log-normaliser
 * as shift, then patternOnlyFlow: s_r = R(r) + w lp_r - beta (lp_r - lref_r),
 * dy = pi (s - s_k - sum_q pi(q) (s_q - s_k)) centred on the most likely
 * pattern k (docs/model.md §3). stageShift becomes the log-normaliser
 * (stageNormaliser = 1).
 */
function logStage(u: usize, dy: usize): bool {
  const bytes = aBytes;
  const pi = aPi;
  let shift = stageShift;
  let sum = f64x2.splat(0);
  let shiftV = f64x2.splat(shift);
  for (let o: usize = 0; o < bytes; o += 16) {
    const e = vexp(f64x2.sub(v128.load(u + o), shiftV));
    v128.store(pi + o, e);
    sum = f64x2.add(sum, e);
  }
  let total = lanesSum(sum);
  if (!(total > 1e-200 && total < 1e200)) {
    const max = largestEntry(u);
    if (!isFinite(max)) return false;
    shift = max;
    shiftV = f64x2.splat(shift);
    sum = f64x2.splat(0);
    for (let o: usize = 0; o < bytes; o += 16) {
      const e = vexp(f64x2.sub(v128.load(u + o), shiftV));
      v128.store(pi + o, e);
      sum = f64x2.add(sum, e);
    }
    total = lanesSum(sum);
    if (!(total >= 1 && total < Infinity)) return false;
  }
  const logNorm = shift + Math.log(total);
  const inverseV = f64x2.splat(1 / total);
  const logNormV = f64x2.splat(logNorm);
  const betaV = f64x2.splat(aBeta);
  const weightV = f64x2.splat(aLogPiWeight);
  const logPi = aLogPi;
  const score = aScore;
  const reward = aReward;
  const logRef = aLogRef;
  const p = aP;
  let accuracy = f64x2.splat(0);
  let best = f64x2.splat(-1);
  let bestIndex = f64x2.splat(0);
  let index = f64x2(0, 1);
  const two = f64x2.splat(2);
  for (let o: usize = 0; o < bytes; o += 16) {
    const q = f64x2.mul(v128.load(pi + o), inverseV);
    const lp = f64x2.sub(v128.load(u + o), logNormV);
    v128.store(pi + o, q);
    v128.store(logPi + o, lp);
    accuracy = f64x2.add(accuracy, f64x2.mul(q, v128.load(p + o)));
    const s = f64x2.sub(
      f64x2.add(v128.load(reward + o), f64x2.mul(weightV, lp)),
      f64x2.mul(betaV, f64x2.sub(lp, v128.load(logRef + o))),
    );
    v128.store(score + o, s);
    const larger = f64x2.gt(q, best);
    best = v128.bitselect(q, best, larger);
    bestIndex = v128.bitselect(index, bestIndex, larger);
    index = f64x2.add(index, two);
  }
  const dominant = argmaxOfLanes(best, bestIndex);
  const sk = load<f64>(score + (<usize>dominant << 3));
  const skV = f64x2.splat(sk);
  let mean = f64x2.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    mean = f64x2.add(mean, f64x2.mul(v128.load(pi + o), f64x2.sub(v128.load(score + o), skV)));
  }
  const meanValue = lanesSum(mean);
  if (!isFinite(meanValue) || !isFinite(lanesSum(accuracy))) return false;
  const offsetV = f64x2.splat(sk + meanValue);
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(dy + o, f64x2.mul(v128.load(pi + o), f64x2.sub(v128.load(score + o), offsetV)));
  }
  stageShift = logNorm;
  stageNormaliser = 1;
  return true;
}

// @ts-ignore: decorator
@inline
function stage(u: usize, dy: usize): bool {
  return aPlain ? plainStage(u, dy) : logStage(u, dy);
}

/** dormand-prince.ts errorNorm over the R real entries (the padding lane's e is 0). */
function errorNorm(k1: usize, k7: usize, y: usize, next: usize, dt: f64, tolerance: f64): f64 {
  const bytes = aBytes;
  const dtV = f64x2.splat(dt);
  const tolV = f64x2.splat(tolerance);
  let sum = f64x2.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    const combination = f64x2.add(
      f64x2.add(
        f64x2.add(
          f64x2.add(
            f64x2.add(f64x2.mul(f64x2.splat(E1), v128.load(k1 + o)), f64x2.mul(f64x2.splat(E3), v128.load(aK3 + o))),
            f64x2.mul(f64x2.splat(E4), v128.load(aK4 + o)),
          ),
          f64x2.mul(f64x2.splat(E5), v128.load(aK5 + o)),
        ),
        f64x2.mul(f64x2.splat(E6), v128.load(aK6 + o)),
      ),
      f64x2.mul(f64x2.splat(E7), v128.load(k7 + o)),
    );
    const e = f64x2.mul(dtV, combination);
    const scale = f64x2.add(tolV, f64x2.mul(tolV, f64x2.max(f64x2.abs(v128.load(y + o)), f64x2.abs(v128.load(next + o)))));
    const ratio = f64x2.div(e, scale);
    sum = f64x2.add(sum, f64x2.mul(ratio, ratio));
  }
  const error = Math.sqrt(lanesSum(sum) / <f64>aPatterns);
  return isFinite(error) ? error : Infinity;
}

function idealRatio(error: f64): f64 {
  return Math.exp(-0.2 * Math.log(error));
}

function acceptedStepFactor(error: f64, rejectedLast: bool): f64 {
  const factor = error == 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, Math.max(MAX_SHRINK, SAFETY * idealRatio(error)));
  return rejectedLast ? Math.min(factor, 1) : factor;
}

function rejectedStepFactor(error: f64): f64 {
  return isFinite(error) ? Math.max(MAX_SHRINK, SAFETY * idealRatio(error)) : MAX_SHRINK;
}

function stepCollapsed(attempts: f64, maxSteps: f64, h: f64, t: f64): bool {
  return attempts > 4 * maxSteps + 1000 || !(h > 1e-14 * t) || !isFinite(h);
}

/**
 * integrateAdaptivePattern of adaptive-pattern.ts: Dormand–Prince 5(4) with
 * FSAL, per-run error control, re-centring z = log pi at each accepted step
 * (docs/model.md §3). Trace per accepted step: (t, ACC, pi(r*), dACC/dt,
 * ACC - p(r')) (adaptive-pattern.ts summariseAccepted). Before the first
 * call the block holds h = the first step, step = attempts = t = 0, the
 * centre, shift 0 and the buffer pointers; adaptiveLayout was called.
 * Returns the accepted steps of this call.
 */
export function adaptive(tMax: f64, maxSteps: f64, tolerance: f64, chunk: i32, trace: usize, block: usize): i32 {
  const bytes = aBytes;
  let h = slot(block, S_H);
  let step = slot(block, S_STEP);
  let attempts = slot(block, S_ATTEMPTS);
  let rejectedLast = slot(block, S_REJECTED) != 0;
  let t = slot(block, S_TIME);
  let y = <usize>slot(block, S_Y);
  let next = <usize>slot(block, S_CANDIDATE);
  let k1 = <usize>slot(block, S_K1);
  let k7 = <usize>slot(block, S_K7);
  stageCentre = <i32>slot(block, S_CENTRE);
  stageShift = slot(block, S_SHIFT);
  stageNormaliser = slot(block, S_NORMALISER);
  const input = aInput;
  const k2 = aK2, k3 = aK3, k4 = aK4, k5 = aK5, k6 = aK6;
  let taken = 0;
  for (;;) {
    if (!(t < tMax && step < maxSteps) || taken >= chunk) {
      if (!(t < tMax && step < maxSteps)) setSlot(block, S_DONE, 1);
      break;
    }
    attempts++;
    if (stepCollapsed(attempts, maxSteps, h, t)) {
      setSlot(block, S_DIVERGED, 1);
      setSlot(block, S_DONE, 1);
      break;
    }
    const last = t + h >= tMax;
    const dt = last ? tMax - t : h;
    let c1 = f64x2.splat(dt * A21);
    for (let o: usize = 0; o < bytes; o += 16) {
      v128.store(input + o, f64x2.add(v128.load(y + o), f64x2.mul(c1, v128.load(k1 + o))));
    }
    let ok = stage(input, k2);
    const dtV = f64x2.splat(dt);
    if (ok) {
      for (let o: usize = 0; o < bytes; o += 16) {
        const c = f64x2.add(f64x2.mul(f64x2.splat(A31), v128.load(k1 + o)), f64x2.mul(f64x2.splat(A32), v128.load(k2 + o)));
        v128.store(input + o, f64x2.add(v128.load(y + o), f64x2.mul(dtV, c)));
      }
      ok = stage(input, k3);
    }
    if (ok) {
      for (let o: usize = 0; o < bytes; o += 16) {
        const c = f64x2.add(
          f64x2.add(f64x2.mul(f64x2.splat(A41), v128.load(k1 + o)), f64x2.mul(f64x2.splat(A42), v128.load(k2 + o))),
          f64x2.mul(f64x2.splat(A43), v128.load(k3 + o)),
        );
        v128.store(input + o, f64x2.add(v128.load(y + o), f64x2.mul(dtV, c)));
      }
      ok = stage(input, k4);
    }
    if (ok) {
      for (let o: usize = 0; o < bytes; o += 16) {
        const c = f64x2.add(
          f64x2.add(
            f64x2.add(f64x2.mul(f64x2.splat(A51), v128.load(k1 + o)), f64x2.mul(f64x2.splat(A52), v128.load(k2 + o))),
            f64x2.mul(f64x2.splat(A53), v128.load(k3 + o)),
          ),
          f64x2.mul(f64x2.splat(A54), v128.load(k4 + o)),
        );
        v128.store(input + o, f64x2.add(v128.load(y + o), f64x2.mul(dtV, c)));
      }
      ok = stage(input, k5);
    }
    if (ok) {
      for (let o: usize = 0; o < bytes; o += 16) {
        const c = f64x2.add(
          f64x2.add(
            f64x2.add(
              f64x2.add(f64x2.mul(f64x2.splat(A61), v128.load(k1 + o)), f64x2.mul(f64x2.splat(A62), v128.load(k2 + o))),
              f64x2.mul(f64x2.splat(A63), v128.load(k3 + o)),
            ),
            f64x2.mul(f64x2.splat(A64), v128.load(k4 + o)),
          ),
          f64x2.mul(f64x2.splat(A65), v128.load(k5 + o)),
        );
        v128.store(input + o, f64x2.add(v128.load(y + o), f64x2.mul(dtV, c)));
      }
      ok = stage(input, k6);
    }
    if (ok) {
      for (let o: usize = 0; o < bytes; o += 16) {
        const c = f64x2.add(
          f64x2.add(
            f64x2.add(
              f64x2.add(f64x2.mul(f64x2.splat(B1), v128.load(k1 + o)), f64x2.mul(f64x2.splat(B3), v128.load(k3 + o))),
              f64x2.mul(f64x2.splat(B4), v128.load(k4 + o)),
            ),
            f64x2.mul(f64x2.splat(B5), v128.load(k5 + o)),
          ),
          f64x2.mul(f64x2.splat(B6), v128.load(k6 + o)),
        );
        v128.store(next + o, f64x2.add(v128.load(y + o), f64x2.mul(dtV, c)));
      }
      ok = stage(next, k7);
    }
    const error = ok ? errorNorm(k1, k7, y, next, dt, tolerance) : Infinity;
    if (error <= 1) {
      step++;
      t = last ? tMax : t + dt;
      // FSAL: k7 = f(next) becomes the next step's k1; pi is pi(next).
      let swap = k1;
      k1 = k7;
      k7 = swap;
      swap = y;
      y = next;
      next = swap;
      // Re-centre: z = next - (c + log S) = log pi(next); the padding lane stays PAD_LOGIT.
      const logNormV = f64x2.splat(stageShift + Math.log(stageNormaliser));
      for (let o: usize = 0; o < bytes; o += 16) v128.store(y + o, f64x2.sub(v128.load(y + o), logNormV));
      if ((aPatterns & 1) != 0) store<f64>(y + (<usize>aPatterns << 3), PAD_LOGIT);
      stageShift = 0;
      summariseAccepted(k1, trace + <usize>taken * 48, t);
      h = dt * acceptedStepFactor(error, rejectedLast);
      rejectedLast = false;
      taken++;
    } else {
      h = dt * rejectedStepFactor(error);
      rejectedLast = true;
      stageShift = 0;
    }
  }
  setSlot(block, S_H, h);
  setSlot(block, S_STEP, step);
  setSlot(block, S_ATTEMPTS, attempts);
  setSlot(block, S_REJECTED, rejectedLast ? 1 : 0);
  setSlot(block, S_TIME, t);
  setSlot(block, S_Y, <f64>y);
  setSlot(block, S_CANDIDATE, <f64>next);
  setSlot(block, S_K1, <f64>k1);
  setSlot(block, S_K7, <f64>k7);
  setSlot(block, S_CENTRE, <f64>stageCentre);
  setSlot(block, S_SHIFT, stageShift);
  setSlot(block, S_NORMALISER, stageNormaliser);
  return taken;
}

/**
 * summariseAccepted of adaptive-pattern.ts: ACC, dACC/dt, the escape margin
 * and dpi(r*)/dt = pi(r*) (dz_r* - sum_r pi(r) dz_r) from one pass; writes the
 * trace record (six f64).
 */
function summariseAccepted(dy: usize, record: usize, t: f64): void {
  const bytes = aBytes;
  const pi = aPi;
  const p = aP;
  const levelV = f64x2.splat(aLevel);
  let accuracy = f64x2.splat(0);
  let weighted = f64x2.splat(0);
  let mean = f64x2.splat(0);
  let margin = f64x2.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    const q = v128.load(pi + o);
    const pr = v128.load(p + o);
    const change = f64x2.mul(q, v128.load(dy + o));
    accuracy = f64x2.add(accuracy, f64x2.mul(q, pr));
    weighted = f64x2.add(weighted, f64x2.mul(pr, change));
    mean = f64x2.add(mean, change);
    margin = f64x2.add(margin, f64x2.mul(q, f64x2.sub(pr, levelV)));
  }
  const acc = lanesSum(accuracy);
  store<f64>(record, t);
  store<f64>(record + 8, acc);
  store<f64>(record + 16, load<f64>(pi + (<usize>aOptimal << 3)));
  store<f64>(record + 24, lanesSum(weighted) - acc * lanesSum(mean));
  store<f64>(record + 32, lanesSum(margin));
  const optimal = <usize>aOptimal << 3;
  store<f64>(record + 40, load<f64>(pi + optimal) * (load<f64>(dy + optimal) - lanesSum(mean)));
}
