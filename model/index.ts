/**
 * Public surface of model/: the batch and statistics contracts, the backend
 * interface, the reference JS backend, validation and counter-based random
 * numbers. Pure: no clock, no I/O, no Math.random.
 */
export {
  ALGORITHMS,
  EXACT_ALGORITHMS,
  REWARDS,
  TRAIN_MODES,
  type Algorithm,
  type BatchShape,
  type Reward,
  type RunBatch,
  type TrainMode,
} from './batch.js';
export { allocateStats, STAT_NAMES, type BatchStats, type StatName } from './stats.js';
export { BACKEND_NAMES, type Backend, type BackendName } from './backend.js';
export { BackendUnavailableError, ModelParameterError } from './errors.js';
export { DISTRIBUTION_TOLERANCE, validateBatch } from './validate.js';
export {
  FIRST_SWEEP_STREAM,
  MAX_STREAM,
  STREAM_ROLLOUTS,
  philox4x32,
  streamUniforms,
  uniformFromWords,
  uniformPair,
  type RandomKey,
} from './random.js';
export {
  klOptimum,
  regimeTwoGrowthConstant,
  twoPatternG,
  twoPatternTime,
  type TieredRegimeTwo,
} from './closed-forms.js';
export { createJsBackend, jsBackend, simulateBatch, simulateRun, type RunResult } from './js/index.js';

// --- tfjs backend and backend selection (owned by the tfjs helper) ---
export {
  createTfjsBackend,
  RUNTIME_ENV,
  TFJS_BACKEND_DEFAULTS,
  type TfjsBackendOptions,
  type TfjsRuntime,
} from './tfjs/index.js';
export {
  availableBackends,
  createBackend,
  SELECT_DEFAULTS,
  type AutoBackend,
  type AutoChoice,
  type BackendAvailability,
  type ProbeTiming,
  type SelectOptions,
} from './select.js';
