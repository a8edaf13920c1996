/**
 * The worker loop, the same in both modes (queue/contract.ts): in-process
 * lanes of `patternsweep run` pull from the memory queue, `patternsweep
 * worker` pulls from JetStream. One lane per thread, each holding at most one
 * shard (prefetch never exceeds free threads: a pulled shard's AckWait is
 * ticking).
 *
 * Delivery rules, in the order they matter:
 * - A result is published (msgID "<sweep>:<shard>:<run>") BEFORE the work
 *   message is acked, so a crash between the two only costs a recomputation,
 *   never a lost shard. The lane then pulls again at once: it never waits for
 *   the result to be stored (issue 12: compute never waits on storage).
 * - While a shard runs, `working()` every AckWait/3 keeps it ours.
 * - A shard that throws: a failure report is published (so the coordinator
 *   knows the last error), then the message is nak'ed with backoff
 *   (queue/retry.ts), or terminated when the error is not retryable or this
 *   was the last delivery (MaxDeliver); a final report tells the coordinator
 *   to record the shard failed.
 * - A message that does not decode, speaks another protocol version or names
 *   an unknown backend is terminated and logged once: it can never succeed.
 * - stop() drains: no new pulls, in-flight shards get `drainMs` to finish,
 *   then the rest are aborted and nak'ed at once for another worker.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { toErrorRecord } from '../errors/index.js';
import type { ShardMessage } from '../proto/index.js';
import { isFinalFailure, resolveBackoff, retryDelayMs, type BackoffOptions, type Delivery, type ResolvedBackoff, type ShardOutput, type WorkSource } from '../queue/index.js';
import type { ShardTask } from './shard.js';

/** Runs one shard; production passes a ShardPool's `run`, tests a fixture kernel (test/fixtures/kernels/). */
export type ShardRunner = (task: ShardTask, signal: AbortSignal) => Promise<ShardOutput>;

export interface WorkerLoopOptions {
  source: WorkSource;
  runShard: ShardRunner;
  /** Lanes (shards run at once; = ShardPool threads). */
  threads: number;
  /** @default a silent logger */
  logger?: Logger;
  /** @default `<host>-<pid>-<4 hex>` */
  workerId?: string;
  /** Package version, reported in heartbeats. @default '0.0.0' */
  version?: string;
  /** @default 5000 */
  heartbeatMs?: number;
  /** Time in-flight shards get to finish after stop() before they are handed back. @default 20000 */
  drainMs?: number;
  /** Redelivery delays after a failed delivery. @default 1 s, 2 s, 4 s ... 30 s */
  backoff?: BackoffOptions;
}

export const WORKER_LOOP_DEFAULTS = Object.freeze({
  version: '0.0.0',
  heartbeatMs: 5000,
  drainMs: 20_000,
});

