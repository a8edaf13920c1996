/**
 * A full disk (issue 13 item 7), on real small tmpfs mounts: whatever phase
 * runs out of space (a shard's commit, the summary table, the checkpoint, an
 * export: the last by filling the disk to 4 MiB free before a rerun), `run` exits 1 with one line naming the file and what to do, never
 * "done" with exit 0, never a stack at the default log level, and never a
 * truncated runs.parquet or summary.csv (they are written to a temporary
 * file and renamed). Rerunning the same command once there is space
 * completes, and the files equal those of a run on a roomy disk.
 *
 * Needs root and tmpfs (`mount -t tmpfs -o size=...`); skipped otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { spawnCli } from '../cli/child.js';
import { tableBits } from './sweeps.js';

/** 20000 runs in 40 shards: about 4.5 MB of store, 1.2 MB of Parquet and 2.9 MB of CSV. */
const SPEC = `name: diskfull
seed: 7
replicates: 20
backend: js
model:
  patterns: 4
  successRate: { uniform: [0, 1] }
reward: self-certainty
algorithm: { rule: euler, stepSize: 0.1 }
horizon: { tMax: 5, maxSteps: 50 }
grid:
  beta: { linspace: [0, 1, 1000] }
shardSize: 500
`;
/** Small enough to fail during the shards, the summary table and the checkpoint (measured). */
const SIZES = ['2m', '5m', '7m'] as const;
/** Free space that lets the summary table and the checkpoint through but not summary.csv (2.9 MB, after runs.parquet). */
const EXPORT_FAILS_WITH_FREE = 4 * 1024 * 1024;
const ROOMY = '64m';

function probeTmpfs(dir: string): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs';
  const probe = join(dir, 'probe');
  mkdirSync(probe);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { encoding: 'utf8' });
  if (mount.status !== 0) return `cannot mount a tmpfs here: ${mount.stderr.trim()}`;
  spawnSync('umount', [probe]);
  return undefined;
}

