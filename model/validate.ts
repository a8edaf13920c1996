import { ALGORITHMS, EXACT_ALGORITHMS, REWARDS, TRAIN_MODES, type RunBatch } from './batch.js';
import { ModelParameterError } from './errors.js';

/** How far a probability vector's sum may be from 1. */
export const DISTRIBUTION_TOLERANCE = 1e-9;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * Checks every field of a batch against docs/model.md §1–3 and the `RunBatch`
 * docs; throws the first `ModelParameterError` found. Row-wise fields are
 * named `field[row]` or `field[row][pattern]` (`[row][pattern][answer]`).
 */
export function validateBatch(batch: RunBatch): void {
  const shape = batch.shape;
  const R = shape.patterns;
  const A = shape.answers;
  integerAtLeast('shape.patterns', R, 2);
  integerAtLeast('shape.answers', A, 2);
  oneOf('shape.reward', shape.reward, REWARDS);
  oneOf('shape.algorithm', shape.algorithm, ALGORITHMS);
  oneOf('shape.train', shape.train, TRAIN_MODES);
  if (!EXACT_ALGORITHMS.includes(shape.algorithm)) integerAtLeast('shape.rollouts', shape.rollouts, 2);
  integerAtLeast('shape.trajectoryPoints', shape.trajectoryPoints, 0);
  integerAtLeast('size', batch.size, 0);
  const n = batch.size;
  if (!Number.isInteger(batch.seed) || batch.seed < 0 || batch.seed >= TWO_POW_32) {
    throw new ModelParameterError('seed', batch.seed, 'an integer in [0, 2^32)');
  }

  length('successRate', batch.successRate, n * R);
  length('initialPattern', batch.initialPattern, n * R);
  length('referencePattern', batch.referencePattern, n * R);
  if (batch.answerDistribution !== null) length('answerDistribution', batch.answerDistribution, n * R * A);
  for (const name of ['beta', 'stepSize', 'tMax', 'maxSteps', 'epsilon', 'tolerance', 'sftSteps', 'sftRate', 'gridIndex'] as const) {
    length(name, batch[name], n);
  }
  length('replicate', batch.replicate, n);
  if (batch.sftTarget !== null) length('sftTarget', batch.sftTarget, n * R);

  const adaptive = shape.algorithm === 'adaptive';
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < R; r++) {
      const p = batch.successRate[i * R + r];
      if (!(p >= 0 && p <= 1)) throw new ModelParameterError(`successRate[${i}][${r}]`, p, 'in [0, 1]');
    }
    distribution('initialPattern', batch.initialPattern, i, R, true);
    distribution('referencePattern', batch.referencePattern, i, R, true);
    if (batch.answerDistribution !== null) {
      for (let r = 0; r < R; r++) {
        distribution(`answerDistribution`, batch.answerDistribution, i * R + r, A, false, `[${i}][${r}]`);
        const first = batch.answerDistribution[(i * R + r) * A];
        const p = batch.successRate[i * R + r];
        if (Math.abs(first - p) > DISTRIBUTION_TOLERANCE) {
          throw new ModelParameterError(
            `answerDistribution[${i}][${r}][0]`,
            first,
            `equal to successRate[${i}][${r}] = ${p} (pi(a*|r) = p(r), docs/model.md §1)`,
          );
        }
      }
    }
    finiteAtLeast(`beta[${i}]`, batch.beta[i], 0);
    positive(`stepSize[${i}]`, batch.stepSize[i]);
    positive(`tMax[${i}]`, batch.tMax[i]);
    integerAtLeast(`maxSteps[${i}]`, batch.maxSteps[i], 1);
    const eps = batch.epsilon[i];
    if (!(eps > 0 && eps < 1)) throw new ModelParameterError(`epsilon[${i}]`, eps, 'in (0, 1)');
    if (adaptive) positive(`tolerance[${i}]`, batch.tolerance[i]);
    integerAtLeast(`sftSteps[${i}]`, batch.sftSteps[i], 0);
    finiteAtLeast(`sftRate[${i}]`, batch.sftRate[i], 0);
    if (batch.sftSteps[i] > 0) {
      if (batch.sftTarget === null) {
        throw new ModelParameterError('sftTarget', null, `an [n, R] distribution when sftSteps[${i}] = ${batch.sftSteps[i]} > 0`);
      }
      distribution('sftTarget', batch.sftTarget, i, R, false);
    }
    const g = batch.gridIndex[i];
    if (!Number.isInteger(g) || g < 0 || g >= TWO_POW_53) {
      throw new ModelParameterError(`gridIndex[${i}]`, g, 'an integer in [0, 2^53)');
    }
  }
}

function integerAtLeast(field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ModelParameterError(field, value, `an integer >= ${min}`);
}

function finiteAtLeast(field: string, value: number, min: number): void {
  if (!(Number.isFinite(value) && value >= min)) throw new ModelParameterError(field, value, `a finite number >= ${min}`);
}

function positive(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new ModelParameterError(field, value, 'a finite number > 0');
}

function oneOf(field: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new ModelParameterError(field, value, `one of ${allowed.join(', ')}`);
}

function length(field: string, array: ArrayLike<number> | null | undefined, expected: number): void {
  const actual = array?.length;
  if (actual !== expected) {
    throw new ModelParameterError(`${field}.length`, actual, `${expected} (the batch shape)`);
  }
}

/**
 * Row `row` of a [.., size] array must be a probability vector: every entry
 * > 0 (`strict`, needed where the model takes logs) or >= 0, summing to 1.
 */
function distribution(field: string, array: Float64Array, row: number, size: number, strict: boolean, label = `[${row}]`): void {
  let sum = 0;
  for (let k = 0; k < size; k++) {
    const v = array[row * size + k];
    if (strict ? !(v > 0 && v <= 1) : !(v >= 0 && v <= 1)) {
      throw new ModelParameterError(`${field}${label}[${k}]`, v, strict ? 'in (0, 1]' : 'in [0, 1]');
    }
    sum += v;
  }
  if (Math.abs(sum - 1) > DISTRIBUTION_TOLERANCE) {
    throw new ModelParameterError(`sum(${field}${label})`, sum, `1 (within ${DISTRIBUTION_TOLERANCE})`);
  }
}
