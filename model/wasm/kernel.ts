/**
 * Driver of the wasm kernel (assembly/kernel.ts): lays out one run's arrays
 * in the instance's linear memory, runs the `euler` or `adaptive` stepper of
 * `train: pattern` in chunks, and feeds the states it reached to the js
 * RunRecorder, so events, peaks and trajectory samples are computed by the
 * same code as the js backend (docs/model.md §5). Pure given the compiled
 * module: no clock, no I/O.
 *
 * Contract with the caller (model/wasm/run.ts), the same as the js
 * integrators' (model/js/euler-pattern.ts, adaptive-pattern.ts): the flow was
 * evaluated at ws.state and the recorder started; on return ws.state,
 * ws.pattern, ws.logPattern, ws.accuracy, ws.piOpt, ws.steps, ws.time and
 * ws.diverged describe the end of the run (after divergence only ws.state,
 * the last finite state, and the counters: the caller re-evaluates the flow).
 */
import type { RunRecorder } from '../js/recorder.js';
import { REWARD_RLVR, REWARD_TRAJECTORY_LOGPROB, type RunWorkspace } from '../js/workspace.js';
import { wasmApi, type WasmMemory, type WasmModule } from './api.js';

/** The kernel's exports (assembly/kernel.ts); addresses are byte offsets into `memory`. */
interface KernelExports {
  readonly memory: WasmMemory;
  setExpTable(pointer: number): void;
  eulerFixed(
    bytes: number, p: number, reward: number, bufferA: number, bufferB: number, rewardIsSuccess: boolean,
    eta: number, tMax: number, maxSteps: number, chunk: number, optimal: number, trace: number, block: number,
  ): number;
  eulerLogs(
    patterns: number, bytes: number, p: number, offset: number, bufferA: number, bufferB: number, rawA: number, rawB: number,
    slope: number, eta: number, tMax: number, maxSteps: number, chunk: number, optimal: number, trace: number, block: number,
  ): number;
  recentreLogs(raw: number, patterns: number): number;
  adaptiveLayout(
    patterns: number, bytes: number, p: number, reward: number, logRef: number, pi: number, logPi: number, score: number,
    input: number, k2: number, k3: number, k4: number, k5: number, k6: number,
    beta: number, logPiWeight: number, optimal: number, escapeLevel: number,
  ): void;
  adaptive(tMax: number, maxSteps: number, tolerance: number, chunk: number, trace: number, block: number): number;
}

/** State-block slots (assembly/kernel.ts S_*). */
const S_STEP = 0;
const S_INVERSE = 1;
const S_ACCURACY = 2;
const S_MEAN = 3;
const S_DIVERGED = 4;
const S_DONE = 5;
const S_FLIP = 6;
const S_H = 7;
const S_ATTEMPTS = 8;
const S_REJECTED = 9;
const S_TIME = 10;
const S_CENTRE = 11;
const S_SHIFT = 12;
const S_NORMALISER = 13;
const S_Y = 14;
const S_CANDIDATE = 15;
const S_K1 = 16;
const S_K7 = 17;
const S_SINCE_REFRESH = 19;
const BLOCK_SLOTS = 32;
/** assembly/kernel.ts BOUND_REFRESH_INTERVAL. */
const BOUND_REFRESH_INTERVAL = 64;

/** Steps per kernel call: the trace of one chunk stays in L1/L2 (euler 16 bytes, adaptive 48 bytes a step). */
const CHUNK = 1024;
/** The kernel's own static data (Math.exp/log tables of the AssemblyScript library) lies below this address. */
const BASE = 65536;
const PAGE = 65536;
/** Logit of the padding lane (assembly/kernel.ts PAD_LOGIT): its exponential is 0. */
const PAD_LOGIT = -1e300;

/** 2^(j/64): the same values as model/js/exp.ts's table. */
const TWO_TO_J_OVER_64 = Float64Array.from({ length: 64 }, (_, j) => Math.pow(2, j / 64));

/** One instance of the kernel with its memory, laid out for one pattern count. */
export class WasmKernel {
  readonly #exports: KernelExports;
  #f64: Float64Array;
  #patterns = -1;
  /** Byte size of one padded array (8 x R rounded up to even). */
  #bytes = 0;
  readonly #block = BASE + 64 * 8;
  readonly #trace = BASE + 64 * 8 + BLOCK_SLOTS * 8;
  /** Start of array k (byte address) is #arrays + k * #bytes. */
  readonly #arrays = BASE + 64 * 8 + BLOCK_SLOTS * 8 + CHUNK * 48;

