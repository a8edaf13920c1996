/**
 * Test fixture: runs a sweep through the real pipeline (sweep/ plan, worker
 * runShard, coordinator runSweep and the DuckDB store) on the test's own
 * thread, so tests need no worker-thread loader for .ts files and stay
 * deterministic. Only the runner differs from `patternsweep run` (one lane,
 * runShard on this thread instead of a piscina pool).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse, stringify } from 'yaml';
import { runLocalSweep } from '../../cli/local.js';
import type { SweepRunResult } from '../../coordinator/index.js';
import { runShard } from '../../worker/shard.js';

export interface TestSweep {
  readonly dir: string;
  readonly result: SweepRunResult;
}

/**
 * Writes `document` (a parsed example YAML, edited by the test) to a temp
 * folder, runs it, and returns the folder holding sweep.duckdb.
 * Register `cleanup(dir)` in t.teardown.
 */
export async function runTestSweep(document: unknown): Promise<TestSweep> {
  const dir = await mkdtemp(join(tmpdir(), 'patternsweep-example-'));
  const specPath = join(dir, 'spec.yaml');
  await writeFile(specPath, stringify(document));
  const result = await runLocalSweep({
    sweep: specPath,
    outDir: join(dir, 'out'),
    threads: 1,
    runShard: (task) => runShard(task),
    // One attempt, as a shard that fails here is a bug in the example's spec, not a flaky worker.
    maxDeliver: 1,
    fresh: true,
    progress: 'none',
  });
  return { dir: join(dir, 'out'), result };
}

export async function removeTestSweep(dir: string): Promise<void> {
  await rm(join(dir, '..'), { recursive: true, force: true });
}

/** Rows of a read-only query on DIR/sweep.duckdb (BIGINT and BOOLEAN columns come back as JS values; cast in SQL). */
export async function queryStore(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(join(dir, 'sweep.duckdb'), { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Reads an example spec as a plain YAML document, for a test to scale down before running. */
export async function loadExample(name: string): Promise<Record<string, any>> {
  const text = await readFile(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
  return parse(text) as Record<string, any>;
}
