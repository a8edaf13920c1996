/** Index space: decode round trip, huge plans, shard coverage, Sobol points. */
import t from 'tap';
import { parseSpec, planSweep, sobolPoint, SweepRangeError } from '../../sweep/index.js';

const MIXED = `name: mixed
seed: 7
replicates: 3
model:
  patterns: 4
  successRate: {optimal: 0.9, rival: 0.6, rest: 0.1}
  initialPattern: {gamma: 3, rival: 0.4}
grid:
  beta: [0, 0.01, 0.1]
  algorithm.rule: [euler, adaptive]
  model.initialPattern.gamma: {logspace: [2, 32, 5]}
  model.patterns: {range: [3, 6, 1]}
sample:
  count: 5
  method: sobol
  axes:
    epsilon: {uniform: [0.01, 0.1]}
    algorithm.stepSize: {logUniform: [0.001, 0.1]}
shardSize: 7
`;

t.test('decode round trip matches an independently expanded grid', async (t) => {
  const plan = planSweep(parseSpec(MIXED));
  const gammas = [2, 2 * 16 ** 0.25, 8, 2 * 16 ** 0.75, 32];
  t.equal(plan.size, 3 * 2 * 5 * 3 * 5 * 3);
  t.equal(plan.points, 3 * 2 * 5 * 3 * 5);
  t.same(
    plan.axes.map((a) => [a.name, a.kind, a.source]),
    [
      ['beta', 'numeric', 'grid'],
      ['algorithm.rule', 'enum', 'grid'],
      ['model.initialPattern.gamma', 'numeric', 'grid'],
      ['model.patterns', 'numeric', 'grid'],
      ['epsilon', 'numeric', 'sample'],
      ['algorithm.stepSize', 'numeric', 'sample'],
    ],
  );
  // Independent expansion: nested loops, first axis slowest, then sample, then replicate.
  const expected: { beta: number; rule: string; gamma: number; R: number; s: number; rep: number }[] = [];
  for (const beta of [0, 0.01, 0.1])
    for (const rule of ['euler', 'adaptive'])
      for (const gamma of gammas)
        for (const R of [3, 4, 5])
          for (let s = 0; s < 5; s++) for (let rep = 0; rep < 3; rep++) expected.push({ beta, rule, gamma, R, s, rep });
  t.equal(expected.length, plan.size);
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % plan.size;
  const indices = [0, plan.size - 1, ...Array.from({ length: 300 }, next)];
  for (const index of indices) {
    const d = plan.describe(index);
    const e = expected[index];
    const u = sobolPoint(e.s, new Float64Array(2));
    const ok =
      d.index === index &&
      d.replicate === e.rep &&
      d.sample === e.s &&
      d.point === Math.floor(index / 3) &&
      d.axes.beta === e.beta &&
      d.axes['algorithm.rule'] === e.rule &&
      Math.abs((d.axes['model.initialPattern.gamma'] as number) - e.gamma) < 1e-12 &&
      d.axes['model.patterns'] === e.R &&
      d.axes.epsilon === 0.01 + u[0] * (0.1 - 0.01) &&
      Math.abs((d.axes['algorithm.stepSize'] as number) - 0.001 * 100 ** u[1]) < 1e-15;
    if (!ok) t.fail(`index ${index}: ${JSON.stringify(d)} vs ${JSON.stringify(e)}`);
  }
  t.pass('all sampled indices decode as expanded');
  t.throws(() => plan.describe(plan.size), SweepRangeError);
  t.throws(() => plan.describe(-1), SweepRangeError);
  t.throws(() => plan.describe(1.5), SweepRangeError);
});

t.test('describe() of a 10^12-run plan is instant and exact', async (t) => {
  const spec = parseSpec(`name: huge
seed: 1
replicates: 1000
model: {patterns: 2, successRate: [0.9, 0.1]}
grid:
  beta: {linspace: [0, 1, 1000]}
  epsilon: {logspace: [1e-6, 0.1, 1000]}
  algorithm.stepSize: {logspace: [1e-4, 1, 1000]}
shardSize: 1000000
limits: {maxRuns: 1e13}
`);
  const started = process.hrtime.bigint();
  const plan = planSweep(spec);
  t.equal(plan.size, 1e12);
  t.equal(plan.shardCount, 1e6);
  const d = plan.describe(1e12 - 1);
  t.same([d.point, d.replicate, d.axes.beta, d.axes.epsilon, d.axes['algorithm.stepSize']], [1e9 - 1, 999, 1, 0.1, 1]);
  const mid = plan.describe(123_456_789_012);
  // point 123456789, replicate 12: digits 123, 456, 789.
  t.same([mid.point, mid.replicate], [123_456_789, 12]);
  t.equal(mid.axes.beta, 123 / 999);
  t.same(plan.shardRange(plan.shardCount - 1), { start: 1e12 - 1e6, end: 1e12 });
  t.equal(plan.shardOf(123_456_789_012), 123_456);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  t.ok(ms < 500, `planned and described in ${ms} ms`);
});

