/**
 * Backend conformance: the tfjs backend (float32) against the js reference
 * (float64), tfjs bit-stability under batch split/reorder/resize, `auto`
 * selection, and the errors for backends that cannot run.
 */
import t from 'tap';
import type { BackendName } from '../../model/backend.js';
import type { Algorithm, BatchShape, Reward, RunBatch, TrainMode } from '../../model/batch.js';
import { jsBackend } from '../../model/js/index.js';
import { availableBackends, BackendUnavailableError, createBackend, type AutoBackend } from '../../model/select.js';
import { STAT_NAMES, type BatchStats, type StatName } from '../../model/stats.js';
import { createTfjsBackend, RUNTIME_ENV } from '../../model/tfjs/index.js';

/** Statistics that are counts, flags or indices: equal, not close. */
const EXACT: readonly StatName[] = [
  'converged',
  'escaped',
  'regime',
  'final_argmax',
  'ends_on_opt',
  'ends_on_worst',
  'diverged',
];
const RELATIVE = 1e-4;
/**
 * `adaptive` event times and trajectory samples are interpolated inside steps
 * that the error control chooses; float32 error estimates choose slightly
 * different steps than float64 (the error estimate is a difference of stage
 * derivatives, about 6e-8 / tolerance noisy in float32), so these agree to
 * the linear interpolation error over steps of O(1) time units (up to ~1%
 * here), not to float32 resolution. Every other statistic meets 1e-4.
 */
const ADAPTIVE_TIMES: readonly string[] = ['t_peak', 't_conv', 't_escape', 'time', 'acc', 'piOpt'];
const ADAPTIVE_RELATIVE = 2e-2;
/** Absolute floor for values near zero (drop, d_acc0, KL): float32 resolution of O(1) quantities. */
const FLOOR = 2e-6;

interface BatchOptions {
  readonly patterns: number;
  readonly reward?: Reward;
  readonly train?: TrainMode;
  readonly algorithm?: Algorithm;
  readonly rollouts?: number;
  readonly size?: number;
  readonly trajectoryPoints?: number;
}

/**
 * A batch whose runs differ in p, pi_0, beta (0 on even rows), step size and
 * horizon; a weak optimal pattern so that t_escape and t_conv fall inside it.
 */
function makeBatch(o: BatchOptions): RunBatch {
  const R = o.patterns;
  const n = o.size ?? 6;
  const algorithm = o.algorithm ?? 'euler';
  const shape: BatchShape = {
    patterns: R,
    answers: 2,
    reward: o.reward ?? 'rlvr',
    train: o.train ?? 'pattern',
    algorithm,
    rollouts: o.rollouts ?? 0,
    trajectoryPoints: o.trajectoryPoints ?? 4,
  };
  const success = new Float64Array(n * R);
  const initial = new Float64Array(n * R);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let r = 0; r < R; r++) {
      success[i * R + r] = r === 0 ? 0.9 : r === 1 ? 0.6 - 0.02 * (i % 3) : 0.05 + 0.3 * (((i + 1) * (r + 2)) % 7) / 7;
      initial[i * R + r] = r === 0 ? 1 : 1 + ((i + r) % 3);
      sum += initial[i * R + r];
    }
    for (let r = 0; r < R; r++) initial[i * R + r] /= sum;
  }
  const column = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const fixedStep = algorithm === 'rk4' ? 0.5 : 0.25;
  return {
    shape,
    size: n,
    successRate: success,
    initialPattern: initial,
    referencePattern: initial.slice(),
    answerDistribution: null,
    beta: column((i) => (i % 2 === 0 ? 0 : 0.02 * i)),
    stepSize: column((i) => (algorithm === 'adaptive' ? 0.01 : fixedStep * (1 + 0.1 * (i % 2)))),
    tMax: column((i) => 14 + i),
    maxSteps: column(() => 1e6),
    epsilon: column(() => 0.3),
    tolerance: column(() => 1e-6),
    sftSteps: column(() => 0),
    sftRate: column(() => 0),
    sftTarget: null,
    seed: 11,
    gridIndex: column((i) => 100 + i),
    replicate: new Uint32Array(n),
  };
}

