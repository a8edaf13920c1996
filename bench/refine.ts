/**
 * bench:refine — how many runs adaptive refinement needs to locate the
 * regime 1 / regime 2 boundary in (gamma, p(r')) (docs/model.md §4), against
 * uniform grids. Not a test: prints a table (and JSON with --json).
 *
 *   npm run bench:refine
 *   BENCH_REF_LEVEL=7 npm run bench:refine     # a finer reference (4x the runs)
 *
 * - Reference: one dense uniform grid, (8 * 2^K + 1)^2 points (K = BENCH_REF_LEVEL,
 *   default 6), computed once through the ordinary shard machinery
 *   (a ShardPool of worker threads, no store).
 * - Uniform grid k (k < K): every 2^(K-k)-th reference point, (8 * 2^k + 1)^2 runs.
 * - Refinement L: examples/refine-regime.yaml's coarse 9 x 9 grid with L levels,
 *   run by runRefinement (the path of `patternsweep run`) into a temporary store.
 * - Error: the Hausdorff distance between the estimated boundary (midpoints of
 *   neighbouring points in different regimes) and the reference boundary, in
 *   the unit square (log gamma and p(r') scaled to [0, 1]); also the largest
 *   distance in p(r') to the closed form p(r') = 0.1 + 0.8 / gamma.
 * - Ratio: uniform runs / refinement runs for the cheapest uniform grid whose
 *   error is at most the refinement's. Target: >= 10.
 *
 *   npm run bench:refine -- --check results/refine-regime   # or results/refine-rlif
 *
 * prints, for a stored run of examples/refine-regime.yaml or refine-rlif.yaml,
 * how far its boundary crossings lie from that example's closed form (the
 * numbers quoted in the README and the examples' headers).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocalSweep } from '../cli/local.js';
import { boundaryCrossings, readRefinedSweep, type RefinedPoint } from '../report/figures/refined-boundary.js';
import { SweepStoreReader } from '../report/store-reader.js';
import { parseSpec, planSweep } from '../sweep/index.js';
import { ShardPool, type ShardRunner, type ShardTask } from '../worker/index.js';

const REF_LEVEL = Number(process.env.BENCH_REF_LEVEL ?? 6);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const json = process.argv.includes('--json');
const G = [1.5, 30] as const;
const P = [0.12, 0.88] as const;

const base = (name: string, grid: string, extra = '') => `name: ${name}
seed: 16
backend: js
model:
  patterns: 7
  successRate: { optimal: 0.9, rival: 0.5, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
reward: rlvr
algorithm: { rule: adaptive }
horizon: { tMax: 1, maxSteps: 10 }
grid:
${grid}
shardSize: 4096
keep: { statistics: [acc0, regime] }
limits: { maxRuns: 1.0e+9 }
${extra}`;
const coarse = (n: number) =>
  `  model.initialPattern.gamma: { logspace: [${G[0]}, ${G[1]}, ${n}] }\n  model.successRate.rival: { linspace: [${P[0]}, ${P[1]}, ${n}] }`;

/** Position in the unit square: log gamma and p(r') scaled to [0, 1]. */
const unit = (at: readonly number[]): [number, number] => [
  Math.log(at[0] / G[0]) / Math.log(G[1] / G[0]),
  (at[1] - P[0]) / (P[1] - P[0]),
];

/** Symmetric Hausdorff distance between two point sets in the unit square (a grid of buckets keeps it fast). */
function hausdorff(a: readonly [number, number][], b: readonly [number, number][]): number {
  const directed = (from: readonly [number, number][], to: readonly [number, number][]): number => {
    const cell = 1 / 64;
    const buckets = new Map<string, [number, number][]>();
    for (const p of to) {
      const k = `${Math.floor(p[0] / cell)},${Math.floor(p[1] / cell)}`;
      let list = buckets.get(k);
      if (list === undefined) buckets.set(k, (list = []));
      list.push(p);
    }
    let worst = 0;
    for (const p of from) {
      let best = Infinity;
      for (let r = 0; best === Infinity || r * cell <= best + cell; r++) {
        const cx = Math.floor(p[0] / cell);
        const cy = Math.floor(p[1] / cell);
        for (let dx = -r; dx <= r; dx++) {
          for (let dy = -r; dy <= r; dy++) {
            if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
            for (const q of buckets.get(`${cx + dx},${cy + dy}`) ?? []) best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
          }
        }
        if (r > 64) break;
      }
      worst = Math.max(worst, best);
    }
    return worst;
  };
  return Math.max(directed(a, b), directed(b, a));
}

