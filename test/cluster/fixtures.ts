/**
 * What the process-level cluster tests share: a scratch folder, worker
 * processes (from source) on one private nats-server, and the shard table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, type CliChild } from '../cli/child.js';
import { tableBits } from '../coordinator/sweeps.js';

type Teardown = { teardown(fn: () => unknown): void };

export function scratch(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'psweep-cluster-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A `patternsweep worker` with one thread, in the test's namespace, logging at debug. */
export function startWorker(
  t: Teardown,
  natsUrl: string,
  namespace: string,
  id: string,
  extraEnv: NodeJS.ProcessEnv = {},
  args: string[] = [],
): CliChild {
  return spawnCli(t, ['worker', '--nats', natsUrl, '--threads', '1', '--worker-id', id, ...args], {
    PATTERNSWEEP_NATS_NAMESPACE: namespace,
    PATTERNSWEEP_LOG_LEVEL: 'debug',
    ...extraEnv,
  });
}

/** SIGTERM (the drain path) and the exit code. */
export async function stopWorker(w: CliChild): Promise<number | null> {
  w.child.kill('SIGTERM');
  return (await w.exited).code;
}

export async function shardRows(db: string): Promise<string[][]> {
  return (await tableBits(db, 'SELECT shard, status, worker, error FROM shards ORDER BY shard')).rows;
}
