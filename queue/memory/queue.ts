/**
 * The in-memory transport (local mode): the same work-queue semantics as the
 * JetStream one (queue/contract.ts), inside one process. Messages are plain
 * objects; nothing is encoded, and typed arrays pass by reference.
 *
 * Delivery state per work message: ready (waiting for a pull), delivered (a
 * lane holds it; AckWait timer running), delayed (nak'ed with a delay), dead
 * (MaxDeliver reached; kept until deleteWork, like nats-server 2.9 keeps it).
 */
import type { ShardFailureMessage, ShardMessage, ShardResultMessage } from '../../proto/index.js';
import type { SweepSpec } from '../../sweep/index.js';
import { Channel } from '../channel.js';
import {
  WORK_QUEUE_DEFAULTS,
  type Delivery,
  type Outcome,
  type SpecReader,
  type SweepEntry,
  type SweepQueue,
  type SweepQueueFactory,
  type WorkQueueSettings,
  type WorkSource,
} from '../contract.js';
import { SpecNotFoundError } from '../errors.js';

export interface MemoryQueueOptions {
  /** @default 30000 */
  ackWaitMs?: number;
  /** @default 5 */
  maxDeliver?: number;
  /** Longest a pull waits for work before it returns null. @default 30000 */
  pullExpiresMs?: number;
}

export const MEMORY_QUEUE_DEFAULTS = Object.freeze({ ...WORK_QUEUE_DEFAULTS, pullExpiresMs: 30_000 });

interface Entry {
  readonly seq: number;
  readonly shard: ShardMessage;
  readonly msgId: string;
  deliveries: number;
  state: 'ready' | 'delivered' | 'delayed' | 'dead';
  timer: NodeJS.Timeout | undefined;
}

const noSettle = (): Promise<void> => Promise.resolve();

/** One process's queue: the coordinator opens sweeps on it, worker lanes pull from it. */
export class MemoryQueue implements SweepQueueFactory, WorkSource {
  readonly settings: WorkQueueSettings;
  readonly specs: SpecReader;
  readonly #pullExpiresMs: number;
  readonly #entries = new Map<number, Entry>();
  readonly #ready: Entry[] = [];
  readonly #msgIds = new Set<string>();
  readonly #pullers: ((entry: Entry | null) => void)[] = [];
  readonly #specs = new Map<string, SweepSpec>();
  #outcomes = new Channel<Outcome>();
  #seq = 0;

  constructor(options: MemoryQueueOptions = {}) {
    this.settings = Object.freeze({
      ackWaitMs: options.ackWaitMs ?? MEMORY_QUEUE_DEFAULTS.ackWaitMs,
      maxDeliver: options.maxDeliver ?? MEMORY_QUEUE_DEFAULTS.maxDeliver,
    });
    this.#pullExpiresMs = options.pullExpiresMs ?? MEMORY_QUEUE_DEFAULTS.pullExpiresMs;
    const specs = this.#specs;
    this.specs = {
      async get(hash: string): Promise<SweepSpec> {
        const spec = specs.get(hash);
        if (spec === undefined) throw new SpecNotFoundError(hash);
        return spec;
      },
    };
  }

  /** Work messages not yet acked, terminated or deleted. */
  get pending(): number {
    return this.#entries.size;
  }

  async open(entry: SweepEntry): Promise<SweepQueue> {
    this.#specs.set(entry.specHash, entry.spec);
    this.#outcomes = new Channel<Outcome>();
    const outcomes = this.#outcomes;
    return {
      settings: this.settings,
      backlog: async function* () {},
      outcomes: () => outcomes,
      enqueue: async (shard, msgId) => this.#enqueue(shard, msgId),
      deleteWork: async (seq) => this.#remove(seq),
      close: async () => outcomes.close(),
      finish: async () => outcomes.close(),
    };
  }

  #enqueue(shard: ShardMessage, msgId: string): void {
    if (this.#msgIds.has(msgId)) return; // the same message twice: JetStream's msgID dedupe
    const entry: Entry = { seq: ++this.#seq, shard, msgId, deliveries: 0, state: 'ready', timer: undefined };
    this.#entries.set(entry.seq, entry);
    this.#msgIds.add(msgId);
    this.#makeReady(entry);
  }

  #remove(seq: number): void {
    const entry = this.#entries.get(seq);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.#entries.delete(seq);
    this.#msgIds.delete(entry.msgId);
  }

  #makeReady(entry: Entry): void {
    entry.state = 'ready';
    const puller = this.#pullers.shift();
    if (puller !== undefined) puller(entry);
    else this.#ready.push(entry);
  }

  /** Delivered again (AckWait passed, or a nak): unless MaxDeliver is reached, then it is dead-lettered. */
  #redeliver(entry: Entry, delayMs: number): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (!this.#entries.has(entry.seq)) return;
    if (entry.deliveries >= this.settings.maxDeliver) {
      entry.state = 'dead';
      this.#outcomes.push({ kind: 'dead-letter', shard: entry.shard.shard, deliveries: entry.deliveries, settle: noSettle });
      return;
    }
    if (delayMs > 0) {
      entry.state = 'delayed';
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        if (this.#entries.has(entry.seq)) this.#makeReady(entry);
      }, delayMs);
      return;
    }
    this.#makeReady(entry);
  }

  #armAckWait(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.#redeliver(entry, 0), this.settings.ackWaitMs);
  }

  pull(): Promise<Delivery | null> {
    let entry = this.#ready.shift();
    while (entry !== undefined && (!this.#entries.has(entry.seq) || entry.state !== 'ready')) entry = this.#ready.shift();
    if (entry !== undefined) return Promise.resolve(this.#deliver(entry));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const at = this.#pullers.indexOf(take);
        if (at >= 0) this.#pullers.splice(at, 1);
        resolve(null);
      }, this.#pullExpiresMs);
      const take = (e: Entry | null): void => {
        clearTimeout(timer);
        resolve(e === null ? null : this.#deliver(e));
      };
      this.#pullers.push(take);
    });
  }

  stopPulls(): void {
    for (const take of this.#pullers.splice(0)) take(null);
  }

  #deliver(entry: Entry): Delivery {
    entry.deliveries++;
    entry.state = 'delivered';
    this.#armAckWait(entry);
    const delivery = entry.deliveries;
    // Calls of a delivery the queue has moved past (redelivered after AckWait) are ignored.
    const current = (): boolean => this.#entries.has(entry.seq) && entry.state === 'delivered' && entry.deliveries === delivery;
    return {
      shard: entry.shard,
      error: null,
      deliveryCount: delivery,
      seq: entry.seq,
      working: () => {
        if (current()) this.#armAckWait(entry);
      },
      ack: async () => {
        if (current()) this.#remove(entry.seq);
      },
      nak: (delayMs = 0) => {
        if (current()) this.#redeliver(entry, delayMs);
      },
      term: () => {
        if (current()) this.#remove(entry.seq);
      },
    };
  }

  async publishResult(result: ShardResultMessage): Promise<void> {
    const now = Date.now();
    this.#outcomes.push({ kind: 'result', result, receivedMs: now, publishedMs: now, settle: noSettle });
  }

  async publishFailure(failure: ShardFailureMessage): Promise<void> {
    this.#outcomes.push({ kind: 'failure', failure, settle: noSettle });
  }

  /** Stops every timer (the process is done with the queue). */
  close(): void {
    this.stopPulls();
    for (const entry of this.#entries.values()) clearTimeout(entry.timer);
    this.#entries.clear();
    this.#ready.length = 0;
    this.#outcomes.close();
  }
}
