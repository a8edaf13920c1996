/** coordinator/: runSweep and its loop, the results store and its schema, aggregation, progress. */
export { coordinate, COORDINATE_DEFAULTS } from './coordinate.js';
export type { CoordinateOptions, CoordinateResult, SweepObserver } from './coordinate.js';
export { backendNameOf, chooseBackend, resolveAutoBackend } from './backend-choice.js';
export { DoneSet, pendingShards } from './done-set.js';
export { StoreWriter, STORE_WRITER_DEFAULTS } from './store-writer.js';
export type { CommitTarget, StoreWriterOptions } from './store-writer.js';
export { axisColumnName, axisColumns, STAT_SQL_TYPES } from './columns.js';
export type { AxisColumn, AxisKind } from './columns.js';
export { META_KEYS, RUN_INDEX_COLUMNS, runsTableSql, STORE_TABLES_SQL } from './store-schema.js';
export { createProgress, formatProgressLine, PROGRESS_MODES } from './progress.js';
export type { ProgressMode, ProgressReporter, ProgressSnapshot } from './progress.js';
export {
  keptStatistics,
  ResultStore,
  RUNS_EXPORT,
  STORE_FILE,
  STORE_VERSION,
  StoreAxisError,
  StoreBusyError,
  StoreMissingError,
  StoreShardError,
  StoreSpecMismatchError,
  SUMMARY_EXPORT,
} from './store.js';
export type {
  CommitOutcome,
  DescribeIndex,
  FailedShard,
  ShardCounts,
  ShardRecord,
  ShardWriteMeta,
  ShardWriteOutcome,
  StoreLayout,
  StoreOpenOptions,
} from './store.js';
export { CENSORED_TIMES, FRACTIONS, INTERVAL_NOTE, NUMERIC_STATS, querySummary, summarySql } from './summary.js';
export { studentT975, Z975 } from './student-t.js';
export { HEADLINE_MAX_POINTS, headlineTable } from './headline.js';
export { layoutOf, loadSweep, runSweep, SpecFileError, sweepIdOf } from './sweep-run.js';
export type { LoadSweepOptions } from './sweep-run.js';
export { fileProblemOf, StoreOpenError, StoreWriteError } from './store-errors.js';
export type { FileProblem } from './store-errors.js';
export type { LoadedSweep, RunSweepOptions, SweepRunResult } from './sweep-run.js';
export type { OpenSweep } from './sweep-run.js';
export { writeSummaryTableSql } from './summary.js';
export * from './dashboard/index.js';
export { runAnySweep, runRefinement } from './refine-run.js';
export type { RefineLevelSummary, RefineRunResult } from './refine-run.js';
export { dispatchLevel } from './refine-dispatch.js';
export type { LevelDispatchInput, LevelDispatchResult } from './refine-dispatch.js';
export { readLevels, readPointLevels, RefineLedgerError } from './refine-ledger.js';
export type { LevelRecord } from './refine-ledger.js';
