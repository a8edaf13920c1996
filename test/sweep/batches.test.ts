/** buildBatches: shard independence, grouping by shape, distribution forms; specHash. */
import t from 'tap';
import type { RunBatch } from '../../model/batch.js';
import { streamUniforms } from '../../model/random.js';
import { validateBatch } from '../../model/validate.js';
import { buildBatches, parseSpec, planSweep, RunDecodeError, specHash, STREAM_SUCCESS_RATE, type SweepPlan } from '../../sweep/index.js';

const SPEC = `name: batches
seed: 99
replicates: 3
keep: {trajectories: 4}
model:
  patterns: 5
  successRate: {uniform: [0, 1]}
  initialPattern: {gamma: 6, rival: 0.7}
  referencePattern: {optimal: 0.5}
sft: {steps: 3, rate: 0.2, target: uniform}
algorithm: {stepSize: 0.05, rollouts: 8}
horizon: {tMax: 10, maxSteps: 150}
grid:
  algorithm.rule: [euler, adaptive, grpo]
  beta: [0, 0.1]
  model.patterns: [3, 5]
sample:
  count: 2
  method: uniform
  axes: {epsilon: {uniform: [0.01, 0.1]}}
shardSize: 10
`;

type Row = Record<string, number[]> & { shape: number[] };
const PER_RUN = ['beta', 'stepSize', 'tMax', 'maxSteps', 'epsilon', 'tolerance', 'sftSteps', 'sftRate', 'gridIndex', 'replicate'] as const;
const PER_PATTERN = ['successRate', 'initialPattern', 'referencePattern', 'sftTarget'] as const;

/** Row `i` of a batch as plain numbers (keyed by index). */
function rowOf(batch: RunBatch, i: number): Record<string, unknown> {
  const R = batch.shape.patterns;
  const out: Record<string, unknown> = { shape: batch.shape, seed: batch.seed };
  for (const k of PER_RUN) out[k] = batch[k][i];
  for (const k of PER_PATTERN) out[k] = Array.from(batch[k]!.subarray(i * R, (i + 1) * R));
  return out;
}

function rowsByIndex(plan: SweepPlan, start: number, end: number): Map<number, Record<string, unknown>> {
  const rows = new Map<number, Record<string, unknown>>();
  for (const { batch, rows: positions } of buildBatches(plan, start, end)) {
    t.equal(positions.length, batch.size);
    positions.forEach((pos, i) => rows.set(start + pos, rowOf(batch, i)));
  }
  return rows;
}

t.test('a run has the same bits whatever range holds it', async (t) => {
  const plan = planSweep(parseSpec(SPEC));
  t.equal(plan.size, 3 * 2 * 2 * 2 * 3);
  const whole = rowsByIndex(plan, 0, plan.size);
  t.equal(whole.size, plan.size);
  for (const size of [1, 7, 10, 50]) {
    for (let start = 0; start < plan.size; start += size) {
      const part = rowsByIndex(plan, start, Math.min(plan.size, start + size));
      for (const [index, row] of part) {
        if (JSON.stringify(row) !== JSON.stringify(whole.get(index))) t.fail(`index ${index} differs with ranges of ${size}`);
      }
    }
  }
  // Bit-identical typed-array rows (Object.is distinguishes -0 and NaN too).
  const a = buildBatches(plan, 17, 18)[0].batch;
  const b = buildBatches(plan, 0, plan.size).find((g) => g.rows.includes(17))!;
  const i = b.rows.indexOf(17);
  const R = a.shape.patterns;
  for (let r = 0; r < R; r++) t.ok(Object.is(a.successRate[r], b.batch.successRate[i * R + r]));
});

t.test('runs are grouped by shape and rows point back to their index', async (t) => {
  const plan = planSweep(parseSpec(SPEC));
  const groups = buildBatches(plan, 0, plan.size);
  t.equal(groups.length, 3 * 2, 'rule x patterns shapes');
  const seen = new Set<number>();
  for (const { batch, rows } of groups) {
    const s = batch.shape;
    t.equal(s.trajectoryPoints, 4);
    t.equal(s.rollouts, s.algorithm === 'grpo' ? 8 : 0);
    t.ok(batch.sftTarget !== null);
    t.equal(batch.answerDistribution, null);
    t.doesNotThrow(() => validateBatch(batch), 'the model accepts the batch');
    rows.forEach((pos, i) => {
      seen.add(pos);
      const d = plan.describe(pos);
      if (d.axes['algorithm.rule'] !== s.algorithm || d.axes['model.patterns'] !== s.patterns || d.axes.beta !== batch.beta[i]) {
        t.fail(`row ${pos} in the wrong group`);
      }
      t.equal(batch.gridIndex[i], d.point);
      t.equal(batch.replicate[i], d.replicate);
      t.equal(batch.epsilon[i], d.axes.epsilon);
    });
    // Horizon rule: fixed-step rules need ceil(tMax/stepSize) = 200 steps, capped at maxSteps = 150.
    t.equal(batch.maxSteps[0], 150);
    t.equal(batch.tMax[0], 10);
  }
  t.equal(seen.size, plan.size);
});

t.test('successRate {uniform} draws come from (seed, point, replicate, stream 1)', async (t) => {
  const plan = planSweep(parseSpec(SPEC));
  for (const { batch } of buildBatches(plan, 0, plan.size)) {
    const R = batch.shape.patterns;
    for (let i = 0; i < batch.size; i++) {
      const u = streamUniforms({ seed: 99, gridIndex: batch.gridIndex[i], replicate: batch.replicate[i], stream: STREAM_SUCCESS_RATE }, R);
      t.same(Array.from(batch.successRate.subarray(i * R, (i + 1) * R)), Array.from(u));
    }
  }
});

