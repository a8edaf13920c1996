export { runShard, ShardRangeError } from './shard.js';
export type { ShardOutput, ShardTask, ShardTrajectory } from './shard.js';
export {
  MAX_THREADS,
  resolveShardPoolOptions,
  SHARD_POOL_DEFAULTS,
  ShardPool,
  ShardPoolOptionError,
  threadEntry,
} from './pool.js';
export type { ResolvedShardPoolOptions, ShardPoolOptions } from './pool.js';
export { reviveThreadError, ShardThreadError, toThreadErrorRecord } from './thread-error.js';
export type { ThreadErrorRecord } from './thread-error.js';
export { isUnrecoverable, UNRECOVERABLE_ERRORS } from './retry-policy.js';
export { describeShardError } from './retry-policy.js';
