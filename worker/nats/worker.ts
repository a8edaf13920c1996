/**
 * `patternsweep worker`: takes shards from the shared work consumer, runs
 * them on a ShardPool and publishes results (ARCHITECTURE.md, cluster protocol).
 *
 * Delivery rules, in the order they matter:
 * - A result is published (msgID "<sweep>:<shard>:<run>", deduplicated by
 *   the results stream) BEFORE the work message is acked, so a crash between the
 *   two only costs a recomputation, never a lost shard.
 * - While a shard runs, `working()` every AckWait/3 keeps it ours.
 * - A shard that throws: a ShardFailure is published (so the coordinator knows
 *   the last error), then the message is nak'ed with backoff, or terminated
 *   when this was the last delivery (MaxDeliver) or the error is unrecoverable;
 *   a final failure tells the coordinator to record the shard failed.
 * - A message that does not decode, or speaks another protocol version, is
 *   terminated and logged once: it can never succeed, anywhere.
 * - Prefetch never exceeds free threads: a fetched shard's AckWait is ticking.
 * - stop() (SIGTERM) drains: no new fetches, in-flight shards get `drainMs` to
 *   finish, then the rest are aborted and nak'ed for another worker.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, type Consumer, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { describeShardError, isUnrecoverable } from '../retry-policy.js';
import type { BackendName } from '../../model/backend.js';
import {
  decodeShard,
  encodeHeartbeat,
  encodeShardFailure,
  encodeShardResult,
  ProtocolError,
  type ShardMessage,
} from '../../proto/index.js';
import type { ShardOutput, ShardTask } from '../shard.js';
import { openBucket, SpecCache } from './spec-store.js';
import { clusterNames, DEFAULT_NAMESPACE, ensureWorkQueue, WORK_QUEUE_DEFAULTS, type ClusterNames } from './topology.js';

/** Runs one shard; the default is a ShardPool's `run`. */
export type ShardRunner = (task: ShardTask, signal: AbortSignal) => Promise<ShardOutput>;

export interface ClusterWorkerOptions {
  /** An open connection; the worker does not close it (the caller drains it). */
  connection: NatsConnection;
  runShard: ShardRunner;
  /** Shards run at once (= ShardPool threads). */
  threads: number;
  logger: Logger;
  /** @default 'psweep' */
  namespace?: string;
  /** @default `<host>-<pid>-<4 hex>` */
  workerId?: string;
  /** Package version, reported in heartbeats. @default '0.0.0' */
  version?: string;
  /** @default 5000 */
  heartbeatMs?: number;
  /** Time in-flight shards get to finish after stop() before they are nak'ed. @default 20000 */
  drainMs?: number;
  /**
   * Longest one pull request waits for work (>= 1000, the client's minimum).
   * Long is better: a message the server sends just as a pull expires can be
   * dropped by the client and then waits AckWait for redelivery (counting
   * against MaxDeliver), so fewer expiries mean fewer such races. stop() ends
   * pending pulls at once, so this does not slow shutdown. @default 30000
   */
  fetchExpiresMs?: number;
  /**
   * Idle heartbeat the server sends on a pending pull. Two missed ones end the
   * pull and the worker pulls again, from whichever node now leads the
   * consumer: this bounds how long a worker waits on a pull held by a broker
   * node that died (the client's own default, half the expiry, took 30 s).
   * @default 2000
   */
  pullHeartbeatMs?: number;
  /** Used only if the worker creates the work consumer (see ensureWorkQueue). */
  ackWaitMs?: number;
  maxDeliver?: number;
}

export const CLUSTER_WORKER_DEFAULTS = Object.freeze({
  namespace: DEFAULT_NAMESPACE,
  version: '0.0.0',
  heartbeatMs: 5000,
  drainMs: 20_000,
  fetchExpiresMs: 30_000,
  pullHeartbeatMs: 2000,
});

/** Redelivery delay after the n-th failed delivery: 1 s, 2 s, 4 s ... capped at 30 s. */
export function retryDelayMs(deliveries: number): number {
  return Math.min(1000 * 2 ** Math.max(0, deliveries - 1), 30_000);
}

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
  readonly msg: JsMsg;
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

