/**
 * bench:pipeline — what the pipeline around the kernel costs (issue 12). Not
 * a test: prints tables (and JSON with --json). Method: bench/README.md.
 *
 *   npm run bench:pipeline               # all three cases, a few seconds each
 *   BENCH_CASES=a npm run bench:pipeline # one case (a, b or c)
 *
 * (a) efficiency: the adaptive regime-2 sweep, the kernel alone (runShard in
 *     a loop, one thread) against `run` at 1 and 2 threads (runLocalSweep,
 *     the code `patternsweep run` runs); efficiency = kernel-alone time /
 *     (threads x wall of run), 1 = the pipeline costs nothing.
 * (b) coordinator capacity with no compute: N synthetic workers (worker
 *     loops on their own connections, publishing precomputed results) into a
 *     private nats-server while the real coordinator stores them; rows/s and
 *     shards/s between the first and the last commit.
 * (c) peak RSS and time to first dispatch of a 1e9- and a 1e12-run sweep, each
 *     in a fresh child process (`--rss-child`), stopped after its first shards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { runLocalSweep } from '../cli/local.js';
import { loadSweep, runSweep } from '../coordinator/index.js';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import type { ShardOutput } from '../queue/index.js';
import { JetStreamSweepQueues, JetStreamWorkSource } from '../queue/jetstream/index.js';
import { runShard, WorkerLoop, type ShardRunner } from '../worker/index.js';
import { startNatsServer } from '../test/helpers/nats-server.js';

const json = process.argv.includes('--json');
const CASES = (process.env.BENCH_CASES ?? 'abc').split('');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'psweep-bench-'));
}

/** The adaptive regime-2 sweep (7 patterns, tol 1e-3, shard 256), `gammas` x `rivals` x 10 replicates. */
function regime2Yaml(gammas: number, rivals: number): string {
  return [
    'name: bench-regime2',
    'seed: 42',
    'replicates: 10',
    'backend: js',
    'model:',
    '  patterns: 7',
    '  answers: 2',
    '  successRate: { optimal: 0.9, rival: 0.7, rest: 0.1 }',
    '  initialPattern: { gamma: 6, rival: 0.7 }',
    '  referencePattern: initial',
    '  train: pattern',
    'reward: rlvr',
    'beta: 0',
    'algorithm: { rule: adaptive, stepSize: 0.01, tolerance: 1.0e-3 }',
    'horizon: { tMax: 1.0e+9, maxSteps: 1000000 }',
    'epsilon: 0.01',
    'grid:',
    `  model.initialPattern.gamma: { logspace: [2, 26, ${gammas}] }`,
    `  model.successRate.rival: { linspace: [0.6, 0.8, ${rivals}] }`,
    'shardSize: 256',
    'keep: { trajectories: 0, statistics: all }',
    '',
  ].join('\n');
}

/** A near-free sweep (euler, one step) of `runs` runs: the pipeline alone. */
function freeYaml(runs: number, name = 'bench-free', maxRuns = 100_000_000): string {
  // replicates must stay below 2^32: huge sweeps get more grid points.
  const points = runs >= 1e9 ? 10_000 : 100;
  return [
    `name: ${name}`,
    'seed: 1',
    `replicates: ${runs / points}`,
    'backend: js',
    'model: { patterns: 3, successRate: [0.9, 0.5, 0.1], initialPattern: uniform }',
    'reward: rlvr',
    'algorithm: { rule: euler, stepSize: 0.1 }',
    'horizon: { tMax: 0.1, maxSteps: 1 }',
    'epsilon: 0.01',
    'grid:',
    `  beta: { linspace: [0, 1, ${points}] }`,
    'shardSize: 256',
    'keep: { trajectories: 0, statistics: all }',
    `limits: { maxRuns: ${maxRuns} }`,
    '',
  ].join('\n');
}