t.test('shard ranges cover 0..N-1 exactly once', async (t) => {
  for (const shardSize of [1, 7, 1000, 1350, 5000]) {
    const spec = parseSpec(MIXED.replace('shardSize: 7', `shardSize: ${shardSize}`));
    const plan = planSweep(spec);
    const seen = new Uint8Array(plan.size);
    let expectedStart = 0;
    for (let k = 0; k < plan.shardCount; k++) {
      const { start, end } = plan.shardRange(k);
      t.equal(start, expectedStart);
      t.ok(end > start && end - start <= shardSize);
      for (let i = start; i < end; i++) seen[i]++;
      expectedStart = end;
    }
    t.equal(expectedStart, plan.size);
    t.ok(seen.every((c) => c === 1), `shardSize ${shardSize}: every index once`);
    t.equal(plan.shardCount, Math.ceil(plan.size / shardSize));
    t.throws(() => plan.shardRange(plan.shardCount), SweepRangeError);
  }
});

t.test('plan without grid or sample has one point per replicate', async (t) => {
  const plan = planSweep(parseSpec('name: one\nseed: 0\nreplicates: 5\nmodel: {patterns: 2, successRate: [0.9, 0.1]}\n'));
  t.same([plan.size, plan.points, plan.shardCount, plan.axes.length], [5, 1, 1, 0]);
  t.same(plan.describe(4), { index: 4, point: 0, gridPoint: 0, sample: 0, replicate: 4, axes: {} });
});

t.test('Sobol points match scipy.stats.qmc.Sobol(scramble=False)', async (t) => {
  const x = (j: number, d = 32) => Array.from(sobolPoint(j, new Float64Array(d)));
  t.same(x(0, 4), [0, 0, 0, 0]);
  t.same(x(1, 4), [0.5, 0.5, 0.5, 0.5]);
  t.same(x(2, 8), [0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75]);
  t.same(x(3, 8), [0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25]);
  t.same(x(5, 8), [0.875, 0.875, 0.125, 0.375, 0.875, 0.625, 0.875, 0.375]);
  // Reference values from scipy 1.17 (Joe-Kuo 6.21201), all 32 dimensions.
  t.same(x(100), [
    0.4140625, 0.2578125, 0.7734375, 0.7265625, 0.8828125, 0.7421875, 0.0234375, 0.4765625, 0.6328125, 0.6953125, 0.4609375,
    0.6796875, 0.4765625, 0.8515625, 0.3203125, 0.4921875, 0.6796875, 0.7421875, 0.8359375, 0.3359375, 0.7578125, 0.3984375,
    0.0078125, 0.4921875, 0.0234375, 0.0078125, 0.9453125, 0.6640625, 0.2421875, 0.7265625, 0.7109375, 0.4140625,
  ]);
  t.same(x(1023), [
    0.0009765625, 0.7529296875, 0.6123046875, 0.1455078125, 0.1865234375, 0.4384765625, 0.1396484375, 0.6181640625, 0.3447265625,
    0.8505859375, 0.6787109375, 0.0361328125, 0.1298828125, 0.6650390625, 0.3623046875, 0.4638671875, 0.3134765625, 0.8759765625,
    0.5849609375, 0.3193359375, 0.8662109375, 0.0185546875, 0.7939453125, 0.1962890625, 0.2392578125, 0.3759765625, 0.5087890625,
    0.7607421875, 0.8408203125, 0.4345703125, 0.9287109375, 0.6142578125,
  ]);
  t.same(x(1048589), [
    0.8125014305114746, 0.781257152557373, 0.49207258224487305, 0.7709460258483887, 0.8347315788269043, 0.0761866569519043,
    0.3520359992980957, 0.5232481956481934, 0.2103743553161621, 0.9522624015808105, 0.9392886161804199, 0.7128767967224121,
    0.11807394027709961, 0.8286919593811035, 0.08770322799682617, 0.6156716346740723, 0.353670597076416, 0.47678232192993164,
    0.9124512672424316, 0.3848233222961426, 0.5397162437438965, 0.7072110176086426, 0.5369601249694824, 0.13439035415649414,
    0.18689966201782227, 0.3984522819519043, 0.5703959465026855, 0.43978452682495117, 0.7692646980285645, 0.22923994064331055,
    0.925438404083252, 0.3050971031188965,
  ]);
  t.throws(() => sobolPoint(0, new Float64Array(33)), SweepRangeError);
});

t.test('describeRange gives the columns of describe for every index, at any range', async (t) => {
  const plan = planSweep(parseSpec(MIXED));
  const ranges: [number, number][] = [
    [0, plan.size],
    [0, 1],
    [plan.size - 1, plan.size],
    [13, 14 + 3 * 5 * 2],
    [44, 301],
    [plan.size - 97, plan.size],
  ];
  for (const [start, end] of ranges) {
    const r = plan.describeRange(start, end);
    t.equal(r.point.length, end - start);
    let mismatches = 0;
    for (let i = 0; i < end - start; i++) {
      const d = plan.describe(start + i);
      if (r.point[i] !== d.point || r.replicate[i] !== d.replicate) mismatches++;
      plan.axes.forEach((a, k) => {
        const want = d.axes[a.name];
        const got = r.axes[k][i];
        if (a.kind === 'enum' ? got !== String(want) : !Object.is(got, Number(want))) mismatches++;
      });
    }
    t.equal(mismatches, 0, `[${start}, ${end}): every point, replicate and axis value as describe`);
    t.ok(Array.isArray(r.axes[1]) && r.axes[0] instanceof Float64Array, 'enum axes are strings, numeric axes Float64Array');
  }
  t.throws(() => plan.describeRange(5, 5), SweepRangeError);
  t.throws(() => plan.describeRange(0, plan.size + 1), SweepRangeError);
  t.throws(() => plan.describeRange(-1, 3), SweepRangeError);
});
