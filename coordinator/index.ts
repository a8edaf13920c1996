export { DispatchOptionError, isUnrecoverable, LocalDispatcher, LOCAL_DISPATCHER_DEFAULTS, UNRECOVERABLE_ERRORS } from './dispatch.js';
export type { LocalDispatcherOptions, ShardDispatcher, ShardFailure, ShardResultMeta, ShardSink } from './dispatch.js';
export { axisColumnName, axisColumns, STAT_SQL_TYPES } from './columns.js';
export type { AxisColumn, AxisKind } from './columns.js';
export { createProgress, formatProgressLine, PROGRESS_MODES } from './progress.js';
export type { ProgressMode, ProgressReporter, ProgressSnapshot } from './progress.js';
export {
  keptStatistics,
  ResultStore,
  RUNS_EXPORT,
  STORE_FILE,
  StoreAxisError,
  StoreBusyError,
  StoreMissingError,
  StoreShardError,
  StoreSpecMismatchError,
  SUMMARY_EXPORT,
} from './store.js';
export type { DescribeIndex, FailedShard, ShardCounts, ShardWriteMeta, ShardWriteOutcome, StoreLayout, StoreOpenOptions } from './store.js';
export { CENSORED_TIMES, FRACTIONS, INTERVAL_NOTE, NUMERIC_STATS, querySummary, summarySql } from './summary.js';
export { studentT975, Z975 } from './student-t.js';
export { HEADLINE_MAX_POINTS, headlineTable } from './headline.js';
export { layoutOf, loadSweep, pendingTasks, runSweep, SpecFileError } from './sweep-run.js';
export type { LoadSweepOptions } from './sweep-run.js';
export { fileProblemOf, StoreOpenError, StoreWriteError } from './store-errors.js';
export type { FileProblem } from './store-errors.js';
export type { LoadedSweep, RunSweepOptions, SweepRunResult } from './sweep-run.js';
