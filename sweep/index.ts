/**
 * Public surface of sweep/: spec -> index space -> batches (docs/spec.md).
 * Pure except `readSpecFile` (sweep/spec-file.ts), the one function that reads a file.
 */
export { backendIssues, checkBackend, MAX_SPEC_DEPTH, parseSpec, specWarnings, validateSpec } from './parse.js';
export { decodeSpecBytes, MAX_SPEC_BYTES_FLAG, readSpecFile, SPEC_FILE_DEFAULTS, SpecFileError } from './spec-file.js';
export type { SpecFileOptions } from './spec-file.js';
export { specHash, canonicalJson } from './hash.js';
export { planSweep } from './plan.js';
export type { SweepPlan, AxisInfo, IndexDescription, IndexRangeColumns } from './plan.js';
export { buildBatches, decodeRun, effectiveMaxSteps } from './batches.js';
export type { PlannedBatch } from './batches.js';
export { estimateWork, formatPlan, ASSUMED_THROUGHPUT } from './estimate.js';
export type { WorkEstimate } from './estimate.js';
export { SpecError, RunDecodeError, SweepRangeError, formatIssue } from './errors.js';
export type { SpecIssue } from './errors.js';
export { GRID_FIELD_PATHS } from './fields.js';
export { sobolPoint, SOBOL_MAX_DIMENSIONS } from './sobol.js';
export { STREAM_SUCCESS_RATE, STREAM_SAMPLE } from './streams.js';
export { SAMPLE_METHODS, REFINE_SHARES, REFINE_TIMES } from './spec-types.js';
export {
  formatRefinePlan,
  levelSpec,
  planNextLevel,
  refineLattice,
  refineWorstCase,
  RefineCornerMissingError,
} from './refine.js';
export type { NextLevel, PointAggregate, RefineCell, RefineLattice, RefinePoint, RefineWorstCase } from './refine.js';
export type {
  SweepSpec,
  ModelSpec,
  SuccessRateForm,
  PatternForm,
  ReferenceForm,
  GridAxisSpec,
  GridAxisForm,
  SampleSpec,
  SampleAxisSpec,
  SampleDistribution,
  SampleMethod,
  RefineSpec,
  RefineQuantity,
  PointListSpec,
} from './spec-types.js';