  constructor(module: WasmModule) {
    const instance = new wasmApi.Instance(module, {});
    this.#exports = instance.exports as unknown as KernelExports;
    this.#f64 = new Float64Array(this.#exports.memory.buffer);
    this.#ensure(this.#arrays);
    this.#f64.set(TWO_TO_J_OVER_64, BASE / 8);
    this.#exports.setExpTable(BASE);
  }

  /** Grows memory to hold `end` bytes (views are re-made: growing detaches the old buffer). */
  #ensure(end: number): void {
    const memory = this.#exports.memory;
    const have = memory.buffer.byteLength;
    if (end > have) {
      memory.grow(Math.ceil((end - have) / PAGE));
    }
    if (this.#f64.buffer !== memory.buffer) this.#f64 = new Float64Array(memory.buffer);
  }

  /** Lays out 16 arrays of R patterns (the most any stepper uses). */
  #layout(R: number): void {
    if (R === this.#patterns) return;
    this.#patterns = R;
    this.#bytes = 8 * (R + (R & 1));
    this.#ensure(this.#arrays + 16 * this.#bytes);
  }

  #address(k: number): number {
    return this.#arrays + k * this.#bytes;
  }

  /** Writes R values (and a padding value when R is odd) to array k. */
  #put(k: number, values: Float64Array, pad: number): void {
    const R = this.#patterns;
    const at = this.#address(k) / 8;
    this.#f64.set(values.subarray(0, R), at);
    if ((R & 1) === 1) this.#f64[at + R] = pad;
  }

  #view(address: number, length: number): Float64Array {
    return this.#f64.subarray(address / 8, address / 8 + length);
  }

  #clearBlock(): Float64Array {
    const block = this.#view(this.#block, BLOCK_SLOTS);
    block.fill(0);
    return block;
  }

  /**
   * `euler`, `train: pattern` (euler-pattern.ts integrateEulerPattern): with
   * beta = 0 and a reward free of log pi the fixed-reward stepper, else the one
   * carrying log pi.
   */
  euler(ws: RunWorkspace, recorder: RunRecorder, eta: number, tMax: number, maxSteps: number): void {
    const R = ws.patterns;
    this.#layout(R);
    const k = this.#exports;
    const withLogs = ws.beta !== 0 || ws.reward === REWARD_TRAJECTORY_LOGPROB;
    const p = ws.initialSuccess;
    const pi0 = ws.pattern;
    const P = 0, REWARD = 1, PI_A = 2, PI_B = 3, RAW_A = 4, RAW_B = 5;
    this.#put(P, p, 0);
    this.#put(PI_A, pi0, 0);
    let accuracy = 0;
    let mean = 0;
    let slope = 0;
    if (withLogs) {
      // s_r = offset_r + slope raw_r (euler-pattern.ts integrateWithLogs).
      slope = (ws.reward === REWARD_TRAJECTORY_LOGPROB ? 1 : 0) - ws.beta;
      const offset = ws.score;
      for (let r = 0; r < R; r++) offset[r] = ws.fixedReward[r] + ws.beta * ws.logReference[r];
      this.#put(REWARD, offset, 0);
      this.#put(RAW_A, ws.logPattern, 0);
      for (let r = 0; r < R; r++) {
        accuracy += pi0[r] * p[r];
        mean += pi0[r] * (offset[r] + slope * ws.logPattern[r]);
      }
    } else {
      this.#put(REWARD, ws.fixedReward, 0);
      for (let r = 0; r < R; r++) {
        accuracy += pi0[r] * p[r];
        mean += pi0[r] * ws.fixedReward[r];
      }
    }
    const block = this.#clearBlock();
    block[S_INVERSE] = 1;
    block[S_ACCURACY] = accuracy;
    block[S_MEAN] = mean;
    block[S_SINCE_REFRESH] = BOUND_REFRESH_INTERVAL; // compute the bound before the first step
    const bytes = this.#bytes;
    const trace = this.#view(this.#trace, 2 * CHUNK);
    for (;;) {
      const first = block[S_STEP];
      const taken = withLogs
        ? k.eulerLogs(
            R, bytes, this.#address(P), this.#address(REWARD), this.#address(PI_A), this.#address(PI_B),
            this.#address(RAW_A), this.#address(RAW_B), slope, eta, tMax, maxSteps, CHUNK, ws.optimal, this.#trace, this.#block,
          )
        : k.eulerFixed(
            bytes, this.#address(P), this.#address(REWARD), this.#address(PI_A), this.#address(PI_B), ws.reward === REWARD_RLVR,
            eta, tMax, maxSteps, CHUNK, ws.optimal, this.#trace, this.#block,
          );
      for (let s = 0; s < taken; s++) recorder.record((first + s + 1) * eta, trace[2 * s], trace[2 * s + 1]);
      if (block[S_DONE] !== 0) break;
    }
    const flip = block[S_FLIP] !== 0;
    const pi = this.#view(this.#address(flip ? PI_B : PI_A), R);
    const inverse = block[S_INVERSE];
    const step = block[S_STEP];
    if (withLogs) {
      const rawAddress = this.#address(flip ? RAW_B : RAW_A);
      k.recentreLogs(rawAddress, R);
      const raw = this.#view(rawAddress, R);
      for (let r = 0; r < R; r++) {
        ws.pattern[r] = pi[r] * inverse;
        ws.logPattern[r] = raw[r];
      }
    } else {
      for (let r = 0; r < R; r++) {
        const q = pi[r] * inverse;
        ws.pattern[r] = q;
        ws.logPattern[r] = Math.log(q);
      }
    }
    ws.state.set(ws.logPattern);
    ws.shift = 0;
    ws.accuracy = block[S_ACCURACY];
    ws.piOpt = ws.pattern[ws.optimal];
    ws.steps = step;
    ws.time = step * eta;
    ws.diverged = block[S_DIVERGED] !== 0;
  }

  /** `adaptive`, `train: pattern` (adaptive-pattern.ts integrateAdaptivePattern). */
  adaptive(ws: RunWorkspace, recorder: RunRecorder, firstStep: number, tMax: number, maxSteps: number, tolerance: number): void {
    const R = ws.patterns;
    this.#layout(R);
    const k = this.#exports;
    const P = 0, REWARD = 1, LOG_REF = 2, PI = 3, LOG_PI = 4, SCORE = 5, INPUT = 6, Y = 7, CANDIDATE = 8;
    const K1 = 9, K2 = 10, K3 = 11, K4 = 12, K5 = 13, K6 = 14, K7 = 15;
    this.#put(P, ws.initialSuccess, 0);
    this.#put(REWARD, ws.fixedReward, 0);
    this.#put(LOG_REF, ws.logReference, 0);
    this.#put(PI, ws.pattern, 0);
    this.#put(Y, ws.state, PAD_LOGIT);
    this.#put(K1, ws.derivative, 0);
    const at = this.#address.bind(this);
    k.adaptiveLayout(
      R, this.#bytes, at(P), at(REWARD), at(LOG_REF), at(PI), at(LOG_PI), at(SCORE), at(INPUT),
      at(K2), at(K3), at(K4), at(K5), at(K6),
      ws.beta, ws.reward === REWARD_TRAJECTORY_LOGPROB ? 1 : 0, ws.optimal, ws.escapeLevel,
    );
    let centre = 0;
    for (let r = 1; r < R; r++) if (ws.pattern[r] > ws.pattern[centre]) centre = r;
    const block = this.#clearBlock();
    block[S_H] = firstStep;
    block[S_CENTRE] = centre;
    block[S_SHIFT] = ws.shift;
    block[S_NORMALISER] = 1;
    block[S_Y] = at(Y);
    block[S_CANDIDATE] = at(CANDIDATE);
    block[S_K1] = at(K1);
    block[S_K7] = at(K7);
    const trace = this.#view(this.#trace, 6 * CHUNK);
    let accuracy = ws.accuracy;
    for (;;) {
      const taken = k.adaptive(tMax, maxSteps, tolerance, CHUNK, this.#trace, this.#block);
      // (t, ACC, pi(r*), dACC/dt, escape margin, dpi(r*)/dt) per accepted step: the
      // rates place events on the cubic Hermite interpolant as the js loop does
      // (recorder.ts, docs/model.md §3.4).
      for (let s = 0; s < taken; s++) {
        const o = 6 * s;
        recorder.record(trace[o], trace[o + 1], trace[o + 2], trace[o + 3], trace[o + 4], trace[o + 5]);
      }
      if (taken > 0) accuracy = trace[6 * (taken - 1) + 1];
      if (block[S_DONE] !== 0) break;
    }
    ws.steps = block[S_STEP];
    ws.time = block[S_TIME];
    ws.diverged = block[S_DIVERGED] !== 0;
    ws.state.set(this.#view(block[S_Y], R));
    if (!ws.diverged) {
      // The loop ends only after an accepted step (or on divergence): pi is at the accepted state.
      ws.pattern.set(this.#view(at(PI), R));
      ws.logPattern.set(ws.state);
      ws.accuracy = accuracy;
      ws.piOpt = ws.pattern[ws.optimal];
    }
    ws.shift = 0;
  }
}
