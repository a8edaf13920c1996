/**
 * The coordinator loop, the same in both modes (queue/contract.ts): it opens
 * the sweep's queue, stores what an earlier session left in the results
 * backlog, then keeps at most `maxInFlight` shards enqueued (generated
 * lazily from the index space and the done set, never listed), and turns
 * every outcome into a store record:
 * - a result: checked against the plan (range, spec hash, column lengths,
 *   trajectory shape); a bad one is a protocol error (logged once per worker
 *   and kind, counted, removed, the shard enqueued again); a good one goes to
 *   the store writer (group commit) and is settled (acked) after its commit;
 * - a failure report: remembered as the shard's last error; a final one (the
 *   error is not retryable, or MaxDeliver is spent) records the shard failed
 *   and deletes its work message;
 * - a dead letter (MaxDeliver deliveries, no report: the workers died):
 *   recorded failed with the last error seen.
 * A result of a shard already done, in the store or earlier in this run, is
 * settled and dropped: redelivery never duplicates rows. No message can stop
 * the loop: only the store failing does.
 *
 * Every msgID carries the coordinator session id (run id, in the Shard
 * message): work "<sweep>:<shard>:<run>", result "<sweep>:<shard>:<run>",
 * failure "<sweep>:<shard>:<run>:failure:<delivery>". Within a session the
 * streams drop repeats; a restarted coordinator (new session) is never
 * swallowed by the duplicate window. A shard enqueued again after a protocol
 * error gets a derived run id (`<run>-r<n>`) so its new result is not a
 * duplicate of the bad one.
 */
import type { Logger } from 'pino';
import { toErrorRecord } from '../errors/index.js';
import type { BackendName } from '../model/backend.js';
import type { ShardFailureMessage, ShardResultMessage } from '../proto/index.js';
import type { Outcome, ShardOutput, SweepEntry, SweepQueue, SweepQueueFactory } from '../queue/index.js';
import type { SweepPlan } from '../sweep/index.js';
import { DoneSet, pendingShards } from './done-set.js';
import type { StoreLayout } from './store.js';
import type { StoreWriter } from './store-writer.js';

/** What the loop reports as it goes (progress bar, /metrics, the progress bucket). */
export interface SweepObserver {
  stored?(shard: number, runs: number, lagSeconds: number): void;
  failed?(shard: number): void;
  inFlight?(n: number): void;
  protocolError?(worker: string, message: string): void;
}

export interface CoordinateOptions {
  readonly queues: SweepQueueFactory;
  readonly entry: SweepEntry;
  readonly plan: Pick<SweepPlan, 'shardCount' | 'shardRange' | 'size'>;
  readonly layout: Pick<StoreLayout, 'statistics' | 'trajectoryPoints' | 'keepRuns'>;
  /** Done shards (from the store); updated as shards are stored. */
  readonly done: DoneSet;
  readonly writer: StoreWriter;
  readonly backend: BackendName;
  /** Shards enqueued and not yet resolved, at most. @default 256 */
  readonly maxInFlight?: number;
  readonly logger?: Logger;
  readonly observer?: SweepObserver;
  readonly signal?: AbortSignal;
}

export const COORDINATE_DEFAULTS = Object.freeze({ maxInFlight: 256 });

export interface CoordinateResult {
  /** Shards stored by this run. */
  readonly stored: number;
  readonly failed: number;
  readonly protocolErrors: number;
  /** Whether every shard of the plan is done or failed. */
  readonly finished: boolean;
}

function newRunId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

export async function coordinate(options: CoordinateOptions): Promise<CoordinateResult> {
  const loop = new CoordinatorLoop(options);
  return loop.run();
}

class CoordinatorLoop {
  readonly #o: CoordinateOptions;
  readonly #maxInFlight: number;
  readonly #runId = newRunId();
  readonly #sweepId: string;
  /** Enqueued by this run and not resolved: shard -> run id it was enqueued under. */
  readonly #inFlight = new Map<number, string>();
  readonly #failedNow = new Set<number>();
  readonly #lastError = new Map<number, ShardFailureMessage>();
  readonly #logged = new Set<string>();
  readonly #pending: Generator<number>;
  #requeues = 0;
  #stored = 0;
  #failed = 0;
  #protocolErrors = 0;
  #queue: SweepQueue | null = null;
  /** The first store or enqueue error: it ends the run (a message never does). */
  #error: { error: unknown } | null = null;
  /** Set while the backlog is stored: nothing is enqueued meanwhile. */
  #holdEnqueue = false;
  #enqueueing: Promise<void> = Promise.resolve();

