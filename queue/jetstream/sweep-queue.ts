/**
 * The coordinator's side of the JetStream transport (queue/contract.ts,
 * SweepQueueFactory). open() for one sweep:
 * 1. ensure the work stream, the shared worker consumer and the results stream;
 * 2. put the spec (SweepEnvelope) in the spec bucket under its hash;
 * 3. purge this sweep's work subject: whatever an earlier coordinator left
 *    there is re-enqueued from the store, and the purge keeps the copies from
 *    running twice (resume after kill -9);
 * 4. replace the results consumer (one left by a killed coordinator would make
 *    its unacked results wait out its 2-min AckWait) and count the results
 *    already waiting: backlog() yields exactly those;
 * 5. subscribe to the MAX_DELIVERIES advisory: a shard whose workers died on
 *    every delivery becomes a `dead-letter` outcome (server 2.9 keeps the
 *    message after MaxDeliver; deleteWork removes it).
 */
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { decodeShard, decodeShardFailure, decodeShardResult, encodeShard, type ShardMessage } from '../../proto/index.js';
import { Channel } from '../channel.js';
import { WORK_QUEUE_DEFAULTS, type Outcome, type SweepEntry, type SweepQueue, type SweepQueueFactory } from '../contract.js';
import { ResultAssembler } from './chunks.js';
import { openBucket, putSweepSpec } from './spec-store.js';
import { clusterNames, ensureWorkQueue, isJetStreamNotFound, type ClusterNames, type WorkQueueSettingsInput } from './topology.js';

/** How long the results consumer is looked up again while the broker is unreachable (restart, leader election). */
const RESULTS_RETRY_MS = 60_000;
export interface JetStreamSweepQueuesOptions {
  connection: NatsConnection;
  logger: Logger;
  /** @default 'psweep' */
  namespace?: string;
  /** Applied to the work consumer (see ensureWorkQueue). */
  ackWaitMs?: number;
  maxDeliver?: number;
}

/** How long enqueueing keeps retrying while the broker is unreachable (restart). */
const PUBLISH_RETRY_MS = 60_000;

interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

export class JetStreamSweepQueues implements SweepQueueFactory {
  readonly names: ClusterNames;
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #log: Logger;
  readonly #settings: WorkQueueSettingsInput;

