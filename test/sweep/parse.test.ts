/** parseSpec: defaults filled, forms as tagged objects, axes kept in order. */
import t from 'tap';
import { parseSpec } from '../../sweep/index.js';

t.test('a minimal spec gets every default', async (t) => {
  const spec = parseSpec('name: min\nseed: 0\nmodel: {patterns: 2, successRate: [0.9, 0.1]}\n');
  t.same(spec, {
    name: 'min',
    seed: 0,
    replicates: 1,
    backend: 'auto',
    model: {
      patterns: 2,
      answers: 2,
      successRate: { kind: 'list', values: [0.9, 0.1] },
      initialPattern: { kind: 'uniform' },
      referencePattern: { kind: 'initial' },
      answerDistribution: null,
      train: 'pattern',
    },
    reward: 'rlvr',
    beta: 0,
    algorithm: { rule: 'adaptive', stepSize: 0.01, tolerance: 1e-6, rollouts: 16 },
    horizon: { tMax: 1e6, maxSteps: 1e6 },
    epsilon: 0.01,
    sft: { steps: 0, rate: 0.1, target: { kind: 'uniform' } },
    grid: [],
    sample: null,
    shardSize: 256,
    keep: { trajectories: 0, statistics: 'all' },
    limits: { maxRuns: 1e8 },
  });
  t.same(JSON.parse(JSON.stringify(spec)), spec, 'plain JSON data');
});

t.test('the agreed example shape parses (forms tagged, axes ordered)', async (t) => {
  const spec = parseSpec(`name: regime2-gamma
seed: 42
replicates: 4
backend: auto
model:
  patterns: 7
  answers: 2
  successRate: [0.9, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1]
  initialPattern: {gamma: 6, rival: 0.7}
  referencePattern: initial
  answerDistribution: null
  train: pattern
reward: rlvr
beta: 0
algorithm:
  rule: adaptive
  stepSize: 0.01
  tolerance: 1e-6
  rollouts: 16
horizon: { tMax: 1.0e+6, maxSteps: 1000000 }
epsilon: 0.01
sft: { steps: 0, rate: 0.1, target: uniform }
grid:
  beta: [0, 0.01, 0.1]
  model.initialPattern.gamma: { logspace: [2, 26, 8] }
  algorithm.rule: [euler, adaptive]
sample:
  count: 1000
  method: sobol
  axes: { epsilon: { uniform: [0.001, 0.1] }, algorithm.stepSize: { logUniform: [1e-3, 1e-1] } }
shardSize: 256
keep: { trajectories: 0, statistics: all }
limits: { maxRuns: 100000000 }
`);
  t.same(spec.model.initialPattern, { kind: 'gamma', gamma: 6, rival: 0.7 });
  t.same(
    spec.grid.map((a) => a.path),
    ['beta', 'model.initialPattern.gamma', 'algorithm.rule'],
  );
  t.same(spec.grid[1].form, { kind: 'logspace', from: 2, to: 26, count: 8 });
  t.same(spec.sample, {
    count: 1000,
    method: 'sobol',
    axes: [
      { path: 'epsilon', distribution: { kind: 'uniform', low: 0.001, high: 0.1 } },
      { path: 'algorithm.stepSize', distribution: { kind: 'logUniform', low: 0.001, high: 0.1 } },
    ],
  });
});

t.test('other written forms', async (t) => {
  const spec = parseSpec(`name: forms
seed: 1
model:
  patterns: 10
  successRate: {uniform: [0, 1]}
  initialPattern: {optimal: 0.05}
  referencePattern: uniform
sft: {steps: 5, target: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]}
keep: {statistics: [acc_final, t_conv]}
`);
  t.same(spec.model.successRate, { kind: 'uniform', low: 0, high: 1 });
  t.same(spec.model.initialPattern, { kind: 'optimal', optimal: 0.05 });
  t.same(spec.model.referencePattern, { kind: 'uniform' });
  t.equal(spec.sft.target.kind, 'list', 'a list of ten 0.1 sums to 1 within tolerance');
  t.same(spec.keep.statistics, ['acc_final', 't_conv']);
});