export class ClusterWorker {
  readonly id: string;
  readonly names: ClusterNames;
  readonly #o: Required<Omit<ClusterWorkerOptions, 'ackWaitMs' | 'maxDeliver' | 'workerId'>> &
    Pick<ClusterWorkerOptions, 'ackWaitMs' | 'maxDeliver'>;
  readonly #js: JetStreamClient;
  readonly #inFlight = new Set<InFlight>();
  readonly #rejected = new Set<string>();
  #stopping = false;
  /** Pending pull requests, one per idle lane; stop() ends them. */
  readonly #pulls = new Set<ConsumerMessages>();
  #wakeStop!: () => void;
  readonly #stopped: Promise<void>;
  #maxDeliver = WORK_QUEUE_DEFAULTS.maxDeliver;
  #ackWaitMs = WORK_QUEUE_DEFAULTS.ackWaitMs;
  #done = 0;
  #failed = 0;
  #heartbeats: KV | null = null;

  constructor(options: ClusterWorkerOptions) {
    this.#o = {
      ...options,
      namespace: options.namespace ?? CLUSTER_WORKER_DEFAULTS.namespace,
      version: options.version ?? CLUSTER_WORKER_DEFAULTS.version,
      heartbeatMs: options.heartbeatMs ?? CLUSTER_WORKER_DEFAULTS.heartbeatMs,
      drainMs: options.drainMs ?? CLUSTER_WORKER_DEFAULTS.drainMs,
      fetchExpiresMs: options.fetchExpiresMs ?? CLUSTER_WORKER_DEFAULTS.fetchExpiresMs,
      pullHeartbeatMs: options.pullHeartbeatMs ?? CLUSTER_WORKER_DEFAULTS.pullHeartbeatMs,
    };
    if (!Number.isInteger(this.#o.threads) || this.#o.threads < 1) {
      throw new RangeError(`threads: ${String(this.#o.threads)} is not an integer >= 1`);
    }
    if (!(this.#o.fetchExpiresMs >= 1000)) {
      throw new RangeError(`fetchExpiresMs: ${this.#o.fetchExpiresMs} is below 1000, the NATS client's minimum pull expiry`);
    }
    this.id = options.workerId ?? defaultWorkerId();
    this.names = clusterNames(this.#o.namespace);
    this.#js = jetstream(options.connection);
    this.#stopped = new Promise((resolve) => (this.#wakeStop = resolve));
  }

  get busy(): number {
    return this.#inFlight.size;
  }

  get shardsDone(): number {
    return this.#done;
  }

  /** Serves shards of any sweep until stop(); resolves once drained. */
  async run(): Promise<void> {
    const nc = this.#o.connection;
    const log = this.#o.logger;
    const jsm = await jetstreamManager(nc);
    const info = await ensureWorkQueue(jsm, this.names, { ackWaitMs: this.#o.ackWaitMs, maxDeliver: this.#o.maxDeliver });
    this.#maxDeliver = info.config.max_deliver ?? WORK_QUEUE_DEFAULTS.maxDeliver;
    this.#ackWaitMs = (info.config.ack_wait ?? WORK_QUEUE_DEFAULTS.ackWaitMs * 1e6) / 1e6;
    const specs = new SpecCache(await openBucket(nc, this.names.specBucket));
    this.#heartbeats = await openBucket(nc, this.names.heartbeatBucket, 60_000);
    const consumer = await this.#js.consumers.get(this.names.workStream, this.names.workConsumer);
    log.info(
      { worker: this.id, threads: this.#o.threads, maxDeliver: this.#maxDeliver, ackWaitMs: this.#ackWaitMs },
      'worker ready',
    );
    // A connection closed for good (drained by the caller, reconnects spent)
    // ends the worker: nothing more can be fetched, acked or published.
    void nc.closed().then(() => this.stop());
    // Heartbeats are best-effort: a first put that meets a stream still electing its
    // leader (a JetStream cluster starting up answers "jetstream is not enabled") must not end the worker.
    await this.#beat().catch((error: unknown) => log.warn({ err: describeShardError(error) }, 'heartbeat failed'));
    const beat = setInterval(() => {
      this.#beat().catch((error: unknown) => log.warn({ err: describeShardError(error) }, 'heartbeat failed'));
    }, this.#o.heartbeatMs);
    try {
      const lanes = this.#pull(consumer, specs);
      await Promise.race([lanes, this.#stopped]);
      await this.#drain();
      // A lane whose pull cannot end (broker unreachable) must not hold the
      // shutdown: its message, if any arrives, is handed back by the lane.
      await Promise.race([lanes, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
    } finally {
      clearInterval(beat);
      await this.#heartbeats.delete(this.id).catch(() => undefined);
    }
    log.info({ worker: this.id, done: this.#done, failed: this.#failed }, 'worker stopped');
  }

  /** Stops fetching; run() resolves once in-flight shards finished or were handed back. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#wakeStop();
    // A message racing this stop may be dropped by the client; the server
    // redelivers it after AckWait (one delivery counts against MaxDeliver).
    for (const pull of this.#pulls) pull.stop();
  }

  async #beat(): Promise<void> {
    await this.#heartbeats?.put(
      this.id,
      encodeHeartbeat({
        workerId: this.id,
        host: hostname(),
        pid: process.pid,
        threads: this.#o.threads,
        busy: this.#inFlight.size,
        shardsDone: this.#done,
        shardsFailed: this.#failed,
        version: this.#o.version,
        timeMs: Date.now(),
      }),
    );
  }

  /**
   * One lane per thread, each with at most one pull request for one message
   * outstanding: prefetch never exceeds free threads, and a lane whose shard
   * finishes pulls again at once.
   */
  async #pull(consumer: Consumer, specs: SpecCache): Promise<void> {
    await Promise.all(Array.from({ length: this.#o.threads }, () => this.#lane(consumer, specs)));
  }

  async #lane(consumer: Consumer, specs: SpecCache): Promise<void> {
    const log = this.#o.logger;
    let errors = 0;
    while (!this.#stopping) {
      let msg: JsMsg | null = null;
      if (this.#o.connection.isClosed()) {
        this.stop();
        break;
      }
      try {
        const pull = await consumer.fetch({
          max_messages: 1,
          expires: this.#o.fetchExpiresMs,
          idle_heartbeat: Math.min(this.#o.pullHeartbeatMs, this.#o.fetchExpiresMs / 2),
        });
        this.#pulls.add(pull);
        try {
          for await (const m of pull) {
            msg = m;
            break;
          }
        } finally {
          this.#pulls.delete(pull);
        }
        errors = 0;
      } catch (error) {
        if (this.#o.connection.isClosed()) {
          // Closed for good (drained by the caller, or reconnects spent).
          this.stop();
          break;
        }
        // Broker restart, lost connection, consumer briefly missing: the
        // client reconnects on its own; wait a bounded, growing while.
        errors++;
        log.warn({ err: describeShardError(error), attempt: errors }, 'fetching work failed; retrying');
        await pause(Math.min(250 * 2 ** errors, 5000), this.#stopped);
        continue;
      }
      if (msg === null) continue;
      if (this.#stopping) {
        // Arrived while stopping: hand it straight back.
        this.#settle(() => msg.nak());
        break;
      }
      await this.#start(msg, specs);
    }
  }

  #start(msg: JsMsg, specs: SpecCache): Promise<void> {
    const abort = new AbortController();
    const entry: InFlight = {
      msg,
      abort,
      done: this.#handle(msg, specs, abort.signal)
        .catch((error: unknown) => {
          this.#o.logger.error({ err: describeShardError(error) }, 'shard handling failed; handing it back');
          this.#settle(() => msg.nak(retryDelayMs(msg.info.deliveryCount)));
        })
        .finally(() => this.#inFlight.delete(entry)),
    };
    this.#inFlight.add(entry);
    return entry.done;
  }

  /** Ack-family calls throw once the connection is closed; the server then redelivers anyway. */
  #settle(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#o.logger.debug({ err: describeShardError(error) }, 'could not settle a work message');
    }
  }

  #reject(msg: JsMsg, error: unknown): void {
    const e = describeShardError(error);
    // Log once per kind of bad message, not once per copy: a misconfigured
    // producer could otherwise flood the log.
    const key = `${e.name}:${e.message}`;
    if (!this.#rejected.has(key)) {
      this.#rejected.add(key);
      this.#o.logger.warn(
        { err: e, subject: msg.subject, seq: msg.seq, worker: this.id },
        'rejected a work message that cannot be processed; terminated it',
      );
    }
    this.#settle(() => msg.term());
  }

  async #handle(msg: JsMsg, specs: SpecCache, signal: AbortSignal): Promise<void> {
    const log = this.#o.logger;
    let shard: ShardMessage;
    try {
      shard = decodeShard(msg.data);
    } catch (error) {
      if (error instanceof ProtocolError) return this.#reject(msg, error);
      throw error;
    }
    const deliveries = msg.info.deliveryCount;
    log.debug({ shard: shard.shard, sweep: shard.sweepId, attempt: deliveries, worker: this.id }, 'shard started');
    const keepAlive = setInterval(() => this.#settle(() => msg.working()), Math.max(1000, this.#ackWaitMs / 3));
    let out: ShardOutput;
    try {
      const spec = await specs.get(shard.specHash);
      const task: ShardTask = {
        spec,
        specHash: shard.specHash,
        shard: shard.shard,
        start: shard.start,
        end: shard.end,
        backend: shard.backend as BackendName,
      };
      out = await this.#o.runShard(task, signal);
    } catch (error) {
      clearInterval(keepAlive);
      if (signal.aborted) return; // handed back by #drain
      const e = describeShardError(error);
      const final = isUnrecoverable(e) || deliveries >= this.#maxDeliver;
      this.#failed++;
      log.warn({ shard: shard.shard, sweep: shard.sweepId, attempt: deliveries, final, err: e }, 'shard failed');
      await this.#js.publish(
        this.names.failureSubject(shard.sweepId),
        encodeShardFailure({
          sweepId: shard.sweepId,
          shard: shard.shard,
          start: shard.start,
          end: shard.end,
          errorName: e.name,
          errorMessage: e.message,
          attempt: deliveries,
          workerId: this.id,
          final,
          workSeq: msg.seq,
          runId: shard.runId,
        }),
        { msgID: `${shard.sweepId}:${shard.shard}:${shard.runId}:failure:${deliveries}` },
      );
      this.#settle(() => (final ? msg.term() : msg.nak(retryDelayMs(deliveries))));
      return;
    }
    clearInterval(keepAlive);
    const payload = encodeShardResult({
      sweepId: shard.sweepId,
      specHash: shard.specHash,
      shard: out.shard,
      start: out.start,
      end: out.end,
      columns: out.columns,
      trajectory: out.trajectory,
      backend: out.backend,
      workerId: this.id,
      elapsedMs: out.elapsedMs,
      attempt: deliveries,
      runId: shard.runId,
    });
    // Deduplicated per coordinator session: a redelivered shard's second
    // result is dropped by the stream; a rerun's (new session) is not.
    await this.#js.publish(this.names.resultSubject(shard.sweepId), payload, {
      msgID: `${shard.sweepId}:${shard.shard}:${shard.runId}`,
    });
    this.#done++;
    // The result is durable now; an ack lost here only means a recomputation
    // whose result the stream deduplicates and the store ignores.
    await msg.ackAck().catch((error: unknown) => log.debug({ err: describeShardError(error) }, 'ack not confirmed'));
    log.debug({ shard: shard.shard, sweep: shard.sweepId, ms: Math.round(out.elapsedMs) }, 'shard done');
  }

  async #drain(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    const log = this.#o.logger;
    log.info({ inFlight: this.#inFlight.size, drainMs: this.#o.drainMs }, 'draining in-flight shards');
    const all = Promise.all([...this.#inFlight].map((f) => f.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.#o.drainMs))),
    ]).finally(() => clearTimeout(timer));
    if (!timedOut) return;
    for (const f of this.#inFlight) {
      f.abort.abort();
      // Hand it back at once: another worker picks it up without waiting AckWait.
      this.#settle(() => f.msg.nak());
    }
    log.info({ handedBack: this.#inFlight.size }, 'handed unfinished shards back');
    // A runner that ignores its abort signal must not keep the worker alive.
    await Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}