/** Largest distance in p(r') from an estimated crossing to the closed form (docs/model.md §4). */
const closedFormError = (crossings: readonly { at: readonly number[] }[]) =>
  Math.max(...crossings.map((c) => Math.abs(c.at[1] - (0.1 + 0.8 / c.at[0]))));

/**
 * The examples' closed forms (docs/model.md §4): regime, p(r') = 0.1 + 0.8/gamma;
 * RLIF ends-on-worst share 1/4 at low*(R) = (1 - 2^(-1/R)) / (2 - 2^(-1/R)),
 * compared along the low axis (crossings along R sit between integers).
 */
async function check(dir: string): Promise<void> {
  const store = await SweepStoreReader.open(dir);
  const sweep = await readRefinedSweep(store, await store.spec());
  store.close();
  if (sweep === null) throw new Error(`${dir} holds no refined sweep`);
  const regime = sweep.quantity.kind === 'regime';
  const truth = (at: readonly number[]) => (regime ? 0.1 + 0.8 / at[0] : (1 - 2 ** (-1 / at[0])) / (2 - 2 ** (-1 / at[0])));
  const crossings = boundaryCrossings(sweep.points).filter((c) => regime || c.along === 1);
  const errors = crossings.map((c) => Math.abs(c.at[1] - truth(c.at))).sort((a, b) => a - b);
  process.stdout.write(
    `${dir}: ${sweep.points.length} points, ${crossings.length} crossings${regime ? '' : ' along low'}; distance to the closed form ` +
      `max ${errors.at(-1)?.toExponential(2)}, median ${errors[Math.floor(errors.length / 2)]?.toExponential(2)}\n`,
  );
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--check');
  if (at >= 0) return check(process.argv[at + 1]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-refine-'));
  const pool = new ShardPool({ threads: THREADS });
  const runShard: ShardRunner = (task, signal) => pool.run(task, signal);
  try {
    // Reference: the dense grid, once, through the shard machinery; keep only the regime.
    const n = 8 * 2 ** REF_LEVEL + 1;
    const spec = parseSpec(base('bench-refine-reference', coarse(n)));
    const plan = planSweep(spec);
    const tasks: ShardTask[] = Array.from({ length: plan.shardCount }, (_, k) => ({
      spec,
      specHash: 'reference',
      shard: k,
      ...plan.shardRange(k),
      backend: 'js',
    }));
    const regime = new Int8Array(plan.size);
    const began = performance.now();
    // Every shard on the pool's threads at once (the pool queues them); a failed one ends the bench.
    const never = new AbortController().signal;
    await Promise.all(
      tasks.map(async (task) => {
        const out = await runShard(task, never).catch((error: unknown) => {
          throw new Error(`reference shard ${task.shard} failed: ${(error as Error).message}`);
        });
        regime.set(Float64Array.from(out.columns.regime), out.start);
      }),
    );
    const referenceSeconds = (performance.now() - began) / 1000;
    const gammas = plan.axes[0].values as number[];
    const rivals = plan.axes[1].values as number[];
    const gridPoints = (step: number): RefinedPoint[] => {
      const out: RefinedPoint[] = [];
      for (let i = 0; i < n; i += step) {
        for (let j = 0; j < n; j += step) {
          out.push({ level: 0, slice: 0, coords: [i, j], at: [gammas[i], rivals[j]], value: null, cls: regime[i * n + j] });
        }
      }
      return out;
    };
    const reference = boundaryCrossings(gridPoints(1));
    const referenceUnit = reference.map((c) => unit(c.at));

    const uniform: { k: number; runs: number; error: number; closedForm: number }[] = [];
    for (let k = 0; k < REF_LEVEL; k++) {
      const crossings = boundaryCrossings(gridPoints(2 ** (REF_LEVEL - k)));
      uniform.push({
        k,
        runs: (8 * 2 ** k + 1) ** 2,
        error: hausdorff(crossings.map((c) => unit(c.at)), referenceUnit),
        closedForm: closedFormError(crossings),
      });
    }

    const refined: { levels: number; runs: number; error: number; closedForm: number }[] = [];
    for (let L = 1; L < REF_LEVEL; L++) {
      const path = join(dir, `refine-${L}.yaml`);
      writeFileSync(
        path,
        base(
          'bench-refine',
          coarse(9),
          `refine:\n  axes: [model.initialPattern.gamma, model.successRate.rival]\n  quantity: regime\n  levels: ${L}\n  budget: 1000000\n`,
        ),
      );
      const out = join(dir, `out-${L}`);
      const quiet = { start() {}, update() {}, stop() {} };
      const result = await runLocalSweep({ sweep: path, outDir: out, threads: THREADS, runShard, progress: quiet });
      const store = await SweepStoreReader.open(out);
      const sweep = await readRefinedSweep(store, await store.spec());
      store.close();
      if (sweep === null) throw new Error(`refinement ${L}: no refine_points in ${out}`);
      const crossings = boundaryCrossings(sweep.points);
      refined.push({
        levels: L,
        runs: result.runs,
        error: hausdorff(crossings.map((c) => unit(c.at)), referenceUnit),
        closedForm: closedFormError(crossings),
      });
    }

    const rows = refined.map((r) => {
      const match = uniform.find((u) => u.error <= r.error * (1 + 1e-9));
      return { ...r, uniformRuns: match?.runs ?? null, ratio: match === undefined ? null : match.runs / r.runs };
    });
    if (json) {
      process.stdout.write(`${JSON.stringify({ referenceLevel: REF_LEVEL, referenceRuns: plan.size, referenceSeconds, uniform, refined: rows }, null, 2)}\n`);
      return;
    }
    const e = (v: number) => v.toExponential(2);
    process.stdout.write(
      `reference: uniform ${n} x ${n} = ${plan.size.toLocaleString('en-US')} runs (${referenceSeconds.toFixed(1)} s, ${THREADS} threads), ` +
        `${reference.length} boundary crossings, closed-form error ${e(closedFormError(reference))}\n\n` +
        'uniform grid                 runs   error (unit square)   max |p(r\') - closed form|\n',
    );
    for (const u of uniform) {
      const side = 8 * 2 ** u.k + 1;
      process.stdout.write(`  ${`${side} x ${side}`.padEnd(18)} ${u.runs.toLocaleString('en-US').padStart(12)}   ${e(u.error).padStart(19)}   ${e(u.closedForm).padStart(24)}\n`);
    }
    process.stdout.write("\nrefinement (9 x 9 + L levels)  runs   error (unit square)   max |p(r') - closed form|   uniform runs for that error   ratio\n");
    for (const r of rows) {
      process.stdout.write(
        `  L = ${String(r.levels).padEnd(14)} ${r.runs.toLocaleString('en-US').padStart(12)}   ${e(r.error).padStart(19)}   ${e(r.closedForm).padStart(24)}   ` +
          `${(r.uniformRuns?.toLocaleString('en-US') ?? '> reference').padStart(27)}   ${r.ratio === null ? '-' : `${r.ratio.toFixed(1)}x`}\n`,
      );
    }
    const best = rows.filter((r) => r.ratio !== null).at(-1);
    process.stdout.write(`\ntarget >= 10x fewer runs at the same error: ${best !== undefined && best.ratio !== null && best.ratio >= 10 ? 'met' : 'NOT met'}` +
      (best?.ratio != null ? ` (${best.ratio.toFixed(1)}x at L = ${best.levels})` : '') + '\n');
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
