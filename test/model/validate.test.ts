import t, { type Test } from 'tap';
import type { RunBatch } from '../../model/batch.js';
import { jsBackend, ModelParameterError, validateBatch } from '../../model/index.js';
import { makeBatch } from './make-batch.js';

const good = () =>
  makeBatch({ patterns: 3 }, [
    { successRate: [0.9, 0.5, 0.1] },
    { successRate: [0.2, 0.4, 0.6], initialPattern: [0.2, 0.3, 0.5] },
  ]);

/** Asserts validateBatch rejects the batch with this field and message. */
function rejects(t: TapTest, batch: RunBatch, field: string, message: string): void {
  t.throws(() => validateBatch(batch), { name: 'ModelParameterError', code: 'MODEL_PARAMETER', field, message }, message);
}
type TapTest = Test;

t.test('a valid batch passes', async (t) => {
  t.doesNotThrow(() => validateBatch(good()));
});

t.test('the error is a class with name, code, field, value, allowed', async (t) => {
  const batch = good();
  batch.successRate[3 + 1] = 1.2;
  try {
    validateBatch(batch);
    t.fail('should throw');
  } catch (error) {
    t.ok(error instanceof ModelParameterError);
    const e = error as ModelParameterError;
    t.equal(e.name, 'ModelParameterError');
    t.equal(e.code, 'MODEL_PARAMETER');
    t.equal(e.field, 'successRate[1][1]');
    t.equal(e.value, 1.2);
    t.equal(e.allowed, 'in [0, 1]');
    t.equal(e.message, 'successRate[1][1]: 1.2 is not in [0, 1]');
  }
});

t.test('each field is checked with a message naming field, value and allowed range', async (t) => {
  const cases: [string, (b: RunBatch) => RunBatch, string, string][] = [
    ['p < 0', (b) => (b.successRate[2] = -0.1, b), 'successRate[0][2]', 'successRate[0][2]: -0.1 is not in [0, 1]'],
    ['p NaN', (b) => (b.successRate[4] = NaN, b), 'successRate[1][1]', 'successRate[1][1]: NaN is not in [0, 1]'],
    ['R < 2', (b) => ({ ...b, shape: { ...b.shape, patterns: 1 } }), 'shape.patterns', 'shape.patterns: 1 is not an integer >= 2'],
    ['A < 2', (b) => ({ ...b, shape: { ...b.shape, answers: 1 } }), 'shape.answers', 'shape.answers: 1 is not an integer >= 2'],
    ['unknown reward', (b) => ({ ...b, shape: { ...b.shape, reward: 'likes' as never } }), 'shape.reward',
      'shape.reward: "likes" is not one of rlvr, self-certainty, neg-entropy, trajectory-logprob'],
    ['unknown algorithm', (b) => ({ ...b, shape: { ...b.shape, algorithm: 'adam' as never } }), 'shape.algorithm',
      'shape.algorithm: "adam" is not one of euler, rk4, adaptive, reinforce, grpo'],
    ['unknown train', (b) => ({ ...b, shape: { ...b.shape, train: 'all' as never } }), 'shape.train', 'shape.train: "all" is not one of pattern, both'],
    ['rollouts < 2', (b) => ({ ...b, shape: { ...b.shape, algorithm: 'grpo', rollouts: 1 } }), 'shape.rollouts', 'shape.rollouts: 1 is not an integer >= 2'],
    ['negative beta', (b) => (b.beta[1] = -1, b), 'beta[1]', 'beta[1]: -1 is not a finite number >= 0'],
    ['zero step', (b) => (b.stepSize[0] = 0, b), 'stepSize[0]', 'stepSize[0]: 0 is not a finite number > 0'],
    ['negative tMax', (b) => (b.tMax[1] = -5, b), 'tMax[1]', 'tMax[1]: -5 is not a finite number > 0'],
    ['fractional maxSteps', (b) => (b.maxSteps[0] = 2.5, b), 'maxSteps[0]', 'maxSteps[0]: 2.5 is not an integer >= 1'],
    ['epsilon 1', (b) => (b.epsilon[0] = 1, b), 'epsilon[0]', 'epsilon[0]: 1 is not in (0, 1)'],
    ['tolerance 0 (adaptive)', (b) => ({ ...b, shape: { ...b.shape, algorithm: 'adaptive' }, tolerance: new Float64Array(2) }), 'tolerance[0]',
      'tolerance[0]: 0 is not a finite number > 0'],
    ['initial not summing to 1', (b) => (b.initialPattern[3] = 0.3, b), 'sum(initialPattern[1])', 'sum(initialPattern[1]): 1.1 is not 1 (within 1e-9)'],
    ['initial with a zero', (b) => (b.initialPattern.set([0, 0.5, 0.5], 0), b), 'initialPattern[0][0]', 'initialPattern[0][0]: 0 is not in (0, 1]'],
    ['reference negative', (b) => (b.referencePattern.set([-0.2, 0.6, 0.6], 3), b), 'referencePattern[1][0]', 'referencePattern[1][0]: -0.2 is not in (0, 1]'],
    ['bad length', (b) => ({ ...b, beta: new Float64Array(3) }), 'beta.length', 'beta.length: 3 is not 2 (the batch shape)'],
    ['bad matrix length', (b) => ({ ...b, successRate: new Float64Array(5) }), 'successRate.length', 'successRate.length: 5 is not 6 (the batch shape)'],
    ['sft without target', (b) => (b.sftSteps[1] = 3, b), 'sftTarget', 'sftTarget: null is not an [n, R] distribution when sftSteps[1] = 3 > 0'],
    ['seed', (b) => ({ ...b, seed: 2 ** 32 }), 'seed', 'seed: 4294967296 is not an integer in [0, 2^32)'],
    ['grid index', (b) => (b.gridIndex[0] = -1, b), 'gridIndex[0]', 'gridIndex[0]: -1 is not an integer in [0, 2^53)'],
  ];
  for (const [label, mutate, field, message] of cases) {
    t.test(label, async (t) => rejects(t, mutate(good()), field, message));
  }
});

t.test('answer distributions: rows sum to 1 and agree with successRate', async (t) => {
  const base = () =>
    makeBatch({ patterns: 2, answers: 3 }, [{ successRate: [0.5, 0.2], answerDistribution: [[0.5, 0.25, 0.25], [0.2, 0.8, 0]] }]);
  t.doesNotThrow(() => validateBatch(base()));
  const b1 = base();
  b1.answerDistribution![4] = 0.7;
  rejects(t, b1, 'sum(answerDistribution[0][1])', 'sum(answerDistribution[0][1]): 0.8999999999999999 is not 1 (within 1e-9)');
  const b2 = base();
  b2.successRate[0] = 0.6;
  rejects(t, b2, 'answerDistribution[0][0][0]', 'answerDistribution[0][0][0]: 0.5 is not equal to successRate[0][0] = 0.6 (pi(a*|r) = p(r), docs/model.md §1)');
});

t.test('jsBackend.simulate validates first and rejects the promise', async (t) => {
  const batch = good();
  batch.beta[0] = -2;
  await t.rejects(jsBackend.simulate(batch), { name: 'ModelParameterError', field: 'beta[0]' });
});
