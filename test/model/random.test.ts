import t from 'tap';
import {
  FIRST_SWEEP_STREAM,
  philox4x32,
  STREAM_ROLLOUTS,
  streamUniforms,
  uniformFromWords,
  uniformPair,
} from '../../model/random.js';

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, '0')).join(' ');

t.test('Philox4x32-10 matches the Random123 known-answer vectors', async (t) => {
  const out = new Uint32Array(4);
  philox4x32(0, 0, 0, 0, 0, 0, out);
  t.equal(hex(out), '6627e8d5 e169c58d bc57ac4c 9b00dbd8');
  const max = 0xffffffff;
  philox4x32(max, max, max, max, max, max, out);
  t.equal(hex(out), '408f276d 41c83b0e a20bc7c6 6d5451fd');
  philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
  t.equal(hex(out), 'd16cfe09 94fdcceb 5001e420 24126ea1');
});

t.test('uniformFromWords covers [0, 1) with 53 bits', async (t) => {
  t.equal(uniformFromWords(0, 0), 0);
  t.equal(uniformFromWords(0xffffffff, 0xffffffff), 1 - 2 ** -53);
  t.ok(uniformFromWords(0xffffffff, 0xffffffff) < 1);
});

t.test('uniforms have the moments of U[0, 1) and pass a chi-square test', async (t) => {
  const n = 200_000;
  const u = streamUniforms({ seed: 42, gridIndex: 3, replicate: 1, stream: FIRST_SWEEP_STREAM }, n);
  let mean = 0;
  let square = 0;
  let lag = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    if (!(u[i] >= 0 && u[i] < 1)) outside++;
    mean += u[i];
    square += u[i] * u[i];
    if (i > 0) lag += (u[i] - 0.5) * (u[i - 1] - 0.5);
  }
  t.equal(outside, 0, 'every draw in [0, 1)');
  mean /= n;
  const variance = square / n - mean * mean;
  // Standard errors: mean sqrt(1/12/n) = 6.5e-4; variance ~ 2e-4; lag-1 covariance 1/12/sqrt(n) = 1.9e-4.
  t.ok(Math.abs(mean - 0.5) < 4 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
  t.ok(Math.abs(variance - 1 / 12) < 4 * Math.sqrt(1 / 180 / n), `variance ${variance}`);
  t.ok(Math.abs(lag / (n - 1)) < 4 * (1 / 12) / Math.sqrt(n), `lag-1 covariance ${lag / (n - 1)}`);
  const bins = 100;
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) counts[Math.floor(u[i] * bins)]++;
  const expected = n / bins;
  let chi2 = 0;
  for (const c of counts) chi2 += ((c - expected) * (c - expected)) / expected;
  // 99 degrees of freedom: the 0.1% and 99.9% quantiles are about 58.6 and 148.2.
  t.ok(chi2 > 58.6 && chi2 < 148.2, `chi-square ${chi2}`);
});

t.test('draws are a pure function of the key and differ across every key field', async (t) => {
  const words = new Uint32Array(4);
  const draw = (seed: number, grid: number, replicate: number, stream: number, step: number, counter: number) => {
    const out = new Float64Array(2);
    uniformPair(seed, grid, replicate, stream, step, counter, words, out, 0);
    return Array.from(out);
  };
  const base = draw(1, 2 ** 40 + 5, 3, STREAM_ROLLOUTS, 7, 11);
  t.same(draw(1, 2 ** 40 + 5, 3, STREAM_ROLLOUTS, 7, 11), base, 'same key, same bits');
  const variants = [
    draw(2, 2 ** 40 + 5, 3, 0, 7, 11),
    draw(1, 5, 3, 0, 7, 11), // only the high part of gridIndex differs
    draw(1, 2 ** 40 + 6, 3, 0, 7, 11),
    draw(1, 2 ** 40 + 5, 4, 0, 7, 11),
    draw(1, 2 ** 40 + 5, 3, 1, 7, 11),
    draw(1, 2 ** 40 + 5, 3, 0, 8, 11),
    draw(1, 2 ** 40 + 5, 3, 0, 7, 12),
  ];
  for (const v of variants) t.not(v[0], base[0]);
  t.equal(new Set(variants.map((v) => v[0])).size, variants.length);
});

t.test('streamUniforms: a prefix does not depend on the count; streams are uncorrelated', async (t) => {
  const key = { seed: 9, gridIndex: 100, replicate: 2, stream: 5 };
  const long = streamUniforms(key, 1001);
  const short = streamUniforms(key, 7);
  t.same(Array.from(short), Array.from(long.subarray(0, 7)));
  const other = streamUniforms({ ...key, stream: 6 }, 1001);
  let cov = 0;
  for (let i = 0; i < 1001; i++) cov += (long[i] - 0.5) * (other[i] - 0.5);
  t.ok(Math.abs(cov / 1001) < 4 * (1 / 12) / Math.sqrt(1001), `cross-stream covariance ${cov / 1001}`);
});
