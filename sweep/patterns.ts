/**
 * Turns the distribution forms of a run into numbers (docs/model.md §1, §4):
 * success rates p(r), and pattern distributions (pi_0, pi_ref, SFT target).
 * Problems are returned as text so the caller can name the run and field.
 */
import { streamUniforms } from '../model/random.js';
import { SUM_TOLERANCE } from './rules.js';
import type { PatternForm, SuccessRateForm } from './spec-types.js';

/** Where the per-run draws of a form come from (see streams.ts). */
export interface DrawKey {
  readonly seed: number;
  readonly gridIndex: number;
  readonly replicate: number;
  readonly stream: number;
}

/** Writes p(r), r < R, into out[offset..]. */
export function resolveSuccessRate(form: SuccessRateForm, R: number, key: DrawKey, out: Float64Array, offset: number): void {
  switch (form.kind) {
    case 'list':
      for (let r = 0; r < R; r++) out[offset + r] = form.values[r];
      return;
    case 'tiers':
      out[offset] = form.optimal;
      out[offset + 1] = form.rival;
      for (let r = 2; r < R; r++) out[offset + r] = form.rest;
      return;
    case 'uniform': {
      // iid per pattern: uniform r of the run's stream (a prefix never changes with R).
      const u = streamUniforms(key, R);
      for (let r = 0; r < R; r++) out[offset + r] = form.low + u[r] * (form.high - form.low);
      return;
    }
  }
}

/** r* = argmax p (lowest index on ties) and r' = the best other pattern (lowest index on ties). */
export function optimalAndRival(p: Float64Array, offset: number, R: number): { optimal: number; rival: number } {
  let optimal = 0;
  for (let r = 1; r < R; r++) if (p[offset + r] > p[offset + optimal]) optimal = r;
  let rival = optimal === 0 ? 1 : 0;
  for (let r = 0; r < R; r++) if (r !== optimal && p[offset + r] > p[offset + rival]) rival = r;
  return { optimal, rival };
}

/**
 * Writes the distribution of `form` over R patterns into out[offset..]; `p` at
 * `pOffset` are the run's success rates (the forms name r* and r' by p).
 * Returns null, or the problem (text after the field name).
 */
export function resolvePatternForm(
  form: PatternForm,
  R: number,
  p: Float64Array,
  pOffset: number,
  out: Float64Array,
  offset: number,
): string | null {
  switch (form.kind) {
    case 'uniform':
      for (let r = 0; r < R; r++) out[offset + r] = 1 / R;
      return null;
    case 'list': {
      if (form.values.length !== R) return `${form.values.length} values but model.patterns is ${R}`;
      let sum = 0;
      for (let r = 0; r < R; r++) sum += out[offset + r] = form.values[r];
      return Math.abs(sum - 1) > SUM_TOLERANCE ? `sums to ${sum}, not 1` : null;
    }
    case 'optimal': {
      const { optimal } = optimalAndRival(p, pOffset, R);
      const rest = (1 - form.optimal) / (R - 1);
      for (let r = 0; r < R; r++) out[offset + r] = r === optimal ? form.optimal : rest;
      return null;
    }
    case 'gamma': {
      const { optimal, rival } = optimalAndRival(p, pOffset, R);
      const piOpt = (1 - form.rival) / form.gamma;
      const remainder = 1 - form.rival - piOpt;
      if (R === 2) {
        // Two patterns leave nothing to share: gamma = pi(r*)/pi(r*) = 1.
        if (form.gamma !== 1) return `gamma ${form.gamma} is impossible with 2 patterns (gamma must be 1)`;
      } else if (!(remainder > 0)) {
        return `gamma ${form.gamma} is not > 1 (with ${R} patterns the other patterns need a positive share)`;
      }
      const rest = R === 2 ? 0 : remainder / (R - 2);
      for (let r = 0; r < R; r++) out[offset + r] = r === optimal ? piOpt : r === rival ? form.rival : rest;
      return null;
    }
  }
}
