/**
 * The worker's side of the JetStream transport (queue/contract.ts,
 * WorkSource): pulls from the shared durable work consumer, one message per
 * pull (prefetch never exceeds free lanes: a fetched shard's AckWait is
 * ticking), publishes results and failure reports to the results stream, and
 * reads specs from the spec bucket. Results above the server's max_payload
 * (read from the connection) go out in parts (chunks.ts).
 */
import { jetstream, jetstreamManager, type Consumer, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeShard, encodeHeartbeat, encodeShardFailure, encodeShardResult, type HeartbeatMessage, type ShardFailureMessage, type ShardResultMessage } from '../../proto/index.js';
import { WORK_QUEUE_DEFAULTS, type Delivery, type WorkQueueSettings, type WorkSource } from '../contract.js';
import { checkWireBackend } from '../wire-backend.js';
import { splitResult } from './chunks.js';
import { openBucket, SpecCache } from './spec-store.js';
import { clusterNames, ensureWorkQueue, type ClusterNames, type WorkQueueSettingsInput } from './topology.js';

export interface JetStreamWorkSourceOptions {
  connection: NatsConnection;
  /** @default 'psweep' */
  namespace?: string;
  /**
   * Longest one pull request waits for work (>= 1000, the client's minimum).
   * Long is better: a message the server sends just as a pull expires can be
   * dropped by the client and then waits AckWait for redelivery (counting
   * against MaxDeliver), so fewer expiries mean fewer such races. stopPulls()
   * ends pending pulls at once, so this does not slow shutdown. @default 30000
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
  /** Used only if this worker creates the work consumer (see ensureWorkQueue). */
  settings?: WorkQueueSettingsInput;
}

export const JETSTREAM_WORK_SOURCE_DEFAULTS = Object.freeze({ fetchExpiresMs: 30_000, pullHeartbeatMs: 2000 });

export class JetStreamWorkSource implements WorkSource {
  readonly names: ClusterNames;
  readonly settings: WorkQueueSettings;
  readonly specs: SpecCache;
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #consumer: Consumer;
  readonly #heartbeats: KV;
  readonly #fetchExpiresMs: number;
  readonly #pullHeartbeatMs: number;
  readonly #pulls = new Set<ConsumerMessages>();
  #stopped = false;

  private constructor(init: {
    names: ClusterNames;
    settings: WorkQueueSettings;
    specs: SpecCache;
    nc: NatsConnection;
    consumer: Consumer;
    heartbeats: KV;
    fetchExpiresMs: number;
    pullHeartbeatMs: number;
  }) {
    this.names = init.names;
    this.settings = init.settings;
    this.specs = init.specs;
    this.#nc = init.nc;
    this.#js = jetstream(init.nc);
    this.#consumer = init.consumer;
    this.#heartbeats = init.heartbeats;
    this.#fetchExpiresMs = init.fetchExpiresMs;
    this.#pullHeartbeatMs = init.pullHeartbeatMs;
  }

  static async open(options: JetStreamWorkSourceOptions): Promise<JetStreamWorkSource> {
    const fetchExpiresMs = options.fetchExpiresMs ?? JETSTREAM_WORK_SOURCE_DEFAULTS.fetchExpiresMs;
    if (!(fetchExpiresMs >= 1000)) {
      throw new RangeError(`fetchExpiresMs: ${fetchExpiresMs} is below 1000, the NATS client's minimum pull expiry`);
    }
    const pullHeartbeatMs = options.pullHeartbeatMs ?? JETSTREAM_WORK_SOURCE_DEFAULTS.pullHeartbeatMs;
    const nc = options.connection;
    const names = clusterNames(options.namespace);
    const jsm = await jetstreamManager(nc);
    const info = await ensureWorkQueue(jsm, names, options.settings ?? {});
    const settings = Object.freeze({
      maxDeliver: info.config.max_deliver ?? WORK_QUEUE_DEFAULTS.maxDeliver,
      ackWaitMs: (info.config.ack_wait ?? WORK_QUEUE_DEFAULTS.ackWaitMs * 1e6) / 1e6,
    });
    const specs = new SpecCache(await openBucket(nc, names.specBucket));
    const heartbeats = await openBucket(nc, names.heartbeatBucket, 60_000);
    const consumer = await jetstream(nc).consumers.get(names.workStream, names.workConsumer);
    return new JetStreamWorkSource({ names, settings, specs, nc, consumer, heartbeats, fetchExpiresMs, pullHeartbeatMs });
  }

  async pull(): Promise<Delivery | null> {
    if (this.#stopped) return null;
    const pull = await this.#consumer.fetch({
      max_messages: 1,
      expires: this.#fetchExpiresMs,
      idle_heartbeat: Math.min(this.#pullHeartbeatMs, this.#fetchExpiresMs / 2),
    });
    this.#pulls.add(pull);
    let msg: JsMsg | null = null;
    try {
      for await (const m of pull) {
        msg = m;
        break;
      }
    } finally {
      this.#pulls.delete(pull);
    }
    if (msg === null) return null;
    if (this.#stopped) {
      // Arrived while stopping: hand it straight back.
      settle(() => msg.nak());
      return null;
    }
    return deliveryOf(msg);
  }

  stopPulls(): void {
    this.#stopped = true;
    // A message racing this stop may be dropped by the client; the server
    // redelivers it after AckWait (one delivery counts against MaxDeliver).
    for (const pull of this.#pulls) pull.stop();
  }

  /** Largest message the server takes (INFO max_payload; 1 MiB when unknown). */
  get maxPayload(): number {
    return this.#nc.info?.max_payload ?? 1024 * 1024;
  }

  async publishResult(result: ShardResultMessage, msgId: string): Promise<void> {
    const payload = encodeShardResult(result);
    if (payload.length <= this.maxPayload - 512) {
      await this.#js.publish(this.names.resultSubject(result.sweepId), payload, { msgID: msgId });
      return;
    }
    const subject = this.names.chunkSubject(result.sweepId);
    for (const part of splitResult(payload, msgId, this.maxPayload)) {
      await this.#js.publish(subject, part.data, { msgID: part.msgId, headers: part.headers });
    }
  }

  async publishFailure(failure: ShardFailureMessage, msgId: string): Promise<void> {
    await this.#js.publish(this.names.failureSubject(failure.sweepId), encodeShardFailure(failure), { msgID: msgId });
  }

  async beat(heartbeat: HeartbeatMessage): Promise<void> {
    await this.#heartbeats.put(heartbeat.workerId, encodeHeartbeat(heartbeat));
  }

  async forget(workerId: string): Promise<void> {
    await this.#heartbeats.delete(workerId);
  }
}

/** Ack-family calls throw once the connection is closed; the server then redelivers anyway. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to do: the server redelivers after AckWait
  }
}

function deliveryOf(msg: JsMsg): Delivery {
  let shard: Delivery['shard'] = null;
  let error: unknown = null;
  try {
    shard = decodeShard(msg.data);
    checkWireBackend(shard.backend);
  } catch (e) {
    shard = null;
    error = e;
  }
  return {
    shard,
    error,
    deliveryCount: msg.info.deliveryCount,
    seq: msg.seq,
    working: () => settle(() => msg.working()),
    // The result is durable before this is called; an ack lost here only means
    // a recomputation whose result the stream deduplicates and the store ignores.
    // It rejects when the broker did not confirm it (a consumer leader lost mid-ack), for the worker to log.
    ack: () => msg.ackAck().then(() => undefined),
    nak: (delayMs?: number) => settle(() => (delayMs === undefined ? msg.nak() : msg.nak(delayMs))),
    term: () => settle(() => msg.term()),
  };
}
