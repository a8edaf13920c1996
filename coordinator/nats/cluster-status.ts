/**
 * `patternsweep status`: what the cluster is doing, read from KV only (no
 * coordinator needed): sweep progress (rate, ETA, failed shards) from the
 * progress bucket and live workers from the heartbeat bucket.
 */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeHeartbeat, decodeProgress, ProtocolError, type HeartbeatMessage, type ProgressMessage } from '../../proto/index.js';
import { clusterNames, openBucket } from '../../queue/jetstream/index.js';

export interface WorkerStatus extends HeartbeatMessage {
  /** Seconds since its last heartbeat. */
  readonly ageSeconds: number;
}

export interface SweepProgressStatus extends ProgressMessage {
  /** Seconds to finish at the current rate; null when unknown or finished. */
  readonly etaSeconds: number | null;
  /** Seconds since the coordinator last wrote progress. */
  readonly ageSeconds: number;
}

export interface ClusterStatus {
  readonly sweeps: SweepProgressStatus[];
  readonly workers: WorkerStatus[];
}

/** A worker is live if it beat within this many heartbeat periods (5 s each by default). */
export const LIVE_WORKER_SECONDS = 15;

async function entries(kv: KV): Promise<{ key: string; value: Uint8Array }[]> {
  const out: { key: string; value: Uint8Array }[] = [];
  const keys = await kv.keys();
  for await (const key of keys) {
    const entry = await kv.get(key);
    if (entry !== null && entry.operation === 'PUT') out.push({ key, value: entry.value });
  }
  return out;
}

export async function readClusterStatus(
  nc: NatsConnection,
  options: { namespace?: string; sweep?: string; now?: number } = {},
): Promise<ClusterStatus> {
  const names = clusterNames(options.namespace);
  const now = options.now ?? Date.now();
  const sweeps: SweepProgressStatus[] = [];
  for (const { key, value } of await entries(await openBucket(nc, names.progressBucket))) {
    if (options.sweep !== undefined && key !== options.sweep && !key.startsWith(`${options.sweep}-`)) continue;
    let p: ProgressMessage;
    try {
      p = decodeProgress(value);
    } catch (error) {
      if (error instanceof ProtocolError) continue; // written by another version; not ours to show
      throw error;
    }
    const left = p.runsTotal - p.runsDone;
    const etaSeconds = p.state === 'running' && p.runsPerSecond > 0 ? left / p.runsPerSecond : null;
    sweeps.push({ ...p, etaSeconds, ageSeconds: (now - p.updatedMs) / 1000 });
  }
  const workers: WorkerStatus[] = [];
  for (const { value } of await entries(await openBucket(nc, names.heartbeatBucket, 60_000))) {
    let h: HeartbeatMessage;
    try {
      h = decodeHeartbeat(value);
    } catch (error) {
      if (error instanceof ProtocolError) continue;
      throw error;
    }
    const ageSeconds = (now - h.timeMs) / 1000;
    if (ageSeconds <= LIVE_WORKER_SECONDS) workers.push({ ...h, ageSeconds });
  }
  workers.sort((a, b) => a.workerId.localeCompare(b.workerId));
  sweeps.sort((a, b) => b.updatedMs - a.updatedMs);
  return { sweeps, workers };
}

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Human text for a terminal. */
export function formatClusterStatus(status: ClusterStatus): string {
  const lines: string[] = [];
  if (status.sweeps.length === 0) lines.push('no sweeps recorded');
  for (const s of status.sweeps) {
    const pct = s.total > 0 ? ((100 * (s.done + s.failed)) / s.total).toFixed(1) : '0.0';
    lines.push(
      `sweep ${s.sweepId} [${s.state}]: ${s.done}/${s.total} shards done, ${s.failed} failed (${pct}%), ` +
        `${s.inFlight} in flight, ${s.runsPerSecond.toFixed(1)} runs/s, ETA ${duration(s.etaSeconds)}, ` +
        `updated ${duration(s.ageSeconds)} ago`,
    );
    if (s.failedShards.length > 0) lines.push(`  failed shards: ${s.failedShards.join(', ')}`);
    if (s.protocolErrors > 0) lines.push(`  protocol errors: ${s.protocolErrors} worker message(s) refused (see the coordinator log)`);
  }
  lines.push(`${status.workers.length} live worker(s)`);
  for (const w of status.workers) {
    lines.push(
      `  ${w.workerId} on ${w.host} (pid ${w.pid}, v${w.version}): ${w.busy}/${w.threads} threads busy, ` +
        `${w.shardsDone} shards done, ${w.shardsFailed} failed, seen ${duration(w.ageSeconds)} ago`,
    );
  }
  return lines.join('\n');
}
