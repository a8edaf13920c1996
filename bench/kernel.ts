/**
 * Kernel benchmark (`npm run bench:kernel`): throughput of every backend that
 * loads here, in element-steps/s = runs x patterns x steps / s, and the
 * time-to-solution of the regime-2 entanglement time T0 (docs/model.md §4) with
 * `euler` vs `adaptive` at equal (1%) accuracy, per run both for one run per
 * call and for a batch of runs per call (as sweeps run). Prints progress to
 * stderr and a markdown table to stdout. One thread; total runtime about a minute.
 *
 *   npm run bench:kernel              # full sizes
 *   npm run bench:kernel -- --quick   # smaller sizes, for a smoke check
 */
import type { Backend } from '../model/backend.js';
import type { Algorithm, BatchShape, RunBatch } from '../model/batch.js';
import { createJsBackend } from '../model/js/index.js';
import { streamUniforms } from '../model/random.js';
import { availableBackends, createBackend } from '../model/select.js';

const quick = process.argv.includes('--quick');
/** The js backend as sweeps create it (createBackend('js')): it keeps its workspace between calls of one shape. */
const jsBackend = createJsBackend();
const REPETITIONS = quick ? 2 : 3;

interface ThroughputCase {
  readonly label: string;
  readonly algorithm: Algorithm;
  readonly runs: number;
  readonly patterns: number;
  readonly steps: number;
  readonly rollouts: number;
}

const FULL_CASES: readonly ThroughputCase[] = [
  { label: 'euler', algorithm: 'euler', runs: 1024, patterns: 8, steps: 2000, rollouts: 0 },
  { label: 'euler', algorithm: 'euler', runs: 65536, patterns: 8, steps: 200, rollouts: 0 },
  { label: 'euler', algorithm: 'euler', runs: 4096, patterns: 64, steps: 500, rollouts: 0 },
  { label: 'grpo G=16', algorithm: 'grpo', runs: 4096, patterns: 8, steps: 100, rollouts: 16 },
];
const CASES: readonly ThroughputCase[] = FULL_CASES.map((c) => (quick ? { ...c, runs: Math.max(64, c.runs / 16), steps: Math.max(20, c.steps / 4) } : c));

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A throughput batch: p(r) ~ U[0,1) per run (counter RNG, stream 1), uniform pi_0; maxSteps binds. */
function throughputBatch(c: ThroughputCase, runs = c.runs): RunBatch {
  const R = c.patterns;
  const shape: BatchShape = {
    patterns: R,
    answers: 2,
    reward: 'rlvr',
    train: 'pattern',
    algorithm: c.algorithm,
    rollouts: c.rollouts,
    trajectoryPoints: 0,
  };
  const success = new Float64Array(runs * R);
  for (let i = 0; i < runs; i++) {
    success.set(streamUniforms({ seed: 1, gridIndex: i, replicate: 0, stream: 1 }, R), i * R);
  }
  const eta = 0.05;
  const fill = (v: number) => new Float64Array(runs).fill(v);
  return {
    shape,
    size: runs,
    successRate: success,
    initialPattern: new Float64Array(runs * R).fill(1 / R),
    referencePattern: new Float64Array(runs * R).fill(1 / R),
    answerDistribution: null,
    beta: fill(0),
    stepSize: fill(eta),
    tMax: fill(eta * c.steps * 10),
    maxSteps: fill(c.steps),
    epsilon: fill(0.01),
    tolerance: fill(1e-6),
    sftSteps: fill(0),
    sftRate: fill(0),
    sftTarget: null,
    seed: 1,
    gridIndex: Float64Array.from({ length: runs }, (_, i) => i),
    replicate: new Uint32Array(runs),
  };
}

async function timeBatch(backend: Backend, batch: RunBatch): Promise<{ seconds: number; elementSteps: number }> {
  const start = performance.now();
  const stats = await backend.simulate(batch);
  const seconds = (performance.now() - start) / 1000;
  let steps = 0;
  for (let i = 0; i < stats.size; i++) steps += stats.columns.steps_taken[i];
  return { seconds, elementSteps: steps * batch.shape.patterns };
}

/**
 * Regime-2 set-up of docs/model.md §4: p = (0.9, 0.6, 0.1 x5), pi_ref = (0.3/gamma, 0.7, rest equal),
 * one run per entry of `gammas`.
 */