/** Rows `rows` of a batch, in that order. */
function selectRows(batch: RunBatch, rows: readonly number[]): RunBatch {
  const R = batch.shape.patterns;
  const A = batch.shape.answers;
  const take = (source: Float64Array, width: number) => {
    const out = new Float64Array(rows.length * width);
    rows.forEach((i, j) => out.set(source.subarray(i * width, (i + 1) * width), j * width));
    return out;
  };
  return {
    ...batch,
    size: rows.length,
    successRate: take(batch.successRate, R),
    initialPattern: take(batch.initialPattern, R),
    referencePattern: take(batch.referencePattern, R),
    answerDistribution: batch.answerDistribution === null ? null : take(batch.answerDistribution, R * A),
    beta: take(batch.beta, 1),
    stepSize: take(batch.stepSize, 1),
    tMax: take(batch.tMax, 1),
    maxSteps: take(batch.maxSteps, 1),
    epsilon: take(batch.epsilon, 1),
    tolerance: take(batch.tolerance, 1),
    sftSteps: take(batch.sftSteps, 1),
    sftRate: take(batch.sftRate, 1),
    sftTarget: batch.sftTarget === null ? null : take(batch.sftTarget, R),
    gridIndex: take(batch.gridIndex, 1),
    replicate: Uint32Array.from(rows, (i) => batch.replicate[i]),
  };
}

/** First disagreement between two stats (null if none), within tolerance or bit-exact. */
function firstDifference(a: BatchStats, b: BatchStats, exact: boolean, skip: readonly StatName[] = [], adaptive = false): string | null {
  const close = (x: number, y: number, name: string) => {
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
    if (exact || EXACT.includes(name as StatName)) return Object.is(x, y);
    const relative = adaptive && ADAPTIVE_TIMES.includes(name) ? ADAPTIVE_RELATIVE : RELATIVE;
    return Math.abs(x - y) <= relative * Math.max(Math.abs(x), Math.abs(y)) + FLOOR;
  };
  for (const name of STAT_NAMES) {
    if (skip.includes(name)) continue;
    for (let i = 0; i < a.size; i++) {
      const x = a.columns[name][i];
      const y = b.columns[name][i];
      if (!close(x, y, name)) return `${name}[${i}]: ${x} vs ${y}`;
    }
  }
  if ((a.trajectory === null) !== (b.trajectory === null)) return 'trajectory presence';
  if (a.trajectory !== null && b.trajectory !== null) {
    for (const part of ['time', 'acc', 'piOpt'] as const) {
      const x = a.trajectory[part];
      const y = b.trajectory[part];
      for (let k = 0; k < x.length; k++) if (!close(x[k], y[k], part)) return `trajectory.${part}[${k}]: ${x[k]} vs ${y[k]}`;
    }
  }
  return null;
}

/** Rows of `full` at `rows`, as stats of their own. */
function statsRows(full: BatchStats, rows: readonly number[]): BatchStats {
  const columns = {} as Record<StatName, Float64Array>;
  for (const name of STAT_NAMES) columns[name] = Float64Array.from(rows, (i) => full.columns[name][i]);
  const tr = full.trajectory;
  const K = tr?.points ?? 0;
  const take = (a: Float64Array) => {
    const out = new Float64Array(rows.length * K);
    rows.forEach((i, j) => out.set(a.subarray(i * K, (i + 1) * K), j * K));
    return out;
  };
  return {
    size: rows.length,
    columns,
    trajectory: tr === null ? null : { points: K, time: take(tr.time), acc: take(tr.acc), piOpt: take(tr.piOpt) },
  };
}