const root = mkdtempSync(join(tmpdir(), 'psweep-diskfull-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
const skip = probeTmpfs(root);

t.test('a full disk fails the run clearly; a rerun with space completes', { skip, timeout: 300_000 }, async (t) => {
  const specPath = join(root, 'spec.yaml');
  writeFileSync(specPath, SPEC);
  const reference = join(root, 'reference');
  const ok = spawnCli(t, ['run', specPath, '--out', reference, '--threads', '1', '--progress', 'none']);
  t.equal((await ok.exited).code, 0, `reference run on a roomy disk: ${ok.stderr()}`);

  const mountPoint = join(root, 'disk');
  mkdirSync(mountPoint);
  const mount = (size: string): void => {
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mount ${size}: ${r.stderr}`);
  };
  let mounted = false;
  t.teardown(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });
  const phases = new Set<string>();
  for (const size of SIZES) {
    mount(size);
    mounted = true;
    const out = join(mountPoint, 'out');
    const child = spawnCli(t, ['run', specPath, '--out', out, '--threads', '1', '--progress', 'none']);
    const { code } = await child.exited;
    const stderr = child.stderr();
    t.equal(code, 1, `${size}: exit 1`);
    t.notMatch(child.stdout(), /^done:/m, `${size}: never says done`);
    const lines = stderr.trim().split('\n');
    t.equal(lines.length, 1, `${size}: one line on stderr: ${stderr}`);
    t.match(lines[0], /^error: .*(no space left on (the )?device).*free some space and rerun/i, `${size}: says the disk is full and what to do`);
    t.match(lines[0], out, `${size}: names the file`);
    t.notMatch(stderr, /^\s+at |"stack"/m, `${size}: no stack trace`);
    phases.add(/summary table/.test(lines[0]) ? 'summary' : /checkpoint/.test(lines[0]) ? 'checkpoint' : /export/.test(lines[0]) ? 'export' : 'shards');
    // Atomic exports: either absent or complete; no temporary file left behind.
    const files = readdirSync(out);
    t.same(files.filter((f) => f.endsWith('.tmp')), [], `${size}: no temporary file left`);
    for (const file of ['summary.csv', 'runs.parquet']) {
      if (existsSync(join(out, file))) {
        t.same(readFileSync(join(out, file)), readFileSync(join(reference, file)), `${size}: ${file}, if there, is complete`);
      }
    }
    spawnSync('umount', [mountPoint]);
    mounted = false;
  }
  t.ok(phases.size >= 2, `the sizes hit several phases: ${[...phases].join(', ')}`);

  // Space freed: the same command, on what the last failure left, completes.
  mount(SIZES[SIZES.length - 1]);
  mounted = true;
  const out = join(mountPoint, 'out');
  const run = (): ReturnType<typeof spawnCli> => spawnCli(t, ['run', specPath, '--out', out, '--threads', '1', '--progress', 'none']);
  const failed = run();
  t.equal((await failed.exited).code, 1, 'still too small: fails again, the store kept');
  const grow = spawnSync('mount', ['-o', `remount,size=${ROOMY}`, mountPoint], { encoding: 'utf8' });
  t.equal(grow.status, 0, `space freed (remount ${ROOMY}): ${grow.stderr}`);
  const rerun = run();
  t.equal((await rerun.exited).code, 0, `the rerun completes: ${rerun.stderr()}`);
  t.match(rerun.stdout(), /^done: 20000 runs, 40\/40 shards stored, 0 failed/m);
  const sameAsReference = async (what: string): Promise<void> => {
    t.same(readFileSync(join(out, 'summary.csv')), readFileSync(join(reference, 'summary.csv')), `${what}: summary.csv equals the roomy run`);
    const [a, b] = await Promise.all([
      tableBits(join(out, 'sweep.duckdb'), 'SELECT * FROM runs ORDER BY idx'),
      tableBits(join(reference, 'sweep.duckdb'), 'SELECT * FROM runs ORDER BY idx'),
    ]);
    t.equal(a.rows.length, 20000, `${what}: every run stored once`);
    t.ok(a.rows.every((row, i) => row.join('|') === b.rows[i].join('|')), `${what}: runs bit-identical to the roomy run`);
  };
  await sameAsReference('after the rerun');

  // The exports themselves: the disk fills while summary.csv is written.
  rmSync(join(out, 'summary.csv'));
  rmSync(join(out, 'runs.parquet'));
  const free = (): number => {
    const s = statfsSync(mountPoint);
    return s.bavail * s.bsize;
  };
  writeFileSync(join(mountPoint, 'filler'), new Uint8Array(free() - EXPORT_FAILS_WITH_FREE));
  const exportFails = run();
  t.equal((await exportFails.exited).code, 1, 'a failed export fails the run');
  t.match(exportFails.stderr(), /^error: could not write the export .*summary\.csv: no space left on the device; free some space and rerun the same command/, 'names the export');
  t.notMatch(exportFails.stdout(), /^done:/m, 'never says done');
  t.notOk(existsSync(join(out, 'summary.csv')), 'no truncated summary.csv: the temporary file was removed, not renamed');
  t.same(readdirSync(out).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  rmSync(join(mountPoint, 'filler'));
  const afterExport = run();
  t.equal((await afterExport.exited).code, 0, `with the space back, the rerun completes: ${afterExport.stderr()}`);
  await sameAsReference('after the failed export');
});

t.test('a read-only file system: one line naming the folder, another --out suggested', { skip }, async (t) => {
  const specPath = join(root, 'ro-spec.yaml');
  writeFileSync(specPath, SPEC);
  const mountPoint = join(root, 'readonly');
  mkdirSync(mountPoint);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  t.equal(r.status, 0, `mounted read-only: ${r.stderr}`);
  t.teardown(() => {
    spawnSync('umount', [mountPoint]);
  });
  const out = join(mountPoint, 'out');
  const child = spawnCli(t, ['run', specPath, '--out', out, '--threads', '1', '--progress', 'none']);
  t.equal((await child.exited).code, 1);
  t.equal(child.stderr(), `error: cannot open the results store ${out}: the file system is read-only; use another --out\n`);
  // The stack is still there for a bug report, at the debug level.
  const debug = spawnCli(t, ['--log-level', 'debug', 'run', specPath, '--out', out, '--threads', '1', '--progress', 'none']);
  t.equal((await debug.exited).code, 1);
  t.match(debug.stderr(), /"msg":"command failed"/);
  t.match(debug.stderr(), /"stack":"StoreOpenError: /);
});