function regimeTwo(gammas: readonly number[], algorithm: Algorithm, step: number, tolerance: number, tMax: number): RunBatch {
  const R = 7;
  const n = gammas.length;
  const reference = new Float64Array(n * R);
  gammas.forEach((gamma, i) => {
    const rest = (1 - 0.7 - 0.3 / gamma) / 5;
    reference.set([0.3 / gamma, 0.7, rest, rest, rest, rest, rest], i * R);
  });
  const success = new Float64Array(n * R);
  for (let i = 0; i < n; i++) success.set([0.9, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1], i * R);
  const fill = (v: number) => new Float64Array(n).fill(v);
  return {
    shape: { patterns: R, answers: 2, reward: 'rlvr', train: 'pattern', algorithm, rollouts: 0, trajectoryPoints: 0 },
    size: n,
    successRate: success,
    initialPattern: reference,
    referencePattern: reference.slice(),
    answerDistribution: null,
    beta: fill(0),
    stepSize: fill(step),
    tMax: fill(tMax),
    maxSteps: fill(1e9),
    epsilon: fill(0.01),
    tolerance: fill(tolerance),
    sftSteps: fill(0),
    sftRate: fill(0),
    sftTarget: null,
    seed: 1,
    gridIndex: Float64Array.from({ length: n }, (_, i) => i),
    replicate: new Uint32Array(n),
  };
}

/**
 * The coarsest rung (ladder ordered coarse to fine) that passes with every
 * finer rung passing too; NaN when the finest fails.
 */
async function cheapestPassing(ladder: readonly number[], passes: (value: number) => Promise<boolean>): Promise<number> {
  let chosen = NaN;
  for (let k = ladder.length - 1; k >= 0; k--) {
    if (!(await passes(ladder[k]))) break;
    chosen = ladder[k];
  }
  return chosen;
}

/** Runs in the batched time-to-solution measurement (a sweep simulates many runs per call). */
const BATCHED_RUNS = 256;
/** Rounds of the batched measurement (one euler call of BATCHED_RUNS runs is ~0.6 s). */
const BATCHED_ROUNDS = quick ? 1 : 7;
/** Rounds of the one-run-per-call measurement (one euler call is ~2.5 ms). */
const SINGLE_ROUNDS = quick ? 5 : 41;
/** Adaptive calls per round of the one-run-per-call measurement. */
const SINGLE_PER_ROUND = 21;

async function escapeTime(batch: RunBatch): Promise<number> {
  const stats = await jsBackend.simulate(batch);
  return stats.columns.t_escape[0];
}

/** Wall time per run of one call on `batch` (the call's time / batch.size), in ms. */
async function msPerRun(batch: RunBatch): Promise<number> {
  const start = performance.now();
  await jsBackend.simulate(batch);
  return (performance.now() - start) / batch.size;
}

/** Timings of `fast` against `slow` (ms per run) and their ratio. */
interface PairedTiming {
  readonly fast: number;
  readonly slow: number;
  /** Median over rounds of slow / (median fast in that round). */
  readonly ratio: number;
  /** Lower and upper quartiles of the per-round ratios. */
  readonly ratioLow: number;
  readonly ratioHigh: number;
  readonly rounds: number;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * Wall time per run of `fast` and of `slow`, sampled interleaved (each
 * round: `fastPerRound` calls on `fast`, then one on `slow`), after warm-up
 * calls (JIT). This 2-core VM drifts between a fast and a ~1.6x slower state
 * for seconds at a time, which moves both rules alike: so the speed-up is
 * the median of per-round ratios (both sides measured within the round), not
 * a ratio of medians taken across states.
 */
async function pairedTiming(
  fast: RunBatch,
  slow: RunBatch,
  rounds: number,
  fastPerRound: number,
  warmUps: { fast: number; slow: number },
): Promise<PairedTiming> {
  for (let k = 0; k < warmUps.fast; k++) await jsBackend.simulate(fast);
  for (let k = 0; k < warmUps.slow; k++) await jsBackend.simulate(slow);
  const fastTimes: number[] = [];
  const slowTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const inRound: number[] = [];
    for (let k = 0; k < fastPerRound; k++) inRound.push(await msPerRun(fast));
    const slowTime = await msPerRun(slow);
    fastTimes.push(...inRound);
    slowTimes.push(slowTime);
    ratios.push(slowTime / median(inRound));
  }
  return {
    fast: median(fastTimes),
    slow: median(slowTimes),
    ratio: median(ratios),
    ratioLow: quantile(ratios, 0.25),
    ratioHigh: quantile(ratios, 0.75),
    rounds,
  };
}

