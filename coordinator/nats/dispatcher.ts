/**
 * NatsDispatcher: the cluster ShardDispatcher. It plugs into runSweep where
 * LocalDispatcher does; the store, and so the tables, are the same.
 *
 * One run():
 * 1. ensure the work stream, the shared worker consumer and the results stream;
 * 2. put the spec (SweepEnvelope) in the spec bucket under its hash;
 * 3. purge this sweep's work subject: whatever an earlier coordinator left
 *    there is re-enqueued from the store's pending list, and the purge keeps
 *    the copies from running twice (resume after kill -9);
 * 4. replace the results consumer and store the results already waiting in
 *    the results stream (published while no coordinator was storing, e.g.
 *    after kill -9) before enqueueing, so those shards are not computed again;
 * 4b. enqueue at most `maxInFlight` shards, and one more per resolved shard, so
 *    a 10^7-shard sweep never floods the stream; enqueueing retries while the
 *    broker restarts;
 * 5. consume this sweep's results (durable consumer `coord-<sweep>`): each
 *    result goes to sink.onResult (awaited: back-pressure) and is acked only
 *    after the store committed; a result of a shard already resolved is acked
 *    and dropped (redelivery never duplicates rows);
 * 6. failures: every ShardFailure updates the shard's last error; a final one
 *    (the worker's last delivery, or unrecoverable) records the shard failed
 *    and deletes its work message; the MAX_DELIVERIES advisory covers shards
 *    whose workers died every time (no failure report): it records them
 *    failed with the last error seen and deletes the message (server 2.9
 *    keeps it in the stream after MaxDeliver);
 * 7. ends when every shard is done or failed.
 *
 * Every msgID carries the coordinator session id (run id, in the Shard
 * message): work "<sweep>:<shard>:<run>", result "<sweep>:<shard>:<run>",
 * failure "<sweep>:<shard>:<run>:failure:<delivery>". Within a session the
 * streams drop repeats (a redelivered shard's second result); a restarted or
 * rerun coordinator (new session) is never swallowed by the 2-min duplicate
 * window. Results of an earlier session still waiting in the durable results
 * consumer are used if their shard is pending, and dropped otherwise.
 */