t.test('tfjs agrees with js on exact-gradient runs', async (t) => {
  const tfjs = await createTfjsBackend();
  t.match(tfjs.name, /^tfjs-(wasm|node)$/, 'a fast runtime loaded, never cpu');
  const rewards: Reward[] = ['rlvr', 'self-certainty', 'neg-entropy', 'trajectory-logprob'];
  const algorithms: Algorithm[] = ['euler', 'rk4', 'adaptive'];
  let events = 0;
  for (const reward of rewards) {
    for (const algorithm of algorithms) {
      for (const train of ['pattern', 'both'] as const) {
        // R alternates with the case so both small and wider pattern sets are covered.
        const patterns = (rewards.indexOf(reward) + algorithms.indexOf(algorithm) + (train === 'both' ? 1 : 0)) % 2 === 0 ? 3 : 8;
        const batch = makeBatch({ patterns, reward, algorithm, train });
        const expected = await jsBackend.simulate(batch);
        const actual = await tfjs.simulate(batch);
        // adaptive: float32 error estimates can move an accept/reject decision, and with it the step count.
        const skip: StatName[] = algorithm === 'adaptive' ? ['steps_taken'] : [];
        const diff = firstDifference(expected, actual, false, skip, algorithm === 'adaptive');
        t.equal(diff, null, `${reward} ${algorithm} train=${train} R=${patterns}`);
        for (let i = 0; i < batch.size; i++) events += expected.columns.converged[i] + expected.columns.escaped[i];
      }
    }
  }
  t.ok(events > 50, `the cases exercise the events (${events} converged/escaped)`);
});

t.test('tfjs agrees with js with A = 3, a given answer distribution and SFT', async (t) => {
  const tfjs = await createTfjsBackend();
  for (const train of ['pattern', 'both'] as const) {
    for (const reward of ['self-certainty', 'trajectory-logprob'] as const) {
      const base = makeBatch({ patterns: 4, train, reward, size: 4 });
      const R = 4;
      const A = 3;
      const answers = new Float64Array(base.size * R * A);
      for (let k = 0; k < base.size * R; k++) {
        const p = base.successRate[k];
        const split = 0.25 + 0.5 * ((k % 3) / 3);
        answers.set([p, (1 - p) * split, (1 - p) * (1 - split)], k * A);
      }
      const target = new Float64Array(base.size * R).fill(1 / R);
      const batch: RunBatch = {
        ...base,
        shape: { ...base.shape, answers: A },
        answerDistribution: answers,
        sftSteps: Float64Array.from({ length: base.size }, (_, i) => (i % 2) * 5),
        sftRate: new Float64Array(base.size).fill(0.5),
        sftTarget: target,
      };
      const diff = firstDifference(await jsBackend.simulate(batch), await tfjs.simulate(batch), false);
      t.equal(diff, null, `${reward} train=${train}`);
    }
  }
});

t.test('tfjs adaptive takes about as many steps as js', async (t) => {
  const tfjs = await createTfjsBackend();
  const batch = makeBatch({ patterns: 5, algorithm: 'adaptive' });
  const expected = await jsBackend.simulate(batch);
  const actual = await tfjs.simulate(batch);
  for (let i = 0; i < batch.size; i++) {
    const a = expected.columns.steps_taken[i];
    const b = actual.columns.steps_taken[i];
    t.ok(Math.abs(a - b) <= Math.max(2, 0.05 * a), `row ${i}: ${a} vs ${b} steps`);
  }
});

