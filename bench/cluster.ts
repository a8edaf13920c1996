/**
 * bench:cluster — the same sweep locally and through NATS (1 and 2 worker
 * processes), runs/s and the cluster's overhead against local mode at equal
 * threads. Not a test: prints a table (and JSON with --json).
 *
 *   npm run bench:cluster                     # 16 shards of ~1 s each
 *   BENCH_SHARDS=32 BENCH_STEPS=400000 npm run bench:cluster
 *
 * Every variant is timed as a user sees it: wall clock of `patternsweep run`
 * (process start, spec, store, export included) with workers already up.
 * Needs `nats-server` on PATH; starts a private one on a random port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNatsServer } from '../test/helpers/nats-server.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const SHARDS = Number(process.env.BENCH_SHARDS ?? 16);
const SHARD_SIZE = 16;
const STEPS = Number(process.env.BENCH_STEPS ?? 200_000);
const json = process.argv.includes('--json');

function specYaml(): string {
  const replicates = (SHARDS * SHARD_SIZE) / 2; // 2 grid points
  return [
    'name: bench-cluster',
    'seed: 11',
    `replicates: ${replicates}`,
    'backend: js',
    'model: { patterns: 8, successRate: { uniform: [0, 1] }, initialPattern: uniform }',
    'reward: rlvr',
    'algorithm: { rule: euler, stepSize: 0.001 }',
    `horizon: { tMax: 1.0e+9, maxSteps: ${STEPS} }`,
    'epsilon: 0.001',
    'grid: { beta: [0, 0.01] }',
    `shardSize: ${SHARD_SIZE}`,
    'keep: { trajectories: 0, statistics: all }',
    '',
  ].join('\n');
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, PATTERNSWEEP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms: ${seen}`)), timeoutMs);
    const onData = (b: Buffer): void => {
      seen += b.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
  });
}

async function timedRun(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const began = performance.now();
  const child = cli(args, env);
  let err = '';
  child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  const code = await exited(child);
  if (code !== 0) throw new Error(`patternsweep ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`);
  return (performance.now() - began) / 1000;
}

interface Row {
  variant: string;
  threads: number;
  seconds: number;
  runsPerSecond: number;
  overheadVsLocal: number | null;
}

async function main(): Promise<void> {
  const teardown: (() => unknown)[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'psweep-bench-'));
  teardown.push(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const server = await startNatsServer({ teardown: (fn) => teardown.unshift(fn) });
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, specYaml());
    const runs = SHARDS * SHARD_SIZE;
    const rows: Row[] = [];
    const local: Record<number, number> = {};
    for (const threads of [1, 2]) {
      const seconds = await timedRun(['run', spec, '--out', join(dir, `local-${threads}`), '--threads', String(threads), '--progress', 'none']);
      local[threads] = seconds;
      rows.push({ variant: `local --threads ${threads}`, threads, seconds, runsPerSecond: runs / seconds, overheadVsLocal: null });
    }
    for (const workers of [1, 2]) {
      const namespace = `bench${workers}`;
      const env = { PATTERNSWEEP_NATS_NAMESPACE: namespace };
      const procs = Array.from({ length: workers }, (_, i) =>
        cli(['worker', '--nats', server.url, '--threads', '1', '--worker-id', `bench-w${i}`], env),
      );
      teardown.unshift(() => procs.forEach((p) => p.exitCode === null && p.kill('SIGKILL')));
      await Promise.all(procs.map((p) => waitForOutput(p, /worker ready/)));
      const seconds = await timedRun(['run', spec, '--out', join(dir, `cluster-${workers}`), '--nats', server.url, '--progress', 'none'], env);
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map(exited));
      rows.push({
        variant: `nats, ${workers} worker process(es) x 1 thread`,
        threads: workers,
        seconds,
        runsPerSecond: runs / seconds,
        overheadVsLocal: seconds / local[workers] - 1,
      });
    }
    if (json) {
      process.stdout.write(`${JSON.stringify({ shards: SHARDS, shardSize: SHARD_SIZE, steps: STEPS, runs, rows }, null, 2)}\n`);
    } else {
      process.stdout.write(`sweep: ${runs} runs in ${SHARDS} shards of ${SHARD_SIZE} (euler, ${STEPS} steps max)\n`);
      for (const r of rows) {
        const overhead = r.overheadVsLocal === null ? '' : `  overhead vs local: ${(100 * r.overheadVsLocal).toFixed(1)}%`;
        process.stdout.write(`${r.variant.padEnd(42)} ${r.seconds.toFixed(2).padStart(7)} s  ${r.runsPerSecond.toFixed(1).padStart(7)} runs/s${overhead}\n`);
      }
    }
  } finally {
    for (const fn of teardown) await fn();
  }
}

await main();
