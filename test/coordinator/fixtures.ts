/**
 * Synthetic sweeps for store/summary tests: a layout, a describe function and
 * shard outputs with known values, independent of sweep/ and model/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAT_NAMES, type StatName } from '../../model/stats.js';
import type { DescribeIndex, StoreLayout } from '../../coordinator/store.js';
import type { ShardOutput } from '../../queue/index.js';

/** 3 beta values x 2 rules = 6 points, `replicates` runs each. */
export function syntheticLayout(replicates: number, shardSize: number, specHash = 'a'.repeat(64)): {
  layout: StoreLayout;
  describe: DescribeIndex;
  shardRange(k: number): { start: number; end: number };
} {
  const betas = [0, 0.01, 0.1];
  const rules = ['euler', 'adaptive'];
  const size = betas.length * rules.length * replicates;
  const layout: StoreLayout = {
    name: 'synthetic',
    specHash,
    size,
    shardCount: Math.ceil(size / shardSize),
    axes: [
      { path: 'beta', column: 'beta', kind: 'numeric' },
      { path: 'algorithm.rule', column: 'algorithm_rule', kind: 'enum' },
    ],
    statistics: [...STAT_NAMES],
    trajectoryPoints: 0,
  };
  const describe: DescribeIndex = (index) => {
    const point = Math.floor(index / replicates);
    return {
      point,
      replicate: index % replicates,
      axes: { beta: betas[Math.floor(point / rules.length)], 'algorithm.rule': rules[point % rules.length] },
    };
  };
  return {
    layout,
    describe,
    shardRange: (k) => ({ start: k * shardSize, end: Math.min(size, (k + 1) * shardSize) }),
  };
}

/** A deterministic pseudo-random value in [0, 1) for (index, salt): no Math.random in tests. */
export function hashUniform(index: number, salt: number): number {
  let h = (index * 2654435761 + salt * 40503 + 12345) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b) >>> 0;
  h ^= h >>> 16;
  return h / 2 ** 32;
}

/** Statistics of run `index`: plausible values, some censored (NaN) times, some flags set. */
export function syntheticRow(index: number): Record<StatName, number> {
  const u = (salt: number): number => hashUniform(index, salt);
  const acc0 = 0.2 + 0.6 * u(1);
  const accFinal = u(2);
  const converged = u(3) < 0.6 ? 1 : 0;
  const escaped = u(4) < 0.8 ? 1 : 0;
  return {
    acc0,
    acc_final: accFinal,
    acc_peak: Math.max(acc0, accFinal) + 0.01,
    t_peak: 10 * u(5),
    drop: 0.01,
    d_acc0: u(6) - 0.5,
    pi_opt_final: u(7),
    t_conv: converged === 1 ? 100 * u(8) : Number.NaN,
    converged,
    t_escape: escaped === 1 ? 50 * u(9) : Number.NaN,
    escaped,
    regime: 1 + Math.floor(3 * u(10)),
    final_argmax: Math.floor(7 * u(11)),
    ends_on_opt: u(12) < 0.5 ? 1 : 0,
    ends_on_worst: u(13) < 0.2 ? 1 : 0,
    entropy_final: u(14),
    kl_ref_final: u(15),
    steps_taken: 1 + Math.floor(1000 * u(16)),
    t_final: 1000,
    diverged: u(17) < 0.05 ? 1 : 0,
  };
}

export function syntheticShard(shard: number, start: number, end: number): ShardOutput {
  const n = end - start;
  const columns = {} as Record<StatName, Float64Array>;
  for (const name of STAT_NAMES) columns[name] = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = syntheticRow(start + i);
    for (const name of STAT_NAMES) columns[name][i] = row[name];
  }
  return { shard, start, end, columns, trajectory: null, backend: 'synthetic', elapsedMs: 1 };
}

/** A fresh temp folder, removed at teardown. */
export async function tempDir(t: { teardown(fn: () => unknown): void }, prefix = 'patternsweep-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
