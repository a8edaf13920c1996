/**
 * RLIF with self-certainty (docs/model.md §4, Thm 5.6): the reward ignores
 * correctness, so training ends on the pattern with the most extreme p.
 */
import t from 'tap';
import { FIRST_SWEEP_STREAM, jsBackend, simulateRun, streamUniforms } from '../../model/index.js';
import { makeBatch, uniformPattern } from './make-batch.js';

/** R(r) = -(1/A) sum_a log pi(a|r) with A = 2, pi(.|r) = (p, 1 - p). */
const selfCertainty = (p: number) => -0.5 * (Math.log(p) + Math.log(1 - p));

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

t.test('A = 2: training ends on argmax_r of the self-certainty reward', async (t) => {
  const p = [0.3, 0.55, 0.9, 0.05, 0.7];
  const result = simulateRun(
    makeBatch({ patterns: 5, reward: 'self-certainty', algorithm: 'adaptive' }, [{ successRate: p, tMax: 1e6, tolerance: 1e-9 }]),
    0,
  );
  t.equal(result.stats.final_argmax, argmax(p.map(selfCertainty)));
  t.equal(result.stats.final_argmax, 3, 'p = 0.05 is the most self-certain');
  t.equal(result.stats.ends_on_worst, 1);
  t.ok(result.pattern[3] > 0.99);
});

t.test('p ~ U[0,1] iid: ends on the worst pattern about half the time', async (t) => {
  const R = 40;
  const n = 400;
  const runs = Array.from({ length: n }, (_, replicate) => ({
    successRate: Array.from(streamUniforms({ seed: 2026, gridIndex: 0, replicate, stream: FIRST_SWEEP_STREAM }, R)),
    initialPattern: uniformPattern(R),
    tMax: 1e7,
    tolerance: 1e-8,
    replicate,
  }));
  const batch = makeBatch({ patterns: R, reward: 'self-certainty', algorithm: 'adaptive' }, runs);
  const stats = await jsBackend.simulate(batch);
  let worst = 0;
  let best = 0;
  let onRewardArgmax = 0;
  for (let i = 0; i < n; i++) {
    worst += stats.columns.ends_on_worst[i];
    best += stats.columns.ends_on_opt[i];
    if (stats.columns.final_argmax[i] === argmax(runs[i].successRate.map(selfCertainty))) onRewardArgmax++;
  }
  t.equal(onRewardArgmax, n, 'every run ends on its most self-certain pattern');
  t.equal(worst + best, n, 'A = 2: the most self-certain pattern is the best or the worst');
  // Binomial(400, 1/2): sd = 10; 3.5 sd either side.
  t.ok(worst >= 165 && worst <= 235, `ends on the worst pattern in ${worst} of ${n} runs`);
  t.comment(`ends on worst ${worst}/${n}, on best ${best}/${n}`);
});