export function defaultWorkerId(): string {
  const host = hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${host}-${process.pid}-${randomBytes(2).toString('hex')}`;
}

/** A bounded wait that returns early when `wake` fires. */
function pause(ms: number, wake: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), wake]).finally(() => clearTimeout(timer));
}

interface InFlight {
  readonly delivery: Delivery;
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

export class WorkerLoop {
  readonly id: string;
  readonly #source: WorkSource;
  readonly #runShard: ShardRunner;
  readonly #threads: number;
  readonly #log: Logger;
  readonly #version: string;
  readonly #heartbeatMs: number;
  readonly #drainMs: number;
  readonly #backoff: ResolvedBackoff;
  readonly #inFlight = new Set<InFlight>();
  readonly #rejected = new Set<string>();
  #stopping = false;
  #wakeStop!: () => void;
  readonly #stopped: Promise<void>;
  #done = 0;
  #failed = 0;

  constructor(options: WorkerLoopOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1) {
      throw new RangeError(`threads: ${String(options.threads)} is not an integer >= 1`);
    }
    this.#source = options.source;
    this.#runShard = options.runShard;
    this.#threads = options.threads;
    this.#log = options.logger ?? pino({ level: 'silent' });
    this.#version = options.version ?? WORKER_LOOP_DEFAULTS.version;
    this.#heartbeatMs = options.heartbeatMs ?? WORKER_LOOP_DEFAULTS.heartbeatMs;
    this.#drainMs = options.drainMs ?? WORKER_LOOP_DEFAULTS.drainMs;
    this.#backoff = resolveBackoff(options.backoff);
    this.id = options.workerId ?? defaultWorkerId();
    this.#stopped = new Promise((resolve) => (this.#wakeStop = resolve));
  }

  get busy(): number {
    return this.#inFlight.size;
  }

  get shardsDone(): number {
    return this.#done;
  }

  /** Serves shards until stop(); resolves once drained. */
  async run(): Promise<void> {
    const log = this.#log;
    const { maxDeliver, ackWaitMs } = this.#source.settings;
    log.info({ worker: this.id, threads: this.#threads, maxDeliver, ackWaitMs }, 'worker ready');
    if (this.#stopping) return;
    // Heartbeats are best-effort: a first put that meets a stream still electing its
    // leader (a JetStream cluster starting up answers "jetstream is not enabled") must not end the worker.
    await this.#beat().catch((error: unknown) => log.warn({ err: toErrorRecord(error) }, 'heartbeat failed'));
    const beat = setInterval(() => {
      this.#beat().catch((error: unknown) => log.warn({ err: toErrorRecord(error) }, 'heartbeat failed'));
    }, this.#heartbeatMs);
    try {
      const lanes = Promise.all(Array.from({ length: this.#threads }, () => this.#lane()));
      await Promise.race([lanes, this.#stopped]);
      await this.#drain();
      // A lane whose pull cannot end (broker unreachable) must not hold the
      // shutdown: its message, if any arrives, is handed back by the source.
      await Promise.race([lanes, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
    } finally {
      clearInterval(beat);
      await this.#source.forget?.(this.id).catch(() => undefined);
    }
    log.info({ worker: this.id, done: this.#done, failed: this.#failed }, 'worker stopped');
  }

  /** Stops pulling; run() resolves once in-flight shards finished or were handed back. Safe at any time, before run() too. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#wakeStop();
    this.#source.stopPulls();
  }

  async #beat(): Promise<void> {
    await this.#source.beat?.({
      workerId: this.id,
      host: hostname(),
      pid: process.pid,
      threads: this.#threads,
      busy: this.#inFlight.size,
      shardsDone: this.#done,
      shardsFailed: this.#failed,
      version: this.#version,
      timeMs: Date.now(),
    });
  }

  async #lane(): Promise<void> {
    let errors = 0;
    while (!this.#stopping) {
      let delivery: Delivery | null;
      try {
        delivery = await this.#source.pull();
        errors = 0;
      } catch (error) {
        if (this.#stopping) break;
        // Broker restart, lost connection, consumer briefly missing: the
        // client reconnects on its own; wait a bounded, growing while.
        errors++;
        this.#log.warn({ err: toErrorRecord(error), attempt: errors }, 'fetching work failed; retrying');
        await pause(Math.min(250 * 2 ** errors, 5000), this.#stopped);
        continue;
      }
      if (delivery === null) continue;
      if (this.#stopping) {
        delivery.nak();
        break;
      }
      await this.#start(delivery);
    }
  }

  #start(delivery: Delivery): Promise<void> {
    const abort = new AbortController();
    const entry: InFlight = {
      delivery,
      abort,
      done: this.#handle(delivery, abort.signal)
        .catch((error: unknown) => {
          this.#log.error({ err: toErrorRecord(error) }, 'shard handling failed; handing it back');
          delivery.nak(retryDelayMs(delivery.deliveryCount, this.#backoff));
        })
        .finally(() => this.#inFlight.delete(entry)),
    };
    this.#inFlight.add(entry);
    return entry.done;
  }

  #reject(delivery: Delivery): void {
    const e = toErrorRecord(delivery.error);
    // Log once per kind of bad message, not once per copy: a misconfigured
    // producer could otherwise flood the log.
    const key = `${e.code}:${e.message}`;
    if (!this.#rejected.has(key)) {
      this.#rejected.add(key);
      this.#log.warn({ err: e, seq: delivery.seq, worker: this.id }, 'rejected a work message that cannot be processed; terminated it');
    }
    delivery.term();
  }

  async #handle(delivery: Delivery, signal: AbortSignal): Promise<void> {
    const shard: ShardMessage | null = delivery.shard;
    if (shard === null) return this.#reject(delivery);
    const log = this.#log;
    const deliveries = delivery.deliveryCount;
    const { maxDeliver, ackWaitMs } = this.#source.settings;
    log.debug({ shard: shard.shard, sweep: shard.sweepId, attempt: deliveries, worker: this.id }, 'shard started');
    const keepAlive = setInterval(() => delivery.working(), Math.max(1000, ackWaitMs / 3));
    let out: ShardOutput;
    try {
      const spec = await this.#source.specs.get(shard.specHash);
      const task: ShardTask = {
        spec,
        specHash: shard.specHash,
        shard: shard.shard,
        start: shard.start,
        end: shard.end,
        backend: shard.backend as ShardTask['backend'],
      };
      out = await this.#runShard(task, signal);
    } catch (error) {
      clearInterval(keepAlive);
      if (signal.aborted) return; // handed back by #drain
      const e = toErrorRecord(error);
      const final = isFinalFailure(e, deliveries, maxDeliver);
      this.#failed++;
      log.warn({ shard: shard.shard, sweep: shard.sweepId, attempt: deliveries, final, err: e }, 'shard failed');
      await this.#source.publishFailure(
        {
          sweepId: shard.sweepId,
          shard: shard.shard,
          start: shard.start,
          end: shard.end,
          errorName: e.name,
          errorMessage: e.message,
          attempt: deliveries,
          workerId: this.id,
          final,
          workSeq: delivery.seq,
          runId: shard.runId,
        },
        `${shard.sweepId}:${shard.shard}:${shard.runId}:failure:${deliveries}`,
      );
      if (final) delivery.term();
      else delivery.nak(retryDelayMs(deliveries, this.#backoff));
      return;
    }
    clearInterval(keepAlive);
    // Deduplicated per coordinator session: a redelivered shard's second
    // result is dropped by the stream; a rerun's (new session) is not.
    await this.#source.publishResult(
      {
        sweepId: shard.sweepId,
        specHash: shard.specHash,
        shard: out.shard,
        start: out.start,
        end: out.end,
        columns: out.columns,
        trajectory: out.trajectory,
        ...(out.points === undefined ? {} : { points: out.points }),
        backend: out.backend,
        workerId: this.id,
        elapsedMs: out.elapsedMs,
        attempt: deliveries,
        runId: shard.runId,
      },
      `${shard.sweepId}:${shard.shard}:${shard.runId}`,
    );
    this.#done++;
    // The result is durable now; an ack lost here only means a recomputation
    // whose result the stream deduplicates and the store ignores.
    await delivery.ack().catch((error: unknown) => log.debug({ err: toErrorRecord(error) }, 'ack not confirmed'));
    log.debug({ shard: shard.shard, sweep: shard.sweepId, ms: Math.round(out.elapsedMs) }, 'shard done');
  }

  async #drain(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    const log = this.#log;
    log.info({ inFlight: this.#inFlight.size, drainMs: this.#drainMs }, 'draining in-flight shards');
    const all = Promise.all([...this.#inFlight].map((f) => f.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.#drainMs))),
    ]).finally(() => clearTimeout(timer));
    if (!timedOut) return;
    for (const f of this.#inFlight) {
      f.abort.abort();
      // Hand it back at once: another worker picks it up without waiting AckWait.
      f.delivery.nak();
    }
    log.info({ handedBack: this.#inFlight.size }, 'handed unfinished shards back');
    // A runner that ignores its abort signal must not keep the worker alive.
    await Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}