t.test('tfjs bits do not depend on batch split, order or size', async (t) => {
  const tfjs = await createTfjsBackend();
  const cases: BatchOptions[] = [
    { patterns: 8, algorithm: 'euler', size: 23 },
    { patterns: 64, algorithm: 'euler', size: 9, reward: 'self-certainty' },
    { patterns: 5, algorithm: 'adaptive', size: 17, train: 'both' },
    { patterns: 8, algorithm: 'rk4', size: 11, reward: 'trajectory-logprob' },
    { patterns: 6, algorithm: 'grpo', rollouts: 16, size: 13 },
    { patterns: 4, algorithm: 'reinforce', rollouts: 8, size: 7, train: 'both' },
  ];
  for (const options of cases) {
    const batch = makeBatch(options);
    const full = await tfjs.simulate(batch);
    const n = batch.size;
    const reversed = Array.from({ length: n }, (_, i) => n - 1 - i);
    const odd = reversed.filter((i) => i % 2 === 1);
    const single = [n >> 1];
    for (const rows of [reversed, odd, single]) {
      const part = await tfjs.simulate(selectRows(batch, rows));
      t.equal(firstDifference(statsRows(full, rows), part, true), null, `${options.algorithm} R=${options.patterns}: rows ${rows.length}`);
    }
    // A different internal chunk size must not change a bit either.
    const chunked = await (await createTfjsBackend({ chunkSize: 4 })).simulate(batch);
    t.equal(firstDifference(full, chunked, true), null, `${options.algorithm} R=${options.patterns}: chunks of 4`);
  }
});

t.test('stochastic rules: tfjs tracks js (same counter-based draws)', async (t) => {
  const tfjs = await createTfjsBackend();
  for (const algorithm of ['grpo', 'reinforce'] as const) {
    const batch = makeBatch({ patterns: 5, algorithm, rollouts: 16, size: 8 });
    const expected = await jsBackend.simulate(batch);
    const actual = await tfjs.simulate(batch);
    let same = 0;
    for (let i = 0; i < batch.size; i++) {
      if (Math.abs(expected.columns.acc_final[i] - actual.columns.acc_final[i]) < 1e-3) same++;
    }
    // Float32 cumulative sums may flip a draw that sits on a boundary; nearly all runs follow the same path.
    t.ok(same >= batch.size - 1, `${algorithm}: ${same}/${batch.size} runs end at the same ACC`);
  }
});

t.test('auto picks a fast backend, reports it and is deterministic', async (t) => {
  const auto = (await createBackend('auto', { probeRows: 64, probeSteps: 10 })) as AutoBackend;
  t.equal(auto.name, 'auto', 'before any batch');
  t.equal(auto.lastChoice, null);
  const batch = makeBatch({ patterns: 4, size: 10 });
  const stats = await auto.simulate(batch);
  t.not(auto.name, 'tfjs-cpu', 'never the cpu runtime');
  t.ok(['js', 'tfjs-wasm', 'tfjs-node'].includes(auto.name), `ran ${auto.name}`);
  t.equal(auto.lastChoice?.backend, auto.name);
  t.equal(auto.describe().length, 1, 'one probe per shape key');
  t.ok(auto.lastChoice!.timings.every((timing) => timing.msPerRunStep > 0));
  const direct = auto.name === 'js' ? jsBackend : await createTfjsBackend();
  t.equal(firstDifference(await direct.simulate(batch), stats, true), null, 'same bits as the chosen backend');
  await auto.simulate(makeBatch({ patterns: 4, size: 9 }));
  t.equal(auto.describe().length, 1, 'same shape key: no new probe');
});

t.test('auto with a near tie prefers js', async (t) => {
  // A clock that makes every probe take the same time: within 10%, js wins.
  let ticks = 0;
  const auto = (await createBackend('auto', { probeRows: 8, probeSteps: 2, now: () => (ticks += 1) })) as AutoBackend;
  await auto.simulate(makeBatch({ patterns: 3, size: 4 }));
  t.equal(auto.name, 'js');
});