import { jetstream, jetstreamManager, AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import {
  decodeShard,
  decodeShardFailure,
  decodeShardResult,
  encodeProgress,
  encodeShard,
  ProtocolError,
  type ShardFailureMessage,
} from '../../proto/index.js';
import type { ShardOutput, ShardTask } from '../../worker/shard.js';
import { openBucket, putSweepSpec } from '../../worker/nats/spec-store.js';
import {
  clusterNames,
  DEFAULT_NAMESPACE,
  ensureWorkQueue,
  isJetStreamNotFound,
  sweepIdOf,
  WORK_QUEUE_DEFAULTS,
  type ClusterNames,
} from '../../worker/nats/topology.js';
import type { ShardDispatcher, ShardSink } from '../dispatch.js';
import { SweepMetrics } from './metrics.js';

export interface NatsDispatcherOptions {
  connection: NatsConnection;
  logger: Logger;
  /** @default 'psweep' */
  namespace?: string;
  /** Shards enqueued and not yet resolved, at most. @default 256 */
  maxInFlight?: number;
  /** Applied when this dispatcher creates the work consumer. @default 30000 */
  ackWaitMs?: number;
  /** @default 5 */
  maxDeliver?: number;
  /** How often progress goes to the progress bucket. @default 1000 */
  progressIntervalMs?: number;
  /** The spec as the user wrote it (kept in the envelope for `status`). @default '' */
  specText?: string;
  /** Shared with the /metrics and /status server. @default a new one */
  metrics?: SweepMetrics;
  /** Drain the connection in close(). @default false */
  ownsConnection?: boolean;
}

export const NATS_DISPATCHER_DEFAULTS = Object.freeze({
  namespace: DEFAULT_NAMESPACE,
  maxInFlight: 256,
  progressIntervalMs: 1000,
});

/** How long enqueueing keeps retrying while the broker is unreachable (restart). */
const PUBLISH_RETRY_MS = 60_000;

export class NatsDispatchError extends Error {
  override readonly name = 'NatsDispatchError';
  readonly code = 'E_NATS_DISPATCH';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

/** State of one run() (one sweep). */
interface SweepRun {
  readonly sweepId: string;
  readonly tasks: Map<number, ShardTask>;
  readonly unresolved: Set<number>;
  readonly lastError: Map<number, ShardFailureMessage>;
  /** Shards published by this run and not yet resolved. */
  readonly enqueued: Set<number>;
  readonly sink: ShardSink;
  /** The work consumer's MaxDeliver: a failure report of that attempt is the last one. */
  readonly maxDeliver: number;
  readonly queue: readonly ShardTask[];
  next: number;
  results: ConsumerMessages | null;
  /** Set while the backlog of earlier results is stored: nothing is enqueued meanwhile. */
  holdEnqueue: boolean;
  error: unknown;
}

export class NatsDispatcher implements ShardDispatcher {
  readonly names: ClusterNames;
  readonly metrics: SweepMetrics;
  readonly #o: NatsDispatcherOptions & { namespace: string; maxInFlight: number; progressIntervalMs: number };
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  /** This coordinator session: scopes msgID dedupe (see the header). */
  readonly #runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  #serial: Promise<void> = Promise.resolve();

  constructor(options: NatsDispatcherOptions) {
    this.#o = {
      ...options,
      namespace: options.namespace ?? NATS_DISPATCHER_DEFAULTS.namespace,
      maxInFlight: options.maxInFlight ?? NATS_DISPATCHER_DEFAULTS.maxInFlight,
      progressIntervalMs: options.progressIntervalMs ?? NATS_DISPATCHER_DEFAULTS.progressIntervalMs,
    };
    if (!Number.isInteger(this.#o.maxInFlight) || this.#o.maxInFlight < 1) {
      throw new NatsDispatchError(`maxInFlight: ${String(this.#o.maxInFlight)} is not an integer >= 1`);
    }
    this.names = clusterNames(this.#o.namespace);
    this.#nc = options.connection;
    this.#js = jetstream(this.#nc);
    this.metrics = options.metrics ?? new SweepMetrics('');
  }

  async run(pending: readonly ShardTask[], sink: ShardSink, signal?: AbortSignal): Promise<void> {
    const aborted = (): boolean => signal?.aborted === true;
    if (pending.length === 0 || aborted()) return;
    const log = this.#o.logger;
    const { spec, specHash } = pending[0];
    const sweepId = sweepIdOf(spec.name, specHash);
    const jsm = await jetstreamManager(this.#nc);
    const consumerInfo = await ensureWorkQueue(jsm, this.names, {
      ...(this.#o.ackWaitMs !== undefined ? { ackWaitMs: this.#o.ackWaitMs } : {}),
      ...(this.#o.maxDeliver !== undefined ? { maxDeliver: this.#o.maxDeliver } : {}),
    });
    const specs = await openBucket(this.#nc, this.names.specBucket);
    await putSweepSpec(specs, {
      sweepId,
      specHash,
      specJson: JSON.stringify(spec),
      specYaml: this.#o.specText ?? '',
      createdMs: Date.now(),
    });
    const purged = await jsm.streams.purge(this.names.workStream, { filter: this.names.workSubject(sweepId) });
    const progress = await openBucket(this.#nc, this.names.progressBucket);

    const run: SweepRun = {
      sweepId,
      tasks: new Map(pending.map((t) => [t.shard, t])),
      unresolved: new Set(pending.map((t) => t.shard)),
      lastError: new Map(),
      enqueued: new Set(),
      sink,
      maxDeliver: consumerInfo.config.max_deliver ?? WORK_QUEUE_DEFAULTS.maxDeliver,
      queue: pending,
      next: 0,
      results: null,
      holdEnqueue: false,
      error: undefined,
    };
    const runsTotal = pending.reduce((sum, t) => sum + (t.end - t.start), 0);
    this.metrics.start(sweepId, specHash, pending.length, runsTotal);
    log.info(
      {
        sweep: sweepId,
        shards: pending.length,
        purgedStale: purged.purged,
        maxDeliver: consumerInfo.config.max_deliver,
        ackWaitMs: (consumerInfo.config.ack_wait ?? 0) / 1e6,
      },
      'cluster sweep starting',
    );

    const resultConsumer = await this.#ensureResultConsumer(jsm, sweepId);
    const advisories = this.#nc.subscribe(this.names.maxDeliveriesAdvisory(), {
      callback: (error, msg) => {
        if (error !== null) return;
        let advisory: MaxDeliveriesAdvisory;
        try {
          advisory = msg.json<MaxDeliveriesAdvisory>();
        } catch {
          log.warn({ subject: msg.subject }, 'unreadable MAX_DELIVERIES advisory ignored');
          return;
        }
        void this.#serially(run, () => this.#onMaxDeliveries(jsm, run, advisory));
      },
    });
    const writeProgress = (): Promise<void> => this.#writeProgress(progress, run);
    const ticker = setInterval(() => {
      writeProgress().catch((error: unknown) => log.warn({ err: String(error) }, 'progress update failed'));
    }, this.#o.progressIntervalMs);
    const onAbort = (): void => run.results?.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const drained = await this.#drainBacklog(run, jsm, resultConsumer, aborted);
      if (drained > 0) log.info({ sweep: sweepId, results: drained, stillPending: run.unresolved.size }, 'stored results published before this coordinator started');
      if (run.error !== undefined) throw run.error;
      await this.#publishMore(run);
      const consumer = await this.#js.consumers.get(this.names.resultStream, resultConsumer);
      while (run.unresolved.size > 0 && run.error === undefined && !aborted()) {
        // A short idle heartbeat: a pull held by a broker node that died is noticed
        // (two missed beats) and re-issued within seconds, not the client's default 30 s.
        run.results = await consumer.consume({ max_messages: 64, expires: 10_000, idle_heartbeat: 2000 });
        for await (const msg of run.results) {
          await this.#serially(run, () => this.#onOutput(run, msg));
          if (run.error !== undefined) break;
        }
      }
      await this.#serial;
      if (run.error !== undefined) throw run.error;
      this.metrics.finish(aborted() ? 'aborted' : 'finished');
      if (run.unresolved.size === 0) {
        await jsm.consumers.delete(this.names.resultStream, resultConsumer).catch(() => false);
      }
    } catch (error) {
      this.metrics.finish('aborted');
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      clearInterval(ticker);
      advisories.unsubscribe();
      await writeProgress().catch(() => undefined);
    }
    log.info({ sweep: sweepId, done: this.metrics.status.done, failed: this.metrics.status.failed }, 'cluster sweep ended');
  }

  async close(): Promise<void> {
    await this.#serial;
    if (this.#o.ownsConnection === true && !this.#nc.isClosed()) await this.#nc.drain();
  }

  /** Runs sink work one item at a time, in arrival order; the first error ends the run. */
  #serially(run: SweepRun, work: () => Promise<void>): Promise<void> {
    this.#serial = this.#serial.then(async () => {
      if (run.error !== undefined) return;
      try {
        await work();
      } catch (error) {
        run.error = error;
        run.results?.stop();
      }
    });
    return this.#serial;
  }

  /**
   * A fresh durable results consumer for this sweep. One left by an earlier
   * coordinator (kill -9) is replaced, not reused: results it had delivered
   * and not acked would wait out its AckWait (2 min) before redelivery, so
   * their shards would be computed again meanwhile. The results themselves
   * stay in the work-queue stream until acked; the new consumer delivers
   * them at once (see #drainBacklog).
   */
  async #ensureResultConsumer(jsm: JetStreamManager, sweepId: string): Promise<string> {
    const name = this.names.resultConsumer(sweepId);
    const existing = await jsm.consumers.info(this.names.resultStream, name).catch((error: unknown) => {
      if (!isJetStreamNotFound(error)) throw error;
      return null;
    });
    if (existing !== null) await jsm.consumers.delete(this.names.resultStream, name);
    await jsm.consumers.add(this.names.resultStream, {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // A store commit can be slow (DuckDB checkpoint); redelivery is harmless but wasteful.
      ack_wait: 120_000 * 1e6,
      max_ack_pending: 1024,
      filter_subject: this.names.sweepOutputSubjects(sweepId),
    });
    return name;
  }

  /**
   * Stores the results already waiting in the stream (published while no
   * coordinator was storing: a crash, a restart) before anything is
   * enqueued, so those shards are not computed again. Enqueueing is held
   * meanwhile; bounded by the backlog counted at the start.
   */
  async #drainBacklog(run: SweepRun, jsm: JetStreamManager, name: string, aborted: () => boolean): Promise<number> {
    let left = (await jsm.consumers.info(this.names.resultStream, name)).num_pending;
    const backlog = left;
    if (backlog === 0) return 0;
    const consumer = await this.#js.consumers.get(this.names.resultStream, name);
    run.holdEnqueue = true;
    try {
      while (left > 0 && run.error === undefined && !aborted()) {
        const batch = await consumer.fetch({ max_messages: Math.min(left, 256), expires: 5000 });
        let got = 0;
        for await (const msg of batch) {
          got++;
          await this.#serially(run, () => this.#onOutput(run, msg));
          if (run.error !== undefined) break;
        }
        if (got === 0) break;
        left -= got;
      }
    } finally {
      run.holdEnqueue = false;
    }
    return backlog - left;
  }

  async #publishMore(run: SweepRun): Promise<void> {
    if (run.holdEnqueue) return;
    while (run.next < run.queue.length && this.#inFlight(run) < this.#o.maxInFlight) {
      const task = run.queue[run.next++];
      if (!run.unresolved.has(task.shard)) continue;
      await this.#publishWork(
        this.names.workSubject(run.sweepId),
        encodeShard({
          sweepId: run.sweepId,
          specHash: task.specHash,
          shard: task.shard,
          start: task.start,
          end: task.end,
          attempt: 1,
          backend: task.backend,
          runId: this.#runId,
        }),
        `${run.sweepId}:${task.shard}:${this.#runId}`,
      );
      run.enqueued.add(task.shard);
    }
    this.metrics.setInFlight(this.#inFlight(run));
  }

  /**
   * Publishes a work message, retrying for up to PUBLISH_RETRY_MS while the
   * broker is away (a restarting server answers "no responders" until
   * JetStream has recovered; requests time out meanwhile). Safe: the msgID
   * turns a copy that did land into a duplicate.
   */
  async #publishWork(subject: string, data: Uint8Array, msgID: string): Promise<void> {
    const deadline = Date.now() + PUBLISH_RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#js.publish(subject, data, { msgID });
        return;
      } catch (error) {
        if (this.#nc.isClosed() || Date.now() >= deadline) throw error;
        this.#o.logger.warn({ err: String(error), attempt }, 'enqueueing a shard failed; retrying (broker restarting?)');
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2000)));
      }
    }
  }

  /**
   * Enqueued and not yet resolved. Not `next - resolved`: after a coordinator
   * restart a result left in the durable results consumer can resolve a shard
   * before this run enqueued it.
   */
  #inFlight(run: SweepRun): number {
    return run.enqueued.size;
  }

  #resolve(run: SweepRun, shard: number): void {
    run.unresolved.delete(shard);
    run.enqueued.delete(shard);
  }

  async #onOutput(run: SweepRun, msg: JsMsg): Promise<void> {
    const log = this.#o.logger;
    const kind = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    try {
      if (kind === 'result') await this.#onResult(run, msg);
      else if (kind === 'failure') await this.#onFailure(run, msg);
      else log.warn({ subject: msg.subject }, 'unexpected subject on the results stream; dropped');
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      // A message from an incompatible worker: it can never be stored. The
      // shard stays unresolved and is retried by a compatible worker.
      log.error({ err: { name: error.name, message: error.message }, subject: msg.subject }, 'rejected a worker message');
    }
    // Confirmed ack: the results consumer is deleted when the sweep ends, and
    // an unconfirmed ack lost then would leave the message for the next session.
    await msg.ackAck().catch((error: unknown) => log.warn({ err: String(error), subject: msg.subject }, 'result ack not confirmed'));
    if (run.unresolved.size === 0) run.results?.stop();
  }

  async #onResult(run: SweepRun, msg: JsMsg): Promise<void> {
    const r = decodeShardResult(msg.data);
    const task = run.tasks.get(r.shard);
    if (task === undefined || !run.unresolved.has(r.shard)) return; // already resolved: redelivery or a late duplicate
    if (r.start !== task.start || r.end !== task.end || r.specHash !== task.specHash) {
      throw new NatsDispatchError(
        `result of shard ${r.shard} covers [${r.start}, ${r.end}) of spec ${r.specHash}, ` +
          `expected [${task.start}, ${task.end}) of spec ${task.specHash}`,
      );
    }
    const out: ShardOutput = {
      shard: r.shard,
      start: r.start,
      end: r.end,
      columns: r.columns,
      trajectory: r.trajectory,
      backend: r.backend,
      elapsedMs: r.elapsedMs,
    };
    await run.sink.onResult(out, { worker: r.workerId, attempts: Math.max(1, r.attempt) });
    this.#resolve(run, r.shard);
    const lagSeconds = Math.max(0, Date.now() - msg.info.timestampNanos / 1e6) / 1000;
    this.metrics.shardDone(r.end - r.start, lagSeconds);
    await this.#publishMore(run);
  }

  async #onFailure(run: SweepRun, msg: JsMsg): Promise<void> {
    const f = decodeShardFailure(msg.data);
    if (!run.unresolved.has(f.shard)) return;
    // A failure report of an earlier session is stale: this session enqueued
    // the shard afresh (results, being deterministic, are used whatever their session).
    if (f.runId !== this.#runId) return;
    run.lastError.set(f.shard, f);
    this.#o.logger.warn(
      { sweep: run.sweepId, shard: f.shard, attempt: f.attempt, final: f.final, worker: f.workerId, err: { name: f.errorName, message: f.errorMessage } },
      'shard attempt failed',
    );
    // The worker may have read an older MaxDeliver; the consumer's own is authoritative.
    if (!f.final && f.attempt < run.maxDeliver) return;
    await this.#recordFailed(run, f.shard, { name: f.errorName, message: f.errorMessage, attempts: f.attempt });
    // The worker terminated it already; deleting is for a term() lost on the way.
    if (f.workSeq > 0) await this.#deleteWork(f.workSeq);
  }

  async #onMaxDeliveries(jsm: JetStreamManager, run: SweepRun, advisory: MaxDeliveriesAdvisory): Promise<void> {
    const seq = advisory.stream_seq;
    const stored = await jsm.streams.getMessage(this.names.workStream, { seq }).catch(() => null);
    if (stored === null) return; // already dead-lettered (a final failure report) or purged
    let shard: number;
    try {
      const m = decodeShard(stored.data);
      if (m.sweepId !== run.sweepId) return; // another coordinator's sweep
      shard = m.shard;
    } catch {
      await this.#deleteWork(seq); // garbage that outlived MaxDeliver
      return;
    }
    if (run.unresolved.has(shard)) {
      const last = run.lastError.get(shard);
      await this.#recordFailed(run, shard, {
        name: last?.errorName ?? 'MaxDeliveriesExceeded',
        message:
          last?.errorMessage ??
          `no worker finished shard ${shard} in ${advisory.deliveries} deliveries (each within AckWait); workers may have crashed`,
        attempts: advisory.deliveries,
      });
    }
    await this.#deleteWork(seq);
    if (run.unresolved.size === 0) run.results?.stop();
  }

  async #recordFailed(run: SweepRun, shard: number, error: { name: string; message: string; attempts: number }): Promise<void> {
    const task = run.tasks.get(shard);
    if (task === undefined || !run.unresolved.has(shard)) return;
    await run.sink.onFailure(task, error);
    this.#resolve(run, shard);
    this.metrics.shardFailed(shard);
    await this.#publishMore(run);
  }

  async #deleteWork(seq: number): Promise<void> {
    const jsm = await jetstreamManager(this.#nc);
    await jsm.streams.deleteMessage(this.names.workStream, seq, false).catch(() => false);
  }

  async #writeProgress(kv: KV, run: SweepRun): Promise<void> {
    const s = this.metrics.status;
    await kv.put(
      run.sweepId,
      encodeProgress({
        sweepId: run.sweepId,
        specHash: s.specHash,
        state: s.state === 'idle' ? 'running' : s.state,
        done: s.done,
        failed: s.failed,
        total: s.total,
        inFlight: s.inFlight,
        runsDone: s.runsDone,
        runsTotal: s.runsTotal,
        runsPerSecond: s.runsPerSecond,
        startedMs: this.metrics.startedMs,
        updatedMs: Date.now(),
        failedShards: s.failedShards,
      }),
    );
  }
}
