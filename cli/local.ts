/**
 * Local mode (`patternsweep run` without `--nats`): the coordinator loop and
 * `threads` in-process worker lanes over one MemoryQueue. The lanes are the
 * same WorkerLoop `patternsweep worker` runs, so retries, backoff, MaxDeliver
 * and failure records are those of cluster mode (README, "Dead letters").
 * The piscina pool starts on the first shard: a sweep with nothing left to
 * compute starts no threads.
 */
import { hostname } from 'node:os';
import { runAnySweep, type RefineRunResult, type RunSweepOptions, type SweepRunResult } from '../coordinator/index.js';
import { MemoryQueue, type BackoffOptions } from '../queue/index.js';
import { resolveShardPoolOptions, ShardPool, WorkerLoop, type ShardRunner } from '../worker/index.js';

export interface LocalSweepOptions extends Omit<RunSweepOptions, 'queues'> {
  /** Worker lanes (threads). @default os.availableParallelism() */
  threads?: number;
  /** Runs one shard. @default a ShardPool with `threads` threads */
  runShard?: ShardRunner;
  /** @default 30000 */
  ackWaitMs?: number;
  /** @default 5 */
  maxDeliver?: number;
  /** @default 1 s, 2 s, 4 s ... 30 s */
  backoff?: BackoffOptions;
}

/** The worker id of local lanes, as the shards table records it. */
export function localWorkerId(): string {
  return `local:${hostname()}/${process.pid}`;
}

export async function runLocalSweep(options: LocalSweepOptions): Promise<SweepRunResult | RefineRunResult> {
  const { threads: requested, runShard, ackWaitMs, maxDeliver, backoff, ...sweep } = options;
  const { threads } = resolveShardPoolOptions({ threads: requested });
  const queue = new MemoryQueue({ ackWaitMs, maxDeliver });
  let pool: ShardPool | null = null;
  const runner: ShardRunner =
    runShard ??
    ((task, signal) => {
      pool ??= new ShardPool({ threads });
      return pool.run(task, signal);
    });
  // drainMs 0: an interrupted local run hands its shards back at once (the next run computes them).
  const lanes = new WorkerLoop({ source: queue, runShard: runner, threads, workerId: localWorkerId(), backoff, drainMs: 0, logger: options.logger });
  const lanesDone = lanes.run();
  try {
    // A spec with `refine:` runs level by level over the same queue (coordinator/refine-run.ts).
    return await runAnySweep({ ...sweep, queues: queue });
  } finally {
    lanes.stop();
    await lanesDone;
    queue.close();
    await (pool as ShardPool | null)?.close();
  }
}