t.test('unavailable or unknown backends give clear errors', async (t) => {
  const listed = await availableBackends();
  t.same(
    listed.map((b) => b.name),
    ['js', 'tfjs'],
  );
  t.equal(listed[0].available, true);
  const nodeLoads = listed[1].detail.startsWith('tfjs-node');
  if (!nodeLoads) {
    const error = await createTfjsBackend({ runtime: 'node' }).catch((e: unknown) => e);
    t.type(error, BackendUnavailableError);
    t.match(error, { name: 'BackendUnavailableError', code: 'BACKEND_UNAVAILABLE', backend: 'tfjs' });
    t.match((error as Error).message, /backend: "tfjs" is not available on this machine \(node: .+\)/);
  }
  const unknown = await createBackend('gpu' as BackendName).catch((e: unknown) => e);
  t.match(unknown, { name: 'BackendUnavailableError', message: /backend: "gpu" .*not one of js, tfjs, auto/ });

  const saved = process.env[RUNTIME_ENV];
  process.env[RUNTIME_ENV] = 'quantum';
  t.teardown(() => {
    if (saved === undefined) delete process.env[RUNTIME_ENV];
    else process.env[RUNTIME_ENV] = saved;
  });
  const bad = await createTfjsBackend().catch((e: unknown) => e);
  t.match(bad, { name: 'BackendUnavailableError', message: /PATTERNSWEEP_TFJS_RUNTIME: "quantum" is not one of node, wasm, cpu/ });
});

t.test('the cpu runtime runs only when asked for by name', async (t) => {
  const cpu = await createTfjsBackend({ runtime: 'cpu' });
  t.equal(cpu.name, 'tfjs-cpu');
  const batch = makeBatch({ patterns: 3, size: 3 });
  const viaCpu = await cpu.simulate(batch);
  t.equal(firstDifference(await jsBackend.simulate(batch), viaCpu, false), null, 'cpu agrees with js too');
  // The default backend re-activates its own runtime afterwards.
  const fast = await createTfjsBackend();
  t.match(fast.name, /^tfjs-(wasm|node)$/);
  const again = await fast.simulate(batch);
  t.equal(firstDifference(await fast.simulate(batch), again, true), null);
});

t.test('tfjs refuses adaptive tolerances float32 cannot honour; auto then runs js', async (t) => {
  const fine = makeBatch({ patterns: 4, size: 3, algorithm: 'adaptive' });
  fine.tolerance[1] = 1e-7;
  const tfjs = await createTfjsBackend();
  await t.rejects(tfjs.simulate(fine), {
    name: 'ModelParameterError',
    field: 'tolerance[1]',
    message: /tolerance\[1\]: 1e-7 is not >= 1e-6 on the tfjs backend \(float32\); use --backend js/,
  });
  fine.tolerance[1] = 1e-6;
  const atFloor = await tfjs.simulate(fine);
  t.equal(atFloor.size, 3, 'the floor itself is accepted');
  fine.tolerance[1] = 1e-9;
  const auto = (await createBackend('auto', { probeRows: 64, probeSteps: 10 })) as AutoBackend;
  const viaAuto = await auto.simulate(fine);
  t.equal(auto.name, 'js', 'auto keeps js');
  t.equal(firstDifference(await jsBackend.simulate(fine), viaAuto, true), null, 'js bits');
});

