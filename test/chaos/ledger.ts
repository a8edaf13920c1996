/**
 * What the workers did, from their JSON log lines (worker/loop.ts logs
 * `shard started` before it computes and `shard done` after the result is
 * published and the work message acked). A shard started more than once was
 * (at least partly) computed more than once: that is what "recomputed" counts,
 * an upper bound on duplicated work.
 */

export interface WorkerLogLine {
  readonly msg: string;
  readonly shard?: number;
  readonly worker?: string;
  /** JetStream delivery count of the work message (`shard started`). */
  readonly attempt?: number;
  readonly time: number;
}

export function parseLogLine(line: string): WorkerLogLine | null {
  if (!line.startsWith('{')) return null;
  try {
    const v = JSON.parse(line) as Partial<WorkerLogLine>;
    return typeof v.msg === 'string' && typeof v.time === 'number' ? (v as WorkerLogLine) : null;
  } catch {
    return null;
  }
}

/**
 * Shards one worker process has started and not finished, as far as its log
 * says. A worker runs one shard per thread at a time and starts the next only
 * when one ended (the `shard handling failed` line names no shard), so at
 * most the `threads` latest starts can be open.
 */
export function inFlightShards(lines: readonly string[], threads: number): Set<number> {
  const open = new Set<number>();
  for (const line of lines) {
    const l = parseLogLine(line);
    if (l?.shard === undefined) continue;
    if (l.msg === 'shard started') {
      open.delete(l.shard);
      open.add(l.shard);
      if (open.size > threads) open.delete(open.values().next().value!);
    } else if (l.msg === 'shard done' || l.msg === 'shard failed') {
      open.delete(l.shard);
    }
  }
  return open;
}

/** Shard ids started in these lines, at or after `since` (ms since the epoch). */
export function startedShards(lines: readonly string[], since = 0): number[] {
  const out: number[] = [];
  for (const line of lines) {
    const l = parseLogLine(line);
    if (l?.msg === 'shard started' && l.shard !== undefined && l.time >= since) out.push(l.shard);
  }
  return out;
}

export interface ComputeLedger {
  /** Starts per shard over every worker process. */
  readonly starts: Map<number, number>;
  /** Completions (`shard done`) per shard. */
  readonly completions: Map<number, number>;
  /** Shards started more than once. */
  readonly recomputed: number;
  /** Starts beyond the first, summed over shards. */
  readonly extraStarts: number;
}

export function computeLedger(logs: readonly (readonly string[])[]): ComputeLedger {
  const starts = new Map<number, number>();
  const completions = new Map<number, number>();
  for (const lines of logs) {
    for (const line of lines) {
      const l = parseLogLine(line);
      if (l?.shard === undefined) continue;
      if (l.msg === 'shard started') starts.set(l.shard, (starts.get(l.shard) ?? 0) + 1);
      else if (l.msg === 'shard done') completions.set(l.shard, (completions.get(l.shard) ?? 0) + 1);
    }
  }
  let recomputed = 0;
  let extraStarts = 0;
  for (const n of starts.values()) {
    if (n > 1) recomputed++;
    extraStarts += n - 1;
  }
  return { starts, completions, recomputed, extraStarts };
}

/**
 * Shards a worker finished before `downAt` that were delivered again as a
 * first delivery (attempt 1) at or after `upAt`: the broker lost their ack
 * and delivery state (a SIGKILLed nats-server forgets its last, not yet
 * flushed, acks). Shards still in flight at the kill are not counted here.
 */
export function resurrectedShards(logs: readonly (readonly string[])[], downAt: number, upAt: number): number[] {
  const finishedBefore = new Set<number>();
  const firstDeliveryAfter = new Set<number>();
  for (const lines of logs) {
    for (const line of lines) {
      const l = parseLogLine(line);
      if (l?.shard === undefined) continue;
      if (l.msg === 'shard done' && l.time < downAt) finishedBefore.add(l.shard);
      if (l.msg === 'shard started' && l.attempt === 1 && l.time >= upAt) firstDeliveryAfter.add(l.shard);
    }
  }
  return [...firstDeliveryAfter].filter((s) => finishedBefore.has(s)).sort((a, b) => a - b);
}