  constructor(options: CoordinateOptions) {
    this.#o = options;
    this.#maxInFlight = options.maxInFlight ?? COORDINATE_DEFAULTS.maxInFlight;
    if (!Number.isInteger(this.#maxInFlight) || this.#maxInFlight < 1) {
      throw new RangeError(`maxInFlight: ${String(this.#maxInFlight)} is not an integer >= 1`);
    }
    this.#sweepId = options.entry.sweepId;
    this.#pending = pendingShards(options.plan.shardCount, options.done);
  }

  get #resolvedCount(): number {
    return this.#o.done.size + this.#failed;
  }

  get #finished(): boolean {
    return this.#resolvedCount >= this.#o.plan.shardCount;
  }

  #aborted(): boolean {
    return this.#o.signal?.aborted === true;
  }

  async run(): Promise<CoordinateResult> {
    const o = this.#o;
    const result = (): CoordinateResult => ({
      stored: this.#stored,
      failed: this.#failed,
      protocolErrors: this.#protocolErrors,
      finished: this.#finished,
    });
    if (this.#finished || this.#aborted()) return result();
    const queue = await o.queues.open(o.entry);
    this.#queue = queue;
    const onAbort = (): void => void queue.close();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // Results left by an earlier session first: their shards need no
      // computing. Nothing is enqueued meanwhile (a commit's fill would enqueue
      // shards whose results are further down the backlog), and the backlog is
      // committed before the first enqueue, so the done set holds all of it.
      let drained = 0;
      this.#holdEnqueue = true;
      try {
        for await (const outcome of queue.backlog()) {
          drained++;
          await this.#handle(outcome);
          if (this.#aborted()) break;
        }
        await o.writer.flush();
      } finally {
        this.#holdEnqueue = false;
      }
      if (drained > 0) o.logger?.info({ sweep: this.#sweepId, results: drained }, 'stored results published before this coordinator started');
      if (!this.#finished && !this.#aborted()) {
        await this.#fill();
        for await (const outcome of queue.outcomes()) {
          await this.#handle(outcome);
          if (this.#finished || this.#aborted() || this.#error !== null) break;
        }
      }
      await o.writer.flush();
      await this.#enqueueing;
      if (this.#error !== null) throw this.#error.error;
      if (this.#finished) await queue.finish();
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
      await queue.close();
    }
    return result();
  }

  /** Enqueues pending shards until maxInFlight are out (serialised: one filler at a time). */
  #fill(): Promise<void> {
    const next = this.#enqueueing.then(async () => {
      const queue = this.#queue;
      if (queue === null || this.#holdEnqueue) return;
      while (this.#inFlight.size < this.#maxInFlight && !this.#aborted()) {
        const step = this.#pending.next();
        if (step.done === true) break;
        const shard = step.value;
        // Resolved since the generator passed it (a backlog result), or failed this run.
        if (this.#o.done.has(shard) || this.#failedNow.has(shard) || this.#inFlight.has(shard)) continue;
        await this.#enqueue(queue, shard, this.#runId);
      }
      this.#o.observer?.inFlight?.(this.#inFlight.size);
    });
    this.#enqueueing = next.catch((error: unknown) => this.#fail(error));
    return next;
  }

  #fail(error: unknown): void {
    this.#error ??= { error };
    void this.#queue?.close();
  }

  async #enqueue(queue: SweepQueue, shard: number, runId: string): Promise<void> {
    const { start, end } = this.#o.plan.shardRange(shard);
    this.#inFlight.set(shard, runId);
    await queue.enqueue(
      {
        sweepId: this.#sweepId,
        specHash: this.#o.entry.specHash,
        shard,
        start,
        end,
        attempt: 1,
        backend: this.#o.backend,
        runId,
      },
      `${this.#sweepId}:${shard}:${runId}`,
    );
  }

  #unresolved(shard: number): boolean {
    return Number.isInteger(shard) && shard >= 0 && shard < this.#o.plan.shardCount && !this.#o.done.has(shard) && !this.#failedNow.has(shard);
  }

  /** Whether a report comes from this session (a stale one's shard was enqueued afresh). */
  #ofThisSession(runId: string): boolean {
    return runId === this.#runId || runId.startsWith(`${this.#runId}-`);
  }

  async #handle(outcome: Outcome): Promise<void> {
    // Back-pressure: a full writer holds the next outcome in the broker.
    await this.#o.writer.admit();
    switch (outcome.kind) {
      case 'result':
        return this.#onResult(outcome.result, outcome, Math.max(0, outcome.receivedMs - outcome.publishedMs) / 1000);
      case 'failure':
        await this.#onFailure(outcome.failure);
        return outcome.settle();
      case 'dead-letter':
        await this.#onDeadLetter(outcome.shard, outcome.deliveries);
        return outcome.settle();
      case 'unreadable':
        this.#protocolError('?', `unreadable message on ${outcome.subject}: ${toErrorRecord(outcome.error).message}`, null);
        return outcome.settle();
    }
  }

  /** What is wrong with a well-formed result, or null (issue 13, point 1). */
  #check(r: ShardResultMessage): string | null {
    const { plan, layout, entry } = this.#o;
    if (!Number.isSafeInteger(r.shard) || r.shard < 0 || r.shard >= plan.shardCount) {
      return `result of unknown shard ${r.shard} (the sweep has ${plan.shardCount})`;
    }
    if (r.specHash !== entry.specHash) return `result of shard ${r.shard} is of spec ${r.specHash}, expected ${entry.specHash}`;
    const { start, end } = plan.shardRange(r.shard);
    if (r.start !== start || r.end !== end) {
      return `result of shard ${r.shard} covers [${r.start}, ${r.end}), expected [${start}, ${end})`;
    }
    // keep.runs: false: runs arrive as per-point aggregates, the columns empty.
    const keepRuns = layout.keepRuns !== false;
    if (!keepRuns && r.points === undefined) return `result of shard ${r.shard} has no point aggregates; the spec keeps no runs`;
    const n = keepRuns ? end - start : 0;
    for (const stat of layout.statistics) {
      const length = r.columns[stat]?.length;
      if (length !== n) return `result of shard ${r.shard}: column ${stat} has ${String(length)} values, expected ${n}`;
    }
    const k = layout.trajectoryPoints;
    const t = r.trajectory;
    if (k > 0) {
      if (t === null) return `result of shard ${r.shard} has no trajectories; the spec keeps ${k} points per run`;
      if (t.points !== k) return `result of shard ${r.shard} keeps ${t.points} trajectory points per run, expected ${k}`;
      for (const key of ['time', 'acc', 'piOpt'] as const) {
        if (t[key].length !== n * k) return `result of shard ${r.shard}: trajectory ${key} has ${t[key].length} values, expected ${n * k}`;
      }
    } else if (t !== null && t.points > 0) {
      return `result of shard ${r.shard} has trajectories; the spec keeps none`;
    }
    return null;
  }

  async #onResult(r: ShardResultMessage, outcome: { settle(): Promise<void> }, lagSeconds: number): Promise<void> {
    if (Number.isSafeInteger(r.shard) && !this.#unresolved(r.shard) && r.shard >= 0 && r.shard < this.#o.plan.shardCount) {
      return outcome.settle(); // already resolved: redelivery or a late duplicate
    }
    const wrong = this.#check(r);
    if (wrong !== null) {
      this.#protocolError(r.workerId, wrong, r.shard, r.runId);
      await outcome.settle();
      return;
    }
    // The writer resolves after the commit; the loop goes on taking outcomes meanwhile.
    void this.#o.writer
      .submit({
        kind: 'result',
        out: {
          shard: r.shard,
          start: r.start,
          end: r.end,
          columns: r.columns,
          trajectory: r.trajectory,
          ...(r.points === undefined ? {} : { points: r.points as ShardOutput['points'] }),
          backend: r.backend,
          elapsedMs: r.elapsedMs,
        },
        meta: { worker: r.workerId, attempts: Math.max(1, r.attempt) },
      })
      .then(async (stored) => {
        if (stored === 'stored') {
          this.#o.done.add(r.shard);
          this.#stored++;
          this.#o.observer?.stored?.(r.shard, r.end - r.start, lagSeconds);
        }
        this.#inFlight.delete(r.shard);
        await outcome.settle();
        this.#afterResolve();
        await this.#fill().catch(() => undefined); // an enqueue error is kept by #fill
      })
      .catch((error: unknown) => this.#fail(error));
  }

  #afterResolve(): void {
    if (this.#finished) void this.#queue?.close();
  }

  async #onFailure(f: ShardFailureMessage): Promise<void> {
    const { plan } = this.#o;
    if (!Number.isSafeInteger(f.shard) || f.shard < 0 || f.shard >= plan.shardCount) {
      this.#protocolError(f.workerId, `failure report of unknown shard ${f.shard} (the sweep has ${plan.shardCount})`, null);
      return;
    }
    const { start, end } = plan.shardRange(f.shard);
    if (f.start !== start || f.end !== end) {
      // A forged or confused report must not mark a shard failed.
      this.#protocolError(f.workerId, `failure report of shard ${f.shard} covers [${f.start}, ${f.end}), expected [${start}, ${end})`, null);
      return;
    }
    if (!this.#unresolved(f.shard)) return;
    if (!this.#ofThisSession(f.runId)) return;
    this.#lastError.set(f.shard, f);
    this.#o.logger?.warn(
      { sweep: this.#sweepId, shard: f.shard, attempt: f.attempt, final: f.final, worker: f.workerId, err: { name: f.errorName, message: f.errorMessage } },
      'shard attempt failed',
    );
    // The worker may have read an older MaxDeliver; the queue's own is authoritative.
    if (!f.final && f.attempt < (this.#queue?.settings.maxDeliver ?? Infinity)) return;
    await this.#recordFailed(f.shard, { name: f.errorName, message: f.errorMessage, attempts: f.attempt }, f.workerId);
    // The worker terminated it already; deleting is for a term() lost on the way.
    if (f.workSeq > 0) await this.#queue?.deleteWork(f.workSeq);
  }

  async #onDeadLetter(shard: number, deliveries: number): Promise<void> {
    if (!this.#unresolved(shard)) return;
    const last = this.#lastError.get(shard);
    await this.#recordFailed(
      shard,
      {
        name: last?.errorName ?? 'MaxDeliveriesExceeded',
        message:
          last?.errorMessage ??
          `no worker finished shard ${shard} in ${deliveries} deliveries (each within AckWait); workers may have crashed`,
        attempts: deliveries,
      },
      last?.workerId ?? '',
    );
  }

  async #recordFailed(shard: number, error: { name: string; message: string; attempts: number }, worker: string): Promise<void> {
    const { start, end } = this.#o.plan.shardRange(shard);
    this.#failedNow.add(shard);
    this.#inFlight.delete(shard);
    this.#lastError.delete(shard);
    const outcome = await this.#o.writer.submit({ kind: 'failure', task: { shard, start, end }, error, worker });
    if (outcome === 'failed') {
      this.#failed++;
      this.#o.observer?.failed?.(shard);
      this.#o.logger?.warn({ shard, error }, 'shard failed');
    } else {
      this.#failedNow.delete(shard); // it was done after all (a result stored in the same batch)
    }
    this.#afterResolve();
    await this.#fill();
  }

  /** Logged once per worker and kind; counted; the shard, if it is ours, is enqueued again. */
  #protocolError(worker: string, message: string, shard: number | null, runId: string | null = null): void {
    this.#protocolErrors++;
    const key = `${worker}:${message.replace(/\d+/g, '#')}`;
    if (!this.#logged.has(key)) {
      this.#logged.add(key);
      this.#o.logger?.error({ worker, sweep: this.#sweepId }, `protocol error: ${message}; message removed, shard recomputed`);
    }
    this.#o.observer?.protocolError?.(worker, message);
    // Only the first bad result of an enqueue round re-enqueues the shard (forged copies of one round do not multiply it).
    if (shard === null || runId === null || this.#inFlight.get(shard) !== runId || this.#queue === null) return;
    const queue = this.#queue;
    const again = `${this.#runId}-r${++this.#requeues}`;
    const next = this.#enqueueing.then(() => this.#enqueue(queue, shard, again));
    this.#enqueueing = next.catch((error: unknown) => this.#fail(error));
  }
}
