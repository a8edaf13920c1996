/**
 * The commands run in this process (parsed by the real program, executed by
 * their modules), so their code paths count in coverage and their output is
 * checked exactly: `run` locally and with `--nats` (a worker loop in this
 * process serves the shards), `status`, `summary`, `validate`; and `run`'s
 * tables equal each other bit for bit across the two transports.
 */
import { join } from 'node:path';
import t from 'tap';
import { connect } from '@nats-io/transport-node';
import { COMMANDS, parseCommandLine } from '../../cli/program.js';
import { JetStreamWorkSource } from '../../queue/jetstream/index.js';
import { runShard, WorkerLoop } from '../../worker/index.js';
import { tempDir } from '../coordinator/fixtures.js';
import { tableBits, writeTestSpec } from '../coordinator/sweeps.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';

/** Runs one command line in this process; stdout and stderr are captured, not printed. */
async function execute(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const invocation = parseCommandLine(argv);
  const module = COMMANDS.find((m) => m.name === invocation.command);
  if (module === undefined) throw new Error(`no command ${invocation.command}`);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await module.execute(invocation);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

t.test('validate, run (local), summary', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 3 });
  const validate = await execute(['validate', spec]);
  t.equal(validate.code, 0);
  t.match(validate.stdout, /runs: 20 = 4 grid points x 1 samples x 5 replicates/);
  const out = join(dir, 'local');
  const run = await execute(['run', spec, '--out', out, '--threads', '1', '--progress', 'none', '--log-level', 'silent']);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /done: 20 runs, 7\/7 shards stored, 0 failed/);
  t.match(run.stdout, /censored/, 'the headline table of a small sweep');
  const summary = await execute(['summary', out, '--format', 'csv', '--log-level', 'silent']);
  t.equal(summary.code, 0, summary.stderr);
  t.match(summary.stdout.split('\n')[0], /^point,/);
  const again = await execute(['run', spec, '--out', out, '--threads', '1', '--progress', 'none', '--log-level', 'silent']);
  t.equal(again.code, 0);
  t.match(again.stdout, /7\/7 shards stored/, 'a rerun of a finished sweep computes nothing and says so');
  const bad = await execute(['run', join(dir, 'missing.yaml'), '--log-level', 'silent']);
  t.equal(bad.code, 1);
  t.equal(bad.stderr, `error: spec ${join(dir, 'missing.yaml')}: no such file\n`, 'a user-facing error is one line');
});

t.test('run --nats with a worker loop in this process; status; same tables as local', async (t) => {
  const server = await startNatsServer(t);
  const namespace = uniqueNamespace();
  const previous = process.env.PATTERNSWEEP_NATS_NAMESPACE;
  process.env.PATTERNSWEEP_NATS_NAMESPACE = namespace;
  t.teardown(() => {
    if (previous === undefined) delete process.env.PATTERNSWEEP_NATS_NAMESPACE;
    else process.env.PATTERNSWEEP_NATS_NAMESPACE = previous;
  });
  const nc = await connect({ servers: server.url });
  t.teardown(() => nc.close());
  const source = await JetStreamWorkSource.open({ connection: nc, namespace, fetchExpiresMs: 5000 });
  const worker = new WorkerLoop({ source, runShard: (task) => runShard(task), threads: 1, workerId: 'in-process', heartbeatMs: 500 });
  const running = worker.run();
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 3 });
  const out = join(dir, 'cluster');
  const run = await execute(['run', spec, '--out', out, '--nats', server.url, '--progress', 'none', '--metrics-port', '0', '--log-level', 'silent']);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /done: 20 runs, 7\/7 shards stored, 0 failed/);
  const status = await execute(['status', '--nats', server.url, '--log-level', 'silent']);
  t.equal(status.code, 0, status.stderr);
  t.match(status.stdout, /sweep local-test-[0-9a-f]{12} \[finished\]: 7\/7 shards done, 0 failed/, 'totals from the plan');
  t.match(status.stdout, /in-process/, 'the live worker is listed');
  const json = await execute(['status', '--nats', server.url, '--json', '--log-level', 'silent']);
  t.equal((JSON.parse(json.stdout) as { sweeps: { total: number; protocolErrors: number }[] }).sweeps[0].total, 7);
  worker.stop();
  await running;
  const local = join(dir, 'local');
  t.equal((await execute(['run', spec, '--out', local, '--threads', '1', '--progress', 'none', '--log-level', 'silent'])).code, 0);
  const sql = 'SELECT * FROM runs ORDER BY idx';
  t.same(await tableBits(join(out, 'sweep.duckdb'), sql), await tableBits(join(local, 'sweep.duckdb'), sql), 'bit-identical runs');
});
