/**
 * What the process-level cluster tests share: a scratch folder, worker
 * processes (from source) on one private nats-server, and the shard table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnCli, type CliChild } from '../cli/child.js';
import { kernelArgs, type KernelChoice } from '../helpers/processes.js';
import { tableBits } from '../coordinator/sweeps.js';

type Teardown = { teardown(fn: () => unknown): void };

export function scratch(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'psweep-cluster-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const WORKER_ENTRY = fileURLToPath(new URL('../fixtures/worker-entry.ts', import.meta.url));

/**
 * A `patternsweep worker` with one thread, in the test's namespace, logging
 * at debug; with a fixture kernel it runs through the test-only entry
 * (test/fixtures/worker-entry.ts).
 */
export function startWorker(
  t: Teardown,
  natsUrl: string,
  namespace: string,
  id: string,
  kernel: KernelChoice | null = null,
  args: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): CliChild {
  const env = { PATTERNSWEEP_NATS_NAMESPACE: namespace, PATTERNSWEEP_LOG_LEVEL: 'debug', ...extraEnv };
  const workerArgs = ['worker', '--nats', natsUrl, '--threads', '1', '--worker-id', id, ...args];
  if (kernel === null) return spawnCli(t, workerArgs, env);
  return spawnCli(t, workerArgs, env, [WORKER_ENTRY, ...kernelArgs([kernel])]);
}

/** SIGTERM (the drain path) and the exit code. */
export async function stopWorker(w: CliChild): Promise<number | null> {
  w.child.kill('SIGTERM');
  return (await w.exited).code;
}

export async function shardRows(db: string): Promise<string[][]> {
  return (await tableBits(db, 'SELECT shard, status, worker, error FROM shards ORDER BY shard')).rows;
}
