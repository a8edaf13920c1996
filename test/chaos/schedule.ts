/**
 * The seeded fault schedule of the chaos run: which faults, in which order,
 * at how many stored shards. Pure: the same seed gives the same schedule, so
 * a failing run is replayed with CHAOS_SEED=<seed>.
 *
 * Bounded by construction: a fixed number of faults of each kind, each
 * triggered once when the store holds `at` shards (at < total), and no two in
 * the same slot of the [from, to) window of the sweep's progress.
 */

export type Fault =
  | { readonly kind: 'kill-worker'; readonly at: number; readonly worker: string }
  | { readonly kind: 'kill-coordinator'; readonly at: number }
  | { readonly kind: 'restart-broker'; readonly at: number; readonly signal: 'SIGINT' | 'SIGKILL' }
  | { readonly kind: 'cut-link'; readonly at: number; readonly worker: string; readonly downAckWaits: number };

export type FaultKind = Fault['kind'];

export interface ScheduleOptions {
  readonly seed: number;
  readonly totalShards: number;
  /** Worker names that may be killed. */
  readonly workers: readonly string[];
  readonly workerKills: number;
  readonly coordinatorKills: number;
  readonly brokerRestarts: number;
  /** Link cuts of `cutWorker` (0 without network namespaces). */
  readonly linkCuts: number;
  readonly cutWorker?: string;
  /** Signals the broker may be stopped with. @default ['SIGINT'] */
  readonly brokerSignals?: readonly ('SIGINT' | 'SIGKILL')[];
  /** Window of progress (fractions of totalShards) the faults fall in. @default [0.04, 0.6] */
  readonly window?: readonly [number, number];
}

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  readonly code = 'E_SCHEDULE';
  constructor(message: string) {
    super(message);
  }
}

/** mulberry32: a small seeded generator of uniforms in [0, 1) (test code only; model/ has its own). */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function buildSchedule(o: ScheduleOptions): Fault[] {
  const [from, to] = o.window ?? [0.04, 0.6];
  if (!(from >= 0 && from < to && to < 1)) throw new ScheduleError(`window: [${from}, ${to}] is not within [0, 1) and increasing`);
  if (o.workers.length === 0 && o.workerKills > 0) throw new ScheduleError('workers: empty, but workerKills > 0');
  if (o.linkCuts > 0 && o.cutWorker === undefined) throw new ScheduleError('cutWorker: required when linkCuts > 0');
  const signals = o.brokerSignals ?? ['SIGINT'];
  const rand = seededUniform(o.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const kinds: FaultKind[] = [
    ...Array<FaultKind>(o.workerKills).fill('kill-worker'),
    ...Array<FaultKind>(o.coordinatorKills).fill('kill-coordinator'),
    ...Array<FaultKind>(o.brokerRestarts).fill('restart-broker'),
    ...Array<FaultKind>(o.linkCuts).fill('cut-link'),
  ];
  // Fisher-Yates with the seeded generator.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  // A link cut goes in the first half: work must remain after the link comes
  // back, to see the cut-off worker take shards again.
  const half = Math.ceil(kinds.length / 2);
  for (let i = half; i < kinds.length; i++) {
    if (kinds[i] !== 'cut-link') continue;
    const j = Math.floor(rand() * half);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const slot = (to - from) / Math.max(1, kinds.length);
  return kinds.map((kind, i): Fault => {
    // Somewhere in the middle 60% of slot i: faults never coincide.
    const at = Math.max(1, Math.floor(o.totalShards * (from + slot * (i + 0.2 + 0.6 * rand()))));
    switch (kind) {
      case 'kill-worker':
        return { kind, at, worker: pick(o.workers) };
      case 'kill-coordinator':
        return { kind, at };
      case 'restart-broker':
        return { kind, at, signal: pick(signals) };
      case 'cut-link':
        return { kind, at, worker: o.cutWorker!, downAckWaits: 2 + rand() };
    }
  });
}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'kill-worker':
      return `at ${f.at} stored: SIGKILL worker ${f.worker}, restart it`;
    case 'kill-coordinator':
      return `at ${f.at} stored: SIGKILL the coordinator, rerun with --resume`;
    case 'restart-broker':
      return `at ${f.at} stored: stop the broker with ${f.signal}, start it again (same port, same store)`;
    case 'cut-link':
      return `at ${f.at} stored: cut ${f.worker}'s link for ${f.downAckWaits.toFixed(2)} x AckWait, restore it`;
  }
}
