/**
 * ShardPool: a fixed-size piscina pool of threads that run shards
 * (worker/thread.ts). A thin facade: it validates its options and hides the pool.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { fromErrorRecord, PatternsweepError, type ErrorRecord } from '../errors/index.js';
import type { BackendName } from '../model/backend.js';
import type { ShardOutput } from '../queue/index.js';
import type { SweepSpec } from '../sweep/index.js';
import type { ShardTask } from './shard.js';

/** What crosses into a thread: the shard and its spec as canonical JSON (parsed once per thread). */
export interface ThreadTask {
  readonly specHash: string;
  readonly specJson: string;
  readonly shard: number;
  readonly start: number;
  readonly end: number;
  readonly backend: BackendName;
}

export interface ShardPoolOptions {
  /** Worker threads. @default os.availableParallelism() */
  threads?: number;
}

export interface ResolvedShardPoolOptions {
  readonly threads: number;
}

export const SHARD_POOL_DEFAULTS: ResolvedShardPoolOptions = Object.freeze({
  threads: availableParallelism(),
});

/** Largest thread count accepted; beyond it the pool only thrashes. */
export const MAX_THREADS = 1024;

export class ShardPoolOptionError extends PatternsweepError {
  override readonly name = 'ShardPoolOptionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('SHARD_POOL_OPTION', message, { ...options, userFacing: true });
  }
}

/** A thread's error record (thread.ts) back into an error with its code and retryable flag. */
export function reviveThreadError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { threadError?: unknown }).threadError === true) {
    return fromErrorRecord(error as ErrorRecord);
  }
  return error;
}

export function resolveShardPoolOptions(options: ShardPoolOptions = {}): ResolvedShardPoolOptions {
  const threads = options.threads ?? SHARD_POOL_DEFAULTS.threads;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new ShardPoolOptionError(`threads: ${String(threads)} is not an integer in [1, ${MAX_THREADS}]`);
  }
  return { threads };
}

/** Loaders that type-check and start a thread in seconds (tap's ts-node). */
const SLOW_TS_LOADER = /@tapjs[\\/]typescript|ts-node/;

/**
 * The thread entry next to this file: `thread.ts` when running from source
 * (tap, tsx), `thread.js` from dist. From source the threads need a
 * TypeScript loader: they get tsx, which starts a thread in a fraction of a
 * second, instead of a type-checking loader the parent may use. Other
 * inherited flags (coverage hooks, source maps) stay.
 */
export function threadEntry(
  moduleUrl: string = import.meta.url,
  parentExecArgv: readonly string[] = process.execArgv,
): { filename: string; execArgv: string[] } {
  const fromSource = moduleUrl.endsWith('.ts');
  const filename = new URL(fromSource ? './thread.ts' : './thread.js', moduleUrl).href;
  if (!fromSource) return { filename, execArgv: [...parentExecArgv] };
  const execArgv: string[] = [];
  for (let i = 0; i < parentExecArgv.length; i++) {
    const a = parentExecArgv[i];
    if (SLOW_TS_LOADER.test(a)) continue;
    const next = parentExecArgv[i + 1];
    if ((a === '--import' || a === '--loader') && next !== undefined && SLOW_TS_LOADER.test(next)) {
      i++;
      continue;
    }
    execArgv.push(a);
  }
  if (!execArgv.some((a) => /(^|[\\/=])tsx($|[\\/])/.test(a))) execArgv.push('--import', 'tsx');
  return { filename, execArgv };
}

export class ShardPool {
  readonly options: ResolvedShardPoolOptions;
  readonly #pool: Piscina;
  // Specs serialised once, not once per shard.
  readonly #specJson = new WeakMap<SweepSpec, string>();

  constructor(options: ShardPoolOptions = {}) {
    this.options = resolveShardPoolOptions({ ...options });
    const { filename, execArgv } = threadEntry();
    this.#pool = new Piscina({
      filename,
      execArgv,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      // Threads are reused across shards (backend caches live in them).
      idleTimeout: 60_000,
      concurrentTasksPerWorker: 1,
    });
  }

  get threads(): number {
    return this.options.threads;
  }

  /** Runs one shard on a thread; rejects with the thread's error, its `name`, `code` and `retryable` kept. */
  async run(task: ShardTask, signal?: AbortSignal): Promise<ShardOutput> {
    let specJson = this.#specJson.get(task.spec);
    if (specJson === undefined) {
      specJson = JSON.stringify(task.spec);
      this.#specJson.set(task.spec, specJson);
    }
    const threadTask: ThreadTask = {
      specHash: task.specHash,
      specJson,
      shard: task.shard,
      start: task.start,
      end: task.end,
      backend: task.backend,
    };
    try {
      return (await this.#pool.run(threadTask, signal === undefined ? {} : { signal })) as ShardOutput;
    } catch (error) {
      throw reviveThreadError(error);
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