t.test('regime 2 up to T0 = 1e6: tfjs decides t_escape on the margin and agrees with js', async (t) => {
  // examples/regime2.yaml rows (7 patterns, pi_0 = pi_ref = (0.3/gamma, 0.7, rest equal)), at the
  // default tolerance 1e-6; T0 from 7.6 to 7.8e5. On a plateau ACC - p(r') is ~1e-6 or less,
  // near float32's rounding of ACC; the margin sum_r pi(r) (p(r) - p(r')) has the rival's
  // term exactly 0 (docs/model.md eq. (16)), so its sign holds in float32.
  const R = 7;
  const cases: [number, number][] = [];
  for (const gamma of [2, 4, 8, 16, 24, 32]) cases.push([gamma, 0.6]);
  for (const gamma of [2, 4, 8, 16]) cases.push([gamma, 0.7]);
  const n = cases.length;
  const success = new Float64Array(n * R);
  const initial = new Float64Array(n * R);
  cases.forEach(([gamma, rival], i) => {
    const rest = (1 - 0.7 - 0.3 / gamma) / (R - 2);
    success.set([0.9, rival, 0.1, 0.1, 0.1, 0.1, 0.1], i * R);
    initial.set([0.3 / gamma, 0.7, rest, rest, rest, rest, rest], i * R);
  });
  const column = (v: number) => new Float64Array(n).fill(v);
  const batch: RunBatch = {
    shape: { patterns: R, answers: 2, reward: 'rlvr', train: 'pattern', algorithm: 'adaptive', rollouts: 0, trajectoryPoints: 0 },
    size: n,
    successRate: success,
    initialPattern: initial,
    referencePattern: initial.slice(),
    answerDistribution: null,
    beta: column(0),
    stepSize: column(0.01),
    tMax: column(2e6),
    maxSteps: column(5000),
    epsilon: column(0.01),
    tolerance: column(1e-6),
    sftSteps: column(0),
    sftRate: column(0),
    sftTarget: null,
    seed: 3,
    gridIndex: Float64Array.from({ length: n }, (_, i) => i),
    replicate: new Uint32Array(n),
  };
  const expected = (await jsBackend.simulate(batch)).columns;
  const actual = (await (await createTfjsBackend()).simulate(batch)).columns;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const label = `gamma ${cases[i][0]} p' ${cases[i][1]}`;
    t.equal(actual.regime[i], 2, `${label}: regime 2 on both`);
    t.equal(actual.escaped[i], 1, `${label}: tfjs escapes`);
    largest = Math.max(largest, expected.t_escape[i]);
    const relative = Math.abs(actual.t_escape[i] / expected.t_escape[i] - 1);
    // Measured: within 8.4e-4 (float32 error estimates choose slightly different steps).
    t.ok(relative < 2e-3, `${label}: T0 ${actual.t_escape[i]} (tfjs) vs ${expected.t_escape[i]} (js)`);
    if (expected.converged[i] === 1) {
      t.equal(actual.converged[i], 1, `${label}: tfjs converges too`);
      t.ok(Math.abs(actual.t_conv[i] / expected.t_conv[i] - 1) < 1e-2, `${label}: t_conv ${actual.t_conv[i]} vs ${expected.t_conv[i]}`);
    }
  }
  t.ok(largest > 5e5 && largest < 1e6, `the largest T0 is ${largest}`);
});

t.test('boundary ties (docs/model.md eq. (19)): tfjs takes the regime and t_escape = 0 from the shared set-up', async (t) => {
  // pi_0 uniform over p = (0.9, 0.6, 0.3): ACC_0 = p(r') = 0.6 up to rounding; ACC rises, so regime 1.
  const base = makeBatch({ patterns: 3, algorithm: 'adaptive', size: 2, trajectoryPoints: 0 });
  const batch: RunBatch = {
    ...base,
    successRate: Float64Array.from([0.9, 0.6, 0.3, 0.9, 0.6 + 1e-9, 0.3]),
    initialPattern: new Float64Array(6).fill(1 / 3),
    referencePattern: new Float64Array(6).fill(1 / 3),
    beta: new Float64Array(2),
  };
  const expected = (await jsBackend.simulate(batch)).columns;
  const actual = (await (await createTfjsBackend()).simulate(batch)).columns;
  t.same([expected.regime[0], expected.t_escape[0]], [1, 0], 'js: the tie is regime 1, escaped at t = 0');
  t.same([actual.regime[0], actual.t_escape[0]], [1, 0], 'tfjs: the same');
  t.equal(actual.regime[1], 2, '1e-9 below p(r\'): regime 2 on tfjs too');
  t.ok(actual.t_escape[1] >= 0 && actual.t_escape[1] < 1e-3, `and escapes at once (${actual.t_escape[1]} on tfjs, ${expected.t_escape[1]} on js)`);
});
