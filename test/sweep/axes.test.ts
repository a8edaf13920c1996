/** Grid axis forms, sample methods, horizon rule and the validate summary. */
import t from 'tap';
import { streamUniforms } from '../../model/random.js';
import { estimateWork, formatPlan, parseSpec, planSweep, STREAM_SAMPLE } from '../../sweep/index.js';

const BASE = 'name: axes\nseed: 5\nmodel: {patterns: 4, successRate: {optimal: 0.9, rival: 0.5, rest: 0.2}}\n';

const gridValues = (grid: string) => planSweep(parseSpec(`${BASE}grid:\n${grid}`)).axes.map((a) => a.values);

t.test('linspace, logspace and range expand as documented', async (t) => {
  t.same(gridValues('  beta: {linspace: [0, 1, 5]}\n'), [[0, 0.25, 0.5, 0.75, 1]]);
  t.same(gridValues('  beta: {linspace: [0.5, 0.5, 1]}\n'), [[0.5]]);
  const [log] = gridValues('  horizon.tMax: {logspace: [1, 1000, 4]}\n') as number[][];
  t.equal(log.length, 4);
  t.equal(log[0], 1);
  t.equal(log[3], 1000);
  t.ok(Math.abs(log[1] - 10) < 1e-12 && Math.abs(log[2] - 100) < 1e-12);
  t.same(gridValues('  model.patterns: {logspace: [10, 10000, 4]}\n'), [[10, 100, 1000, 10000]], 'integer fields round');
  t.same(gridValues('  model.patterns: {range: [2, 6, 1]}\n'), [[2, 3, 4, 5]], 'stop excluded');
  t.same(gridValues('  beta: {range: [0, 0.3, 0.1]}\n'), [[0, 0.1, 0.2]], 'no float overshoot');
  t.same(gridValues('  beta: {range: [1, 0, -0.5]}\n'), [[1, 0.5]], 'negative step');
  t.same(gridValues('  model.train: [pattern, both]\n  reward: [rlvr, self-certainty]\n'), [
    ['pattern', 'both'],
    ['rlvr', 'self-certainty'],
  ]);
});

t.test('sample method uniform uses (seed, sample j, replicate 0, stream 2)', async (t) => {
  const plan = planSweep(
    parseSpec(`${BASE}replicates: 2\ngrid:\n  beta: [0, 1]\nsample:\n  count: 3\n  method: uniform\n  axes:\n    epsilon: {uniform: [0.01, 0.02]}\n    horizon.maxSteps: {intUniform: [10, 20]}\n`),
  );
  t.equal(plan.size, 2 * 3 * 2);
  for (let index = 0; index < plan.size; index++) {
    const d = plan.describe(index);
    const u = streamUniforms({ seed: 5, gridIndex: d.sample, replicate: 0, stream: STREAM_SAMPLE }, 2);
    t.equal(d.axes.epsilon, 0.01 + u[0] * (0.02 - 0.01));
    t.equal(d.axes['horizon.maxSteps'], 10 + Math.floor(u[1] * 11));
  }
  // The same sample points are crossed with every grid point.
  t.same(plan.describe(0).axes.epsilon, plan.describe(6).axes.epsilon);
});

t.test('estimateWork follows the horizon rule', async (t) => {
  const plan = planSweep(
    parseSpec(`${BASE}replicates: 3\nalgorithm: {rule: euler, stepSize: 0.1}\nhorizon: {tMax: 10}\ngrid:\n  beta: [0, 0.5]\nshardSize: 4\n`),
  );
  const work = estimateWork(plan);
  t.same(
    { runs: work.runs, shards: work.shards, steps: work.stepsPerRun, elementSteps: work.elementSteps },
    { runs: 6, shards: 2, steps: 100, elementSteps: 6 * 100 * 4 },
  );
  const text = formatPlan(plan);
  t.match(text, /^sweep axes \(spec [0-9a-f]{12}\)\nruns: 6 = 2 grid points x 1 samples x 3 replicates\nshards: 2 of 4 runs\naxes:\n  beta \(grid, numeric\): 2 values: 0, 0\.5\nestimate: 2400 element-steps \(about 100 steps per run\)/);
});