async function caseA(): Promise<Record<string, unknown>> {
  const gammas = Number(process.env.BENCH_GAMMAS ?? 20);
  const dir = scratch();
  try {
    const specPath = join(dir, 'regime2.yaml');
    writeFileSync(specPath, regime2Yaml(gammas, 100));
    const sweep = await loadSweep(specPath);
    const runs = sweep.plan.size;
    const kernel: number[] = [];
    const wall: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < ROUNDS; round++) {
      let began = performance.now();
      for (let k = 0; k < sweep.plan.shardCount; k++) {
        const { start, end } = sweep.plan.shardRange(k);
        await runShard({ spec: sweep.spec, specHash: sweep.specHash, shard: k, start, end, backend: 'js' });
      }
      kernel.push(performance.now() - began);
      for (const threads of [1, 2] as const) {
        began = performance.now();
        await runLocalSweep({ sweep, outDir: join(dir, `run-${threads}-${round}`), threads, fresh: true, progress: 'none' });
        wall[threads].push(performance.now() - began);
      }
    }
    const k = median(kernel);
    const row = (threads: 1 | 2) => ({
      threads,
      wallMs: median(wall[threads]),
      runsPerSecond: runs / (median(wall[threads]) / 1000),
      efficiency: k / (threads * median(wall[threads])),
    });
    return { runs, shards: sweep.plan.shardCount, kernelMs: k, kernelRunsPerSecond: runs / (k / 1000), run: [row(1), row(2)] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Column j of run i holds i + j / 100 (what a result weighs, not what it says). */
function precomputed(shard: number, start: number, end: number): ShardOutput {
  const n = end - start;
  const columns = {} as Record<StatName, Float64Array>;
  STAT_NAMES.forEach((name, j) => (columns[name] = Float64Array.from({ length: n }, (_, i) => (name === 'regime' ? 1 : start + i + j / 100))));
  return { shard, start, end, columns, trajectory: null, backend: 'synthetic', elapsedMs: 0 };
}

async function caseB(): Promise<Record<string, unknown>> {
  const runs = Number(process.env.BENCH_INGEST_RUNS ?? 200_000);
  const t = { teardowns: [] as (() => unknown)[], teardown(fn: () => unknown) { this.teardowns.push(fn); } };
  const dir = scratch();
  const rows: Record<string, number>[] = [];
  try {
    const server = await startNatsServer(t);
    const specPath = join(dir, 'free.yaml');
    writeFileSync(specPath, freeYaml(runs));
    const sweep = await loadSweep(specPath);
    const silent = pino({ level: 'silent' });
    for (const workers of [1, 4, 16]) {
      const namespace = `bench${workers}${Date.now().toString(36)}`;
      const connections: NatsConnection[] = [];
      const loops: { worker: WorkerLoop; running: Promise<void> }[] = [];
      const runner: ShardRunner = async (task) => precomputed(task.shard, task.start, task.end);
      for (let w = 0; w < workers; w++) {
        const nc = await connect({ servers: server.url });
        connections.push(nc);
        const source = await JetStreamWorkSource.open({ connection: nc, namespace, fetchExpiresMs: 5000 });
        const worker = new WorkerLoop({ source, runShard: runner, threads: 4, workerId: `synthetic-${w}`, heartbeatMs: 60_000 });
        loops.push({ worker, running: worker.run() });
      }
      const coordinator = await connect({ servers: server.url });
      connections.push(coordinator);
      let first = 0;
      let last = 0;
      const began = performance.now();
      await runSweep({
        sweep,
        outDir: join(dir, `ingest-${workers}`),
        queues: new JetStreamSweepQueues({ connection: coordinator, logger: silent, namespace }),
        progress: 'none',
        observer: {
          stored() {
            last = performance.now();
            if (first === 0) first = last;
          },
        },
      });
      const total = performance.now() - began;
      for (const l of loops) l.worker.stop();
      await Promise.all(loops.map((l) => l.running));
      for (const nc of connections) await nc.close();
      const seconds = (last - first) / 1000;
      rows.push({ workers, runs, shards: sweep.plan.shardCount, ingestSeconds: seconds, rowsPerSecond: runs / seconds, shardsPerSecond: sweep.plan.shardCount / seconds, totalSeconds: total / 1000 });
    }
  } finally {
    for (const fn of t.teardowns.reverse()) await fn();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ingest: rows };
}

/** Child: plan and start a sweep of `runs` runs, stop after its first stored shards; print time to first dispatch and peak RSS. */
async function rssChild(runs: number): Promise<void> {
  const dir = scratch();
  try {
    const specPath = join(dir, 'big.yaml');
    writeFileSync(specPath, freeYaml(runs, `bench-big-${runs}`, runs));
    const began = performance.now();
    const controller = new AbortController();
    let firstDispatchMs = 0;
    let sinceProcessStartMs = 0;
    let stored = 0;
    const runner: ShardRunner = (task) => {
      if (firstDispatchMs === 0) {
        firstDispatchMs = performance.now() - began;
        // performance.now() counts from the process's time origin: start-up (loading modules) included.
        sinceProcessStartMs = performance.now();
      }
      return runShard(task);
    };
    await runLocalSweep({
      sweep: specPath,
      outDir: join(dir, 'out'),
      threads: 1,
      runShard: runner,
      progress: 'none',
      signal: controller.signal,
      observer: {
        stored() {
          if (++stored >= 64) controller.abort();
        },
      },
    });
    process.stdout.write(`${JSON.stringify({ runs, firstDispatchMs, sinceProcessStartMs, maxRssMB: process.resourceUsage().maxRSS / 1024, stored })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function caseC(): Promise<Record<string, unknown>> {
  const self = fileURLToPath(import.meta.url);
  const rows: unknown[] = [];
  for (const runs of [1e9, 1e12]) {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, self, '--rss-child', String(runs)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (text += s));
      child.once('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`rss child for ${runs} runs exited ${code}`))));
    });
    rows.push(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
  }
  return { start: rows };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--rss-child');
  if (at >= 0) return rssChild(Number(process.argv[at + 1]));
  const report: Record<string, unknown> = {};
  if (CASES.includes('a')) report.a = await caseA();
  if (CASES.includes('b')) report.b = await caseB();
  if (CASES.includes('c')) report.c = await caseC();
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const a = report.a as Awaited<ReturnType<typeof caseA>> | undefined;
  if (a !== undefined) {
    const r = a as unknown as { runs: number; kernelMs: number; kernelRunsPerSecond: number; run: { threads: number; wallMs: number; runsPerSecond: number; efficiency: number }[] };
    process.stdout.write(`(a) adaptive regime-2, ${r.runs} runs, medians of ${ROUNDS}\n`);
    process.stdout.write(`    kernel alone, 1 thread: ${(r.kernelMs / 1000).toFixed(2)} s (${r.kernelRunsPerSecond.toFixed(0)} runs/s)\n`);
    for (const row of r.run) {
      process.stdout.write(`    run --threads ${row.threads}: ${(row.wallMs / 1000).toFixed(2)} s (${row.runsPerSecond.toFixed(0)} runs/s), efficiency ${(100 * row.efficiency).toFixed(0)}%\n`);
    }
  }
  const b = report.b as { ingest: { workers: number; rowsPerSecond: number; shardsPerSecond: number; ingestSeconds: number; runs: number }[] } | undefined;
  if (b !== undefined) {
    process.stdout.write(`(b) coordinator ingest from NATS, no compute\n`);
    for (const row of b.ingest) {
      process.stdout.write(`    ${row.workers} workers: ${row.rowsPerSecond.toFixed(0)} rows/s, ${row.shardsPerSecond.toFixed(0)} shards/s (${row.runs} rows in ${row.ingestSeconds.toFixed(2)} s)\n`);
    }
  }
  const c = report.c as { start: { runs: number; firstDispatchMs: number; sinceProcessStartMs: number; maxRssMB: number }[] } | undefined;
  if (c !== undefined) {
    process.stdout.write(`(c) planning and starting a huge sweep\n`);
    for (const row of c.start) {
      process.stdout.write(`    ${row.runs.toExponential(0)} runs: first dispatch ${(row.firstDispatchMs / 1000).toFixed(2)} s after the sweep started (${(row.sinceProcessStartMs / 1000).toFixed(2)} s after process start), peak RSS ${row.maxRssMB.toFixed(0)} MB\n`);
    }
  }
}

await main();
