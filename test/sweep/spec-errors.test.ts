/** Every kind of bad spec gives its exact message (path, value, what is allowed). */
import t from 'tap';
import { parseSpec, SpecError } from '../../sweep/index.js';

const GOOD = `name: ok
seed: 1
model:
  patterns: 3
  successRate: [0.9, 0.6, 0.1]
`;

/** The issue lines of the SpecError thrown for `text` (or fails if none). */
function issueLines(text: string): string[] {
  try {
    parseSpec(text, 'bad.yaml');
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    t.equal(error.name, 'SpecError');
    t.equal(error.code, 'SPEC_INVALID');
    const lines = error.message.split('\n');
    t.match(lines[0], /^invalid sweep spec bad\.yaml \(\d+ issues?\):$/);
    return lines.slice(1).map((l) => l.trim());
  }
  throw new Error('expected a SpecError');
}

const CASES: [string, string, string[]][] = [
  ['bad YAML', 'name: ok\nseed: [1, 2\nmodel: 3\n', ['bad.yaml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ['unknown field', GOOD + 'color: red\n', ['color: unknown field; allowed: name, seed, replicates, backend, model, reward, beta, algorithm, horizon, epsilon, sft, grid, sample, shardSize, keep, limits, refine']],
  ['unknown nested field', GOOD + 'algorithm: {rule: euler, lr: 0.1}\n', ['algorithm.lr: unknown field; allowed: rule, stepSize, tolerance, rollouts']],
  ['wrong type', GOOD + 'beta: high\n', ['beta: "high" is not a number >= 0']],
  ['out of range', GOOD.replace('0.1]', '1.4]'), ['model.successRate[2]: 1.4 is not in [0, 1]']],
  ['empty grid axis', GOOD + 'grid:\n  beta: []\n', ['grid.beta: [] is empty; a grid axis needs at least one value']],
  ['empty range axis', GOOD + 'grid:\n  beta: {range: [1, 0, 0.5]}\n', ['grid.beta: {range: [1, 0, 0.5]} is empty; a grid axis needs at least one value']],
  [
    'grid over the size limit',
    GOOD + 'replicates: 1000\ngrid:\n  beta: {linspace: [0, 1, 1000]}\n  epsilon: {linspace: [0.01, 0.1, 2100]}\n',
    ['grid: 2.1e9 runs exceeds limits.maxRuns (1e8)'],
  ],
  [
    'duplicate axis',
    GOOD + 'grid:\n  beta: [0, 1]\nsample:\n  count: 4\n  axes: {beta: {uniform: [0, 1]}}\n',
    ['sample.axes.beta: beta is also a grid axis (grid.beta); an axis may appear once'],
  ],
  [
    'unknown grid path',
    GOOD + 'grid:\n  model.foo: [1, 2]\n',
    [
      'grid.model.foo: not a numeric or enum field; allowed: beta, epsilon, reward, algorithm.rule, algorithm.stepSize, algorithm.tolerance, algorithm.rollouts, horizon.tMax, horizon.maxSteps, model.patterns, model.answers, model.train, model.successRate.optimal, model.successRate.rival, model.successRate.rest, model.successRate.uniform[0], model.successRate.uniform[1], model.initialPattern.optimal, model.initialPattern.gamma, model.initialPattern.rival, model.referencePattern.optimal, model.referencePattern.gamma, model.referencePattern.rival, sft.steps, sft.rate, sft.target.optimal, sft.target.gamma, sft.target.rival',
    ],
  ],
  ['list length mismatch', GOOD.replace('patterns: 3', 'patterns: 4'), ['model.successRate: 3 values but model.patterns is 4']],
  [
    'gridded patterns with a list',
    GOOD + 'grid:\n  model.patterns: [3, 5]\n',
    ['model.successRate: a list fits one pattern count, but model.patterns varies (grid.model.patterns); use a form that fits any R'],
  ],
  ['distribution not summing to 1', GOOD.replace('model:\n', 'model:\n  initialPattern: [0.5, 0.3, 0.1]\n'), ['model.initialPattern: sums to 0.9, not 1']],
  ['bad enum', GOOD + 'algorithm: {rule: sgd}\n', ['algorithm.rule: "sgd" is not one of euler, rk4, adaptive, reinforce, grpo']],
  ['negative replicates', GOOD + 'replicates: -2\n', ['replicates: -2 is not in [1, 2^32 - 1]']],
  ['bad shardSize', GOOD + 'shardSize: 2.5\n', ['shardSize: 2.5 is not an integer']],
  ['bad sample method', GOOD + 'sample: {count: 8, method: halton, axes: {beta: {uniform: [0, 1]}}}\n', ['sample.method: "halton" is not one of sobol, uniform']],
  ['grid value out of range', GOOD + 'grid:\n  beta: [0, 0.5, -1]\n', ['grid.beta[2]: -1 is not >= 0']],
  ['linspace value out of range', GOOD + 'grid:\n  epsilon: {linspace: [0, 0.5, 3]}\n', ['grid.epsilon[0]: 0 is not in (0, 1)']],
  ['missing required field', 'name: ok\nseed: 1\nmodel: {successRate: [0.9, 0.1]}\n', ['model.patterns: missing; required: an integer in [2, 1e6]']],
  ['missing model', 'name: ok\nseed: 1\n', ['model: missing; required: a mapping']],
  ['stochastic rule with 1 rollout', GOOD + 'algorithm: {rule: grpo, rollouts: 1}\n', ['algorithm.rollouts: 1 is not >= 2 (grpo need at least 2 rollouts)']],
  [
    'gridded stochastic rule with 1 rollout',
    GOOD + 'algorithm: {rollouts: 1}\ngrid:\n  algorithm.rule: [adaptive, reinforce]\n',
    ['algorithm.rollouts: 1 is not >= 2 (reinforce need at least 2 rollouts)'],
  ],
  [
    'form parameter axis without its form',
    GOOD + 'grid:\n  model.initialPattern.gamma: [2, 4]\n',
    ['grid.model.initialPattern.gamma: model.initialPattern is uniform; this axis needs the {gamma, rival} form'],
  ],
  ['gamma with 2 patterns', 'name: ok\nseed: 1\nmodel: {patterns: 2, successRate: [0.9, 0.1], initialPattern: {gamma: 6, rival: 0.3}}\n', ['model.initialPattern.gamma: 6 is impossible with 2 patterns (gamma must be 1)']],
  [
    'gamma <= 1 with 3 patterns',
    GOOD.replace('model:\n', 'model:\n  initialPattern: {gamma: 2, rival: 0.3}\n') + 'grid:\n  model.initialPattern.gamma: [1, 2]\n',
    ['grid.model.initialPattern.gamma: 1 is not > 1 (with 3 or more patterns the other patterns need a positive share)'],
  ],
  ['bad success-rate form', GOOD.replace('[0.9, 0.6, 0.1]', 'high'), ['model.successRate: "high" is not a list of R success rates in [0, 1], {uniform: [low, high]} or {optimal, rival, rest}']],
  ['uniform bounds reversed', GOOD.replace('[0.9, 0.6, 0.1]', '{uniform: [0.8, 0.2]}'), ['model.successRate.uniform: [0.8, 0.2] has low > high']],
  ['duplicate YAML key', 'name: ok\nname: again\n', ['bad.yaml:2:1: YAML syntax error: Map keys must be unique']],
  ['integer sample axis', GOOD + 'sample: {count: 4, axes: {model.patterns: {uniform: [2, 9]}}}\n', ['sample.axes.model.patterns: model.patterns is an integer field; use {intUniform: [low, high]}']],
  ['enum axis as linspace', GOOD + 'grid:\n  reward: {linspace: [0, 1, 3]}\n', ['grid.reward: reward is an enum field; list its values (one of rlvr, self-certainty, neg-entropy, trajectory-logprob)']],
];

t.test('the good base spec parses', async (t) => {
  const spec = parseSpec(GOOD);
  t.equal(spec.model.patterns, 3);
  t.same(spec.model.successRate, { kind: 'list', values: [0.9, 0.6, 0.1] });
});

for (const [what, text, expected] of CASES) {
  t.test(what, async (t) => {
    t.same(issueLines(text), expected);
  });
}

t.test('all issues are reported at once, each with path and value', async (t) => {
  const text = `name: Bad
seed: -1
model:
  patterns: 3
  successRate: [0.5, 1.4, 0.2]
  foo: 1
algorithm: {rule: sgd}
grid:
  beta: [0, 1, -1]
  model.foo: [1]
  epsilon: []
`;
  let error: SpecError | undefined;
  try {
    parseSpec(text, 'bad.yaml');
  } catch (e) {
    error = e as SpecError;
  }
  t.ok(error instanceof SpecError);
  const lines = error!.message.split('\n');
  t.equal(lines[0], 'invalid sweep spec bad.yaml (8 issues):');
  t.same(
    error!.issues.map((i) => i.path),
    ['name', 'seed', 'model.successRate[1]', 'model.foo', 'algorithm.rule', 'grid.beta[2]', 'grid.model.foo', 'grid.epsilon'],
  );
  t.same(error!.issues[1], { path: 'seed', value: -1, message: '-1 is not in [0, 2^32)' });
  t.same(error!.issues[2].value, 1.4);
  t.equal(lines[1], '  name: "Bad" is not a name matching [a-z0-9][a-z0-9_-]* (at most 64 characters)');
  t.equal(lines[6], '  grid.beta[2]: -1 is not >= 0');
});

t.test('cross-field issues are reported together with field issues', async (t) => {
  const text = GOOD.replace('patterns: 3', 'patterns: 4') + 'algorithm: {rule: sgd}\ngrid:\n  beta: [0, -1]\n';
  t.same(issueLines(text), [
    'algorithm.rule: "sgd" is not one of euler, rk4, adaptive, reinforce, grpo',
    'grid.beta[1]: -1 is not >= 0',
    'model.successRate: 3 values but model.patterns is 4',
  ]);
  // An issue caused by a field already reported is not repeated (the bad list is not also "too short").
  t.same(issueLines(GOOD.replace('0.1]', '7]')), ['model.successRate[2]: 7 is not in [0, 1]']);
});

t.test('form issues use the same wording', async (t) => {
  const spec = (sr: string) => `name: a\nseed: 1\nmodel: {patterns: 3, successRate: ${sr}}\n`;
  t.same(issueLines(spec('{uniform: [0, 1], foo: 1}')), ['model.successRate.foo: unknown field; allowed: uniform']);
  t.same(issueLines(spec('{uniform: [0, 1, 2]}')), ['model.successRate.uniform: [0, 1, 2] is not a list [low, high]']);
  t.same(issueLines(spec('{optimal: 0.9, rival: 0.5}')), ['model.successRate.rest: missing; required: a number in [0, 1]']);
  t.same(issueLines(spec('[0.9, 0.6, 0.1]').replace('}\n', ', initialPattern: {gamma: 0.5, rival: 1}}\n')), [
    'model.initialPattern.gamma: 0.5 is not in [1, 1e12]',
    'model.initialPattern.rival: 1 is not in (0, 1)',
  ]);
});