  constructor(options: JetStreamSweepQueuesOptions) {
    this.names = clusterNames(options.namespace);
    this.#nc = options.connection;
    this.#js = jetstream(this.#nc);
    this.#log = options.logger;
    this.#settings = {
      ...(options.ackWaitMs !== undefined ? { ackWaitMs: options.ackWaitMs } : {}),
      ...(options.maxDeliver !== undefined ? { maxDeliver: options.maxDeliver } : {}),
    };
  }

  async open(entry: SweepEntry): Promise<SweepQueue> {
    const { names } = this;
    const log = this.#log;
    const { sweepId } = entry;
    const jsm = await jetstreamManager(this.#nc);
    const info = await ensureWorkQueue(jsm, names, this.#settings);
    const settings = Object.freeze({
      maxDeliver: info.config.max_deliver ?? WORK_QUEUE_DEFAULTS.maxDeliver,
      ackWaitMs: (info.config.ack_wait ?? WORK_QUEUE_DEFAULTS.ackWaitMs * 1e6) / 1e6,
    });
    const specs = await openBucket(this.#nc, names.specBucket);
    await putSweepSpec(specs, {
      sweepId,
      specHash: entry.specHash,
      specJson: JSON.stringify(entry.spec),
      specYaml: entry.specText,
      createdMs: Date.now(),
    });
    const purged = await jsm.streams.purge(names.workStream, { filter: names.workSubject(sweepId) });
    const consumerName = await ensureResultConsumer(jsm, names, sweepId);
    const backlogCount = (await jsm.consumers.info(names.resultStream, consumerName)).num_pending;
    log.info({ sweep: sweepId, purgedStale: purged.purged, backlog: backlogCount, ...settings }, 'sweep queue open');

    const outcomes = new Channel<Outcome>();
    const assembler = new ResultAssembler();
    let live: ConsumerMessages | null = null;
    let closed = false;
    const toOutcome = (msg: JsMsg): Outcome | null => readOutcome(msg, assembler, log);

    const advisories: Subscription = this.#nc.subscribe(names.maxDeliveriesAdvisory(), {
      callback: (error, msg) => {
        if (error !== null) return;
        let advisory: MaxDeliveriesAdvisory;
        try {
          advisory = msg.json<MaxDeliveriesAdvisory>();
        } catch {
          log.warn({ subject: msg.subject }, 'unreadable MAX_DELIVERIES advisory ignored');
          return;
        }
        void this.#deadLetter(jsm, sweepId, advisory).then(
          (outcome) => {
            if (outcome !== null) outcomes.push(outcome);
          },
          (err: unknown) => log.warn({ err: String(err) }, 'reading a dead-lettered work message failed'),
        );
      },
    });

    const js = this.#js;
    const nc = this.#nc;
    return {
      settings,
      backlog: async function* (): AsyncGenerator<Outcome> {
        let left = backlogCount;
        if (left === 0) return;
        const consumer = await js.consumers.get(names.resultStream, consumerName);
        while (left > 0 && !closed) {
          const batch = await consumer.fetch({ max_messages: Math.min(left, 256), expires: 5000 });
          let got = 0;
          for await (const msg of batch) {
            got++;
            const outcome = toOutcome(msg);
            if (outcome !== null) yield outcome;
          }
          if (got === 0) break;
          left -= got;
        }
      },
      outcomes: () => {
        void (async () => {
          // While the broker restarts or elects a new leader, looking up or
          // consuming the results consumer times out: keep trying for
          // RESULTS_RETRY_MS (as enqueueing does) before giving up on the sweep.
          let failingSince: number | null = null;
          while (!closed) {
            try {
              const consumer = await js.consumers.get(names.resultStream, consumerName);
              // A short idle heartbeat: a pull held by a broker node that died is noticed
              // (two missed beats) and re-issued within seconds, not the client's default 30 s.
              live = await consumer.consume({ max_messages: 64, expires: 10_000, idle_heartbeat: 2000 });
              for await (const msg of live) {
                failingSince = null;
                const outcome = toOutcome(msg);
                if (outcome !== null) outcomes.push(outcome);
              }
            } catch (error) {
              if (closed) break;
              failingSince ??= Date.now();
              if (Date.now() - failingSince > RESULTS_RETRY_MS) throw error;
              log.warn({ err: String(error) }, 'results consumer lost; retrying');
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          }
        })().then(
          () => outcomes.close(),
          (error: unknown) => {
            log.error({ err: String(error) }, 'results consumer failed');
            outcomes.push({ kind: 'unreadable', error, subject: names.resultStream, settle: async () => undefined });
            outcomes.close();
          },
        );
        return outcomes;
      },
      enqueue: async (shard: ShardMessage, msgId: string) => {
        await publishWork(js, nc, log, names.workSubject(sweepId), encodeShard(shard), msgId);
      },
      deleteWork: async (seq: number) => {
        await jsm.streams.deleteMessage(names.workStream, seq, false).catch(() => false);
      },
      close: async () => {
        closed = true;
        advisories.unsubscribe();
        live?.stop();
        outcomes.close();
      },
      finish: async () => {
        await jsm.consumers.delete(names.resultStream, consumerName).catch(() => false);
      },
    };
  }

  async #deadLetter(jsm: JetStreamManager, sweepId: string, advisory: MaxDeliveriesAdvisory): Promise<Outcome | null> {
    const seq = advisory.stream_seq;
    const stored = await jsm.streams.getMessage(this.names.workStream, { seq }).catch(() => null);
    if (stored === null) return null; // already dead-lettered (a final failure report) or purged
    let shard: ShardMessage;
    try {
      shard = decodeShard(stored.data);
    } catch {
      await jsm.streams.deleteMessage(this.names.workStream, seq, false).catch(() => false); // garbage that outlived MaxDeliver
      return null;
    }
    if (shard.sweepId !== sweepId) return null; // another coordinator's sweep
    return {
      kind: 'dead-letter',
      shard: shard.shard,
      deliveries: advisory.deliveries,
      settle: async () => {
        await jsm.streams.deleteMessage(this.names.workStream, seq, false).catch(() => false);
      },
    };
  }
}

