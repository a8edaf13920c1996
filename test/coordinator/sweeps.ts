/**
 * Small real sweeps for end-to-end tests of the local pipeline, and helpers to
 * read a store's tables for bit-for-bit comparisons.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface TestSpecOptions {
  name?: string;
  shardSize?: number;
  replicates?: number;
  seed?: number;
  trajectories?: number;
  /** Extra grid values for beta (changing it changes the spec hash). */
  betas?: number[];
  /** `slow`: fixed-step Euler, 10^6 steps per run (tens of ms), so a sweep lasts long enough to be interrupted. */
  pace?: 'fast' | 'slow';
  /** keep.statistics: a list, or all. */
  statistics?: string[];
}

/**
 * RLIF self-certainty with p(r) ~ Uniform[0, 1] drawn per replicate (docs/model.md
 * §4, Thm 5.6), so replicates differ; exact adaptive flow (or slow Euler); 2 x 2 grid.
 */
export function testSpecYaml(o: TestSpecOptions = {}): string {
  return [
    `name: ${o.name ?? 'local-test'}`,
    `seed: ${o.seed ?? 7}`,
    `replicates: ${o.replicates ?? 5}`,
    'backend: js',
    'model:',
    '  patterns: 4',
    '  successRate: { uniform: [0, 1] }',
    '  initialPattern: uniform',
    'reward: self-certainty',
    o.pace === 'slow'
      ? 'algorithm: { rule: euler, stepSize: 0.001, tolerance: 1.0e-6 }'
      : 'algorithm: { rule: adaptive, stepSize: 0.01, tolerance: 1.0e-6 }',
    o.pace === 'slow' ? 'horizon: { tMax: 1000, maxSteps: 1000000 }' : 'horizon: { tMax: 1000, maxSteps: 20000 }',
    'epsilon: 0.01',
    'grid:',
    '  model.patterns: [3, 5]',
    `  beta: [${(o.betas ?? [0, 0.05]).join(', ')}]`,
    `shardSize: ${o.shardSize ?? 4}`,
    `keep: { trajectories: ${o.trajectories ?? 0}, statistics: ${o.statistics === undefined ? 'all' : `[${o.statistics.join(', ')}]`} }`,
    '',
  ].join('\n');
}

export async function writeTestSpec(dir: string, file: string, o: TestSpecOptions = {}): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, testSpecYaml(o));
  return path;
}

/**
 * Every row of a table as strings that encode each value exactly: doubles by
 * their IEEE-754 bits (so -0, NaN payloads and the last ulp all count), NULL as 'NULL'.
 */
export async function tableBits(dbPath: string, sql: string): Promise<{ columns: string[]; rows: string[][] }> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql);
    const view = new DataView(new ArrayBuffer(8));
    const encode = (v: unknown): string => {
      if (v === null) return 'NULL';
      if (typeof v === 'number') {
        view.setFloat64(0, v);
        return `f64:${view.getBigUint64(0).toString(16)}`;
      }
      return `${typeof v}:${String(v)}`;
    };
    const rows = reader.getRowsJS().map((r) => r.map(encode));
    connection.closeSync();
    return { columns: reader.columnNames(), rows };
  } finally {
    instance.closeSync();
  }
}
