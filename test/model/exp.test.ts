/**
 * The flow's exponential (model/js/exp.ts) against Math.exp: ulp distance
 * over a deterministic sample, and the edges where it defers to Math.exp.
 */
import t from 'tap';
import { exp } from '../../model/js/exp.js';
import { streamUniforms } from '../../model/random.js';

const bitsView = new Float64Array(1);
const bitsOf = new BigInt64Array(bitsView.buffer);

/** Signed distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  bitsView[0] = a;
  const x = bitsOf[0];
  bitsView[0] = b;
  return Number(x - bitsOf[0]);
}

t.test('within 2 ulp of Math.exp over the whole table range, mostly the same bits', async (t) => {
  const n = 1_000_000;
  // Half over [-708, 709] (every exponent), half over [-20, 20] (the softmax's working range).
  const u = streamUniforms({ seed: 7, gridIndex: 0, replicate: 0, stream: 9 }, n);
  const histogram = new Map<number, number>();
  let worst = 0;
  let worstAt = 0;
  for (let i = 0; i < n; i++) {
    const x = i % 2 === 0 ? -708 + 1417 * u[i] : -20 + 40 * u[i];
    const d = ulps(exp(x), Math.exp(x));
    histogram.set(d, (histogram.get(d) ?? 0) + 1);
    if (Math.abs(d) > Math.abs(worst)) {
      worst = d;
      worstAt = x;
    }
  }
  t.ok(Math.abs(worst) <= 2, `worst ${worst} ulp at x = ${worstAt}`);
  t.ok((histogram.get(0) ?? 0) / n > 0.6, `same bits for ${(((histogram.get(0) ?? 0) / n) * 100).toFixed(1)}%`);
  t.ok(((histogram.get(2) ?? 0) + (histogram.get(-2) ?? 0)) / n < 0.001, 'two ulp apart rarely');
});

t.test('exact where e^x is: e^0 = 1, and powers of two at multiples of ln2 within 1 ulp', async (t) => {
  t.equal(exp(0), 1);
  t.equal(exp(-0), 1);
  for (const k of [-1000, -64, -1, 1, 10, 1000]) {
    const x = k * Math.LN2;
    t.ok(Math.abs(ulps(exp(x), Math.exp(x))) <= 1, `x = ${k} ln2`);
  }
});

t.test('defers to Math.exp outside [-708, 709]: overflow, subnormals, NaN and infinities', async (t) => {
  for (const x of [NaN, Infinity, -Infinity, 709, 709.5, 710, 1e6, -708, -708.5, -745, -746, -1e6]) {
    t.ok(Object.is(exp(x), Math.exp(x)), `x = ${x}`);
  }
  t.equal(exp(710), Infinity);
  t.equal(exp(-746), 0);
  t.ok(Number.isNaN(exp(NaN)));
});

t.test('monotone across the table seams (steps of ln2/64) and the range edges', async (t) => {
  let previous = exp(-707.99);
  let monotone = true;
  for (let x = -707.99; x < 708.9; x += Math.LN2 / 64 / 3) {
    const value = exp(x);
    if (value < previous) monotone = false;
    previous = value;
  }
  t.ok(monotone, 'non-decreasing on a grid three times finer than the table');
  t.ok(exp(708.999) < exp(709), 'last table value below the first deferred one');
  t.ok(exp(-708) < exp(-707.999), 'first table value above the last deferred one');
});
