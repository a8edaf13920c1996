/** worker/: the worker loop (both modes), the piscina pool and the thread entry. */
export { runShard, ShardRangeError } from './shard.js';
export type { ShardTask } from './shard.js';
export type { ShardOutput, ShardTrajectory } from '../queue/index.js';
export {
  MAX_THREADS,
  resolveShardPoolOptions,
  reviveThreadError,
  SHARD_POOL_DEFAULTS,
  ShardPool,
  ShardPoolOptionError,
  threadEntry,
} from './pool.js';
export type { ResolvedShardPoolOptions, ShardPoolOptions, ThreadTask } from './pool.js';
export { defaultWorkerId, WorkerLoop, WORKER_LOOP_DEFAULTS } from './loop.js';
export type { ShardRunner, WorkerLoopOptions } from './loop.js';
export { startHealthServer } from './health-server.js';
export type { HealthServer } from './health-server.js';
export { COST_PROBE_DEFAULTS, probeCost } from './cost-probe.js';
export type { CostProbe, CostProbeOptions } from './cost-probe.js';