/**
 * A fresh durable results consumer for this sweep. One left by an earlier
 * coordinator (kill -9) is replaced, not reused: results it had delivered
 * and not acked would wait out its AckWait (2 min) before redelivery, so
 * their shards would be computed again meanwhile. The results themselves
 * stay in the work-queue stream until acked; the new consumer delivers
 * them at once.
 */
async function ensureResultConsumer(jsm: JetStreamManager, names: ClusterNames, sweepId: string): Promise<string> {
  const name = names.resultConsumer(sweepId);
  const existing = await jsm.consumers.info(names.resultStream, name).catch((error: unknown) => {
    if (!isJetStreamNotFound(error)) throw error;
    return null;
  });
  if (existing !== null) await jsm.consumers.delete(names.resultStream, name);
  await jsm.consumers.add(names.resultStream, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    // A store commit can be slow (DuckDB checkpoint); redelivery is harmless but wasteful.
    ack_wait: 120_000 * 1e6,
    // Results wait here, not in coordinator memory, while the store writer is busy.
    max_ack_pending: 1024,
    filter_subject: names.sweepOutputSubjects(sweepId),
  });
  return name;
}

/** Confirmed ack: the results consumer is deleted when the sweep ends, and an unconfirmed ack lost then would leave the message for the next session. */
function settleOf(msg: JsMsg, log: Logger): () => Promise<void> {
  return async () => {
    await msg.ackAck().catch((error: unknown) => log.warn({ err: String(error), subject: msg.subject }, 'result ack not confirmed'));
  };
}

function readOutcome(msg: JsMsg, assembler: ResultAssembler, log: Logger): Outcome | null {
  const kind = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
  try {
    if (kind === 'result') {
      return {
        kind: 'result',
        result: decodeShardResult(msg.data),
        receivedMs: Date.now(),
        publishedMs: msg.info.timestampNanos / 1e6,
        settle: settleOf(msg, log),
      };
    }
    if (kind === 'chunk') {
      // A result larger than max_payload, in parts (queue/jetstream/chunks.ts):
      // the parts are acked together once the whole result is stored.
      const whole = assembler.add(msg);
      if (whole === null) return null;
      return {
        kind: 'result',
        result: decodeShardResult(whole.bytes),
        receivedMs: Date.now(),
        publishedMs: msg.info.timestampNanos / 1e6,
        settle: async () => {
          await Promise.all(whole.parts.map((part) => settleOf(part, log)()));
        },
      };
    }
    if (kind === 'failure') return { kind: 'failure', failure: decodeShardFailure(msg.data), settle: settleOf(msg, log) };
    return { kind: 'unreadable', error: new Error(`unexpected subject ${msg.subject}`), subject: msg.subject, settle: settleOf(msg, log) };
  } catch (error) {
    return { kind: 'unreadable', error, subject: msg.subject, settle: settleOf(msg, log) };
  }
}

/**
 * Publishes a work message, retrying for up to PUBLISH_RETRY_MS while the
 * broker is away (a restarting server answers "no responders" until
 * JetStream has recovered; requests time out meanwhile). Safe: the msgID
 * turns a copy that did land into a duplicate.
 */
async function publishWork(
  js: JetStreamClient,
  nc: NatsConnection,
  log: Logger,
  subject: string,
  data: Uint8Array,
  msgID: string,
): Promise<void> {
  const deadline = Date.now() + PUBLISH_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await js.publish(subject, data, { msgID });
      return;
    } catch (error) {
      if (nc.isClosed() || Date.now() >= deadline) throw error;
      log.warn({ err: String(error), attempt }, 'enqueueing a shard failed; retrying (broker restarting?)');
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2000)));
    }
  }
}