t.test('the {gamma, rival} form satisfies sum_{r != r\'} pi(r)/pi(r*) = gamma', async (t) => {
  const plan = planSweep(parseSpec(SPEC));
  for (const { batch } of buildBatches(plan, 0, plan.size)) {
    const R = batch.shape.patterns;
    for (let i = 0; i < batch.size; i++) {
      const p = batch.successRate.subarray(i * R, (i + 1) * R);
      const pi = batch.initialPattern.subarray(i * R, (i + 1) * R);
      const order = [...p.keys()].sort((x, y) => p[y] - p[x] || x - y);
      const [best, rival] = order;
      t.equal(pi[rival], 0.7);
      let ratio = 0;
      for (let r = 0; r < R; r++) if (r !== rival) ratio += pi[r] / pi[best];
      t.ok(Math.abs(ratio - 6) < 1e-12, `gamma identity ${ratio}`);
      t.ok(Math.abs(pi.reduce((s, v) => s + v, 0) - 1) < 1e-12);
      // {optimal: 0.5} reference: r* gets 0.5, the others share the rest.
      const ref = batch.referencePattern.subarray(i * R, (i + 1) * R);
      for (let r = 0; r < R; r++) t.equal(ref[r], r === best ? 0.5 : 0.5 / (R - 1));
    }
  }
});

t.test('tiers, list and answer distributions', async (t) => {
  const spec = parseSpec(`name: tiers
seed: 1
model:
  patterns: 3
  answers: 3
  answerDistribution: [[0.9, 0.05, 0.05], [0.6, 0.2, 0.2], [0.1, 0.5, 0.4]]
  initialPattern: [0.2, 0.3, 0.5]
`);
  t.same(spec.model.successRate, { kind: 'list', values: [0.9, 0.6, 0.1] });
  const [{ batch }] = buildBatches(planSweep(spec), 0, 1);
  t.doesNotThrow(() => validateBatch(batch));
  t.same(Array.from(batch.answerDistribution!), [0.9, 0.05, 0.05, 0.6, 0.2, 0.2, 0.1, 0.5, 0.4]);
  t.same(Array.from(batch.referencePattern), [0.2, 0.3, 0.5]);
  t.equal(batch.sftTarget, null);
  t.equal(batch.maxSteps[0], 1_000_000, 'adaptive keeps horizon.maxSteps');
  const tiers = parseSpec('name: t\nseed: 1\nmodel: {patterns: 4, successRate: {optimal: 0.9, rival: 0.6, rest: 0.1}}\n');
  t.same(Array.from(buildBatches(planSweep(tiers), 0, 1)[0].batch.successRate), [0.9, 0.6, 0.1, 0.1]);
});

t.test('a sampled value that breaks a form names the run and field', async (t) => {
  // gamma grid value 1 passes with 2 patterns but not with 3: sampled patterns make it a decode-time error.
  const plan = planSweep(
    parseSpec(`name: bad
seed: 1
model: {patterns: 2, successRate: {uniform: [0, 1]}, initialPattern: {gamma: 1, rival: 0.5}}
sample: {count: 8, axes: {model.patterns: {intUniform: [2, 2]}}}
`),
  );
  t.equal(buildBatches(plan, 0, 8).length, 1);
  const broken = { ...plan.spec, model: { ...plan.spec.model, patterns: 3 } };
  t.throws(() => buildBatches(planSweep({ ...broken, sample: null }), 0, 1), {
    name: 'RunDecodeError',
    code: 'RUN_INVALID',
    index: 0,
    field: 'model.initialPattern',
    message: 'run 0: model.initialPattern: gamma 1 is not > 1 (with 3 patterns the other patterns need a positive share)',
  });
  t.ok(RunDecodeError);
});

t.test('specHash is stable under key order and changes with any value', async (t) => {
  const a = parseSpec(SPEC);
  const reordered = parseSpec(
    SPEC.replace('seed: 99\nreplicates: 3\n', 'replicates: 3\nseed: 99\n').replace(
      'algorithm: {stepSize: 0.05, rollouts: 8}',
      'algorithm: {rollouts: 8, stepSize: 0.05}',
    ),
  );
  t.equal(specHash(a), specHash(reordered));
  t.match(specHash(a), /^[0-9a-f]{64}$/);
  const variants = [
    SPEC.replace('seed: 99', 'seed: 98'),
    SPEC.replace('rollouts: 8', 'rollouts: 9'),
    SPEC.replace('beta: [0, 0.1]', 'beta: [0, 0.2]'),
    SPEC.replace('uniform: [0, 1]', 'uniform: [0, 0.9]'),
    SPEC.replace('shardSize: 10', 'shardSize: 11'),
    SPEC.replace('count: 2', 'count: 3'),
  ];
  const hashes = new Set([specHash(a), ...variants.map((v) => specHash(parseSpec(v)))]);
  t.equal(hashes.size, variants.length + 1);
  // Grid axis order fixes the index space, so it is part of the hash.
  const swapped = SPEC.replace('  beta: [0, 0.1]\n  model.patterns: [3, 5]\n', '  model.patterns: [3, 5]\n  beta: [0, 0.1]\n');
  t.not(specHash(parseSpec(swapped)), specHash(a));
});
