/**
 * Stream ids of the counter-based generator (model/random.ts) used by sweep/.
 * Stream 0 belongs to the stochastic training rules; these never collide with it.
 *
 * Keys (all results are a pure function of the index, never of shard size):
 * - SUCCESS_RATE: `successRate: {uniform: [lo, hi]}` draws p(r) of a run from
 *   (seed, gridIndex = point, replicate, stream 1); uniform r is p(r).
 * - SAMPLE: `sample.method: uniform` draws sample point j from
 *   (seed, gridIndex = j, replicate 0, stream 2); uniform d is axis d. The same
 *   sample points are crossed with every grid point (as with Sobol).
 */
import { FIRST_SWEEP_STREAM } from '../model/random.js';

export const STREAM_SUCCESS_RATE = FIRST_SWEEP_STREAM;
export const STREAM_SAMPLE = FIRST_SWEEP_STREAM + 1;