async function main(): Promise<void> {
  const benchStart = performance.now();
  const availability = await availableBackends();
  for (const a of availability) log(`backend ${a.name}: ${a.available ? 'available' : 'unavailable'} (${a.detail})`);
  const backends: Backend[] = [jsBackend];
  if (availability.find((a) => a.name === 'tfjs')?.available === true) backends.push(await createBackend('tfjs'));

  // --- throughput
  // Warm every backend on every case first, then let V8's background threads
  // (wasm tier-up, JIT) finish: measured straight after loading tfjs-wasm, the
  // first js case ran up to 1.6x slower, sharing the 2 cores with them.
  for (const c of CASES) for (const backend of backends) await backend.simulate(throughputBatch(c, 64));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rows: string[] = [];
  for (const c of CASES) {
    const rates = new Map<string, number>();
    for (const backend of backends) {
      await backend.simulate(throughputBatch(c, 16)); // warm-up (JIT, wasm kernels)
      const samples: number[] = [];
      for (let k = 0; k < REPETITIONS; k++) {
        const { seconds, elementSteps } = await timeBatch(backend, throughputBatch(c));
        samples.push(elementSteps / seconds);
      }
      const rate = median(samples);
      rates.set(backend.name, rate);
      log(`${c.label} (${c.runs}, ${c.patterns}, ${c.steps}) ${backend.name}: ${rate.toExponential(3)} element-steps/s`);
    }
    const js = rates.get('js')!;
    const cells = backends.map((b) => rates.get(b.name)!.toExponential(2));
    const others = backends.slice(1).map((b) => `${(rates.get(b.name)! / js).toFixed(2)}`);
    rows.push(`| ${c.label} | ${c.runs} | ${c.patterns} | ${c.steps} | ${cells.join(' | ')} | ${others.join(' | ')} |`);
  }

  // --- time to solution: T0 at gamma = 26 (regime 2), euler vs adaptive at 1% accuracy
  const gamma = quick ? 12 : 26;
  const rough = await escapeTime(regimeTwo([gamma], 'adaptive', 1e-3, 1e-8, 1e13));
  const horizon = rough * 1.05;
  const reference = await escapeTime(regimeTwo([gamma], 'adaptive', 1e-3, 1e-11, horizon));
  log(`T0 reference (gamma ${gamma}, adaptive tol 1e-11): ${reference}`);
  const within = (t: number) => Math.abs(t - reference) <= 0.01 * reference;
  // The cheapest setting of each rule that reaches 1%: the largest rung of a
  // geometric ladder such that it and every finer rung pass (so a lucky
  // cancellation of errors at one coarse rung is not picked). The ladders are
  // equally fine in work: euler's steps scale as 1/eta, adaptive's as
  // tol^(-1/5) (5th order), so eta rungs are 1.05x apart and tol rungs 1.05^5x.
  const tolLadder = Array.from({ length: 67 }, (_, k) => 0.1 / 1.05 ** (5 * k)); // 1e-1 .. ~1e-8
  const etaLadder = Array.from({ length: 86 }, (_, k) => 64 / 1.05 ** k); // 64 .. ~1
  const tolerance = await cheapestPassing(tolLadder, async (tol) => {
    const t = await escapeTime(regimeTwo([gamma], 'adaptive', 1e-3, tol, horizon));
    return within(t);
  });
  const eta = await cheapestPassing(etaLadder, async (candidate) => {
    const t = await escapeTime(regimeTwo([gamma], 'euler', candidate, 0, horizon));
    return within(t);
  });
  log(`  chosen: adaptive tol ${tolerance.toPrecision(3)}, euler eta ${eta.toPrecision(3)}`);
  const adaptiveBatch = regimeTwo([gamma], 'adaptive', 1e-3, tolerance, horizon);
  const eulerBatch = regimeTwo([gamma], 'euler', eta, 0, horizon);
  const adaptiveT0 = await escapeTime(adaptiveBatch);
  const eulerT0 = await escapeTime(eulerBatch);
  const adaptiveSteps = (await jsBackend.simulate(adaptiveBatch)).columns.steps_taken[0];
  const eulerSteps = (await jsBackend.simulate(eulerBatch)).columns.steps_taken[0];
  // A single short run needs many warm-up calls before its code is fully optimised (3 left it half-tiered).
  // The first one or two adaptive calls after the 2.5 ms euler call run up to 2-4x slower (caches and
  // branch predictors taken by it; a 3 ms sleep or busy loop does the same), which a sequence of
  // one-run calls does not see: so a round has SINGLE_PER_ROUND of them, and their median is the steady state.
  const single = await pairedTiming(adaptiveBatch, eulerBatch, SINGLE_ROUNDS, SINGLE_PER_ROUND, { fast: 300, slow: 3 });
  const adaptiveMs = single.fast;
  const eulerMs = single.slow;
  // Batched: BATCHED_RUNS runs per call, gamma spread evenly over gamma +- 2% (distinct
  // trajectories; same rule settings), as a sweep runs them; time per run.
  const gammas = Array.from({ length: BATCHED_RUNS }, (_, i) => gamma * (0.98 + (0.04 * i) / (BATCHED_RUNS - 1)));
  const batched = await pairedTiming(
    regimeTwo(gammas, 'adaptive', 1e-3, tolerance, horizon),
    regimeTwo(gammas, 'euler', eta, 0, horizon),
    BATCHED_ROUNDS,
    5,
    { fast: 2, slow: 1 },
  );
  const adaptiveBatchedMs = batched.fast;
  const eulerBatchedMs = batched.slow;
  log(`  batched: adaptive ${adaptiveBatchedMs.toFixed(4)} ms/run, euler ${eulerBatchedMs.toFixed(3)} ms/run`);

  const names = backends.map((b) => b.name);
  const ratioHeads = names.slice(1).map((name) => `${name} / js`);
  const out: string[] = [];
  out.push(`Kernel throughput (element-steps/s = runs x patterns x steps / s; median of ${REPETITIONS}; one thread; exact rules: rlvr, beta 0, train pattern):`);
  out.push('');
  out.push(`| rule | runs | R | steps | ${names.join(' | ')} | ${ratioHeads.join(' | ')} |`);
  out.push(`|---|---:|---:|---:|${names.map(() => '---:').join('|')}|${ratioHeads.map(() => '---:').join('|')}|`);
  out.push(...rows);
  out.push('');
  out.push(`Time to solution, T0 (t_escape) of regime 2 at gamma = ${gamma} (p = (0.9, 0.6, 0.1x5), pi_ref = (0.3/gamma, 0.7, rest equal)), js backend, one thread.`);
  out.push(`Compiled code (tsc output, as \`patternsweep\` runs), the js backend as sweeps create it (it keeps its workspace between calls).`);
  out.push(`"single": one run per call, each call timed alone (includes per-call set-up: validation, stats allocation, the promise), ${SINGLE_ROUNDS} rounds of ${SINGLE_PER_ROUND} adaptive calls then 1 euler call (after 300 adaptive warm-up calls; the first calls after an euler call run up to 2-4x slower, cold caches, so a round has many).`);
  out.push(`"batched": ${BATCHED_RUNS} runs per call (gamma spread evenly over ${gamma} +- 2%, same settings), wall time / ${BATCHED_RUNS}, ${BATCHED_ROUNDS} rounds of 5 adaptive calls then 1 euler call.`);
  out.push('Times are medians over all calls; the speed-up is the median of per-round ratios (euler call / median adaptive call of the same round), with their interquartile range.');
  out.push(
    'Settings: for each rule the cheapest rung reaching 1% (it and every finer rung within 1% of the reference) on ladders equally fine in work: eta = 64 / 1.05^k down to ~1, tol = 0.1 / 1.05^(5k) down to ~1e-8 (work ~ 1/eta resp. tol^(-1/5)).',
  );
  out.push('');
  out.push('| rule | setting | T0 | error vs reference | steps | single: ms per run | batched: ms per run |');
  out.push('|---|---|---:|---:|---:|---:|---:|');
  out.push(`| reference | adaptive, tol 1e-11 | ${reference.toPrecision(7)} | — | — | — | — |`);
  out.push(
    `| adaptive | tol ${tolerance.toPrecision(3)} | ${adaptiveT0.toPrecision(7)} | ${(((adaptiveT0 - reference) / reference) * 100).toFixed(3)}% | ${adaptiveSteps} | ${adaptiveMs.toFixed(4)} | ${adaptiveBatchedMs.toFixed(4)} |`,
  );
  out.push(
    `| euler | eta ${eta.toPrecision(3)} | ${eulerT0.toPrecision(7)} | ${(((eulerT0 - reference) / reference) * 100).toFixed(3)}% | ${eulerSteps} | ${eulerMs.toFixed(3)} | ${eulerBatchedMs.toFixed(3)} |`,
  );
  out.push('');
  const range = (p: PairedTiming) => `${p.ratio.toFixed(0)}x (interquartile ${p.ratioLow.toFixed(0)}-${p.ratioHigh.toFixed(0)}x over ${p.rounds} rounds)`;
  out.push(
    `adaptive is faster than euler at equal (1%) accuracy by ${range(single)} for a single run per call, and by ${range(batched)} per run in batches of ${BATCHED_RUNS}.`,
  );
  out.push(`Total bench time ${((performance.now() - benchStart) / 1000).toFixed(0)} s.`);
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
