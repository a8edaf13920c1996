// The in-cluster NATS as configured by the manifests really works: the
// rendered nats.conf (and the permissions.conf it includes), with the
// environment the StatefulSet gives the container (dev overlay's Secret),
// boots a real nats-server with JetStream, requires the credentials, answers
// the probe and KEDA monitoring paths, and enforces the per-role subject
// permissions: a worker user cannot enqueue work, write a spec or touch the
// streams; the coordinator user can; and a whole sweep runs under them.
// (Runs the locally installed nats-server; the image pins 2.10.x.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import t from 'tap';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { clusterNames } from '../../queue/jetstream/index.js';
import { spawnCli } from '../cli/child.js';
import { containerEnv, find, findGenerated, kubectlMissing, renderOverlay } from './render.js';

interface RunningServer {
  readonly process: ChildProcess;
  readonly clientPort: number;
  readonly monitorPort: number;
  /** Every line the server has logged so far (it keeps growing). */
  readonly log: readonly string[];
}

/** Starts nats-server and resolves once it reports its ports and readiness (no sleeps). */
function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn('nats-server', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let clientPort = 0;
    let monitorPort = 0;
    const log: string[] = [];
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      log.push(line);
      const client = /Listening for client connections on .*:(\d+)$/.exec(line);
      if (client) clientPort = Number(client[1]);
      const monitor = /Starting http monitor on .*:(\d+)$/.exec(line);
      if (monitor) monitorPort = Number(monitor[1]);
      if (line.includes('Server is ready')) resolve({ process: child, clientPort, monitorPort, log });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`nats-server exited ${code} before it was ready:\n${log.join('\n')}`)));
  });
}

const kubectl = kubectlMissing();
const natsServer = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
const skip = kubectl ?? (natsServer.error !== undefined ? `nats-server not on PATH (${natsServer.error.message})` : undefined);

t.test('rendered NATS config boots with JetStream and auth', { skip }, async (t) => {
  const render = renderOverlay('dev');
  const conf = findGenerated(render, 'ConfigMap', 'nats-config')!.data!['nats.conf'];
  const statefulSet = find(render, 'StatefulSet', 'nats')!;
  const container = statefulSet.spec.template.spec.containers[0];
  t.same(container.command, ['nats-server', '--config', '/etc/nats/nats.conf']);
  const mount = container.volumeMounts.find((m: any) => m.mountPath === '/etc/nats');
  t.ok(mount, 'config mounted where the command reads it');

  const env = containerEnv(render, container);
  const user = env.get('COORDINATOR_USER')!;
  const password = env.get('COORDINATOR_PASSWORD')!;
  const workerUser = env.get('WORKER_USER')!;
  const workerPassword = env.get('WORKER_PASSWORD')!;
  t.ok(user && password && workerUser && workerPassword, 'credentials of both roles come from the Secret');
  t.not(user, workerUser, 'the coordinator and the workers are different NATS users');
  // Each client pod gets its own role's credentials, not the other's.
  const coordinatorEnv = containerEnv(render, find(render, 'Job', 'patternsweep-coordinator')!.spec.template.spec.containers[0]);
  const workerEnv = containerEnv(render, find(render, 'Deployment', 'patternsweep-worker')!.spec.template.spec.containers[0]);
  t.same([coordinatorEnv.get('NATS_USER'), coordinatorEnv.get('NATS_PASSWORD')], [user, password], 'the coordinator pod authenticates as the coordinator');
  t.same([workerEnv.get('NATS_USER'), workerEnv.get('NATS_PASSWORD')], [workerUser, workerPassword], 'worker pods authenticate as the worker user');
  t.match(conf, /store_dir:\s*\/data\/jetstream/, 'JetStream stores on the volume');
  const dataMount = container.volumeMounts.find((m: any) => m.name === 'data');
  t.equal(dataMount?.mountPath, '/data', 'the volume claim is mounted at /data');

  const dir = mkdtempSync(join(tmpdir(), 'patternsweep-nats-conf-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const confPath = join(dir, 'nats.conf');
  // The pod's volume is /data; here a temp dir stands in for it.
  writeFileSync(confPath, conf.replace(/store_dir:\s*\/data\/jetstream/, `store_dir: "${join(dir, 'jetstream')}"`));
  // Every file of the ConfigMap sits next to nats.conf, as in the pod's /etc/nats.
  const configMap = findGenerated(render, 'ConfigMap', 'nats-config')!.data!;
  for (const [file, text] of Object.entries(configMap)) if (file !== 'nats.conf') writeFileSync(join(dir, file), text);
  const serverEnv = {
    ...process.env,
    SERVER_NAME: 'nats-0',
    COORDINATOR_USER: user,
    COORDINATOR_PASSWORD: password,
    WORKER_USER: workerUser,
    WORKER_PASSWORD: workerPassword,
  };

  const check = spawnSync('nats-server', ['--config', confPath, '-t'], { env: serverEnv, encoding: 'utf8' });
  t.equal(check.status, 0, `nats-server -t accepts the config: ${check.stderr.trim()}`);

  // Same config; only the ports overridden (random: other tests share the host).
  const server = await startServer(['--config', confPath, '-p', '-1', '-m', '-1'], serverEnv);
  t.teardown(() => {
    server.process.kill('SIGTERM');
  });
  t.ok(server.clientPort > 0 && server.monitorPort > 0, 'listening');
  const url = `nats://127.0.0.1:${server.clientPort}`;

  await t.rejects(connect({ servers: url, maxReconnectAttempts: 0 }), /authorization|authentication/i, 'no credentials: refused');
  await t.rejects(connect({ servers: url, user, pass: 'wrong', maxReconnectAttempts: 0 }), /authorization|authentication/i, 'wrong password: refused');

  const nc = await connect({ servers: url, user, pass: password, maxReconnectAttempts: 0 });
  t.teardown(() => nc.close());
  t.equal(nc.info?.max_payload, 8 * 1024 * 1024, 'max_payload 8MB');
  const jsm = await jetstreamManager(nc);
  const account = await jsm.getAccountInfo();
  t.ok(account.limits !== undefined, 'JetStream is enabled for the clients account');

  for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
    const path = container[probe].httpGet.path as string;
    const response = await fetch(`http://127.0.0.1:${server.monitorPort}${path}`);
    t.equal(response.status, 200, `${probe} ${path} -> 200`);
  }
  const jsz = await fetch(`http://127.0.0.1:${server.monitorPort}/jsz?consumers=true`);
  t.equal(jsz.status, 200, 'KEDA reads /jsz without credentials');
  const body = (await jsz.json()) as { config?: { store_dir?: string } };
  t.match(body.config?.store_dir, join(dir, 'jetstream'), 'JetStream on the configured store');

  await t.test('per-role permissions: only the coordinator enqueues and writes specs; a sweep runs under them', async (t) => {
    const names = clusterNames();
    const specPath = join(dir, 'spec.yaml');
    writeFileSync(
      specPath,
      'name: perms\nseed: 3\nreplicates: 6\nbackend: js\nmodel: {patterns: 3, successRate: [0.9, 0.6, 0.1]}\n' +
        'algorithm: {rule: euler, stepSize: 0.1}\nhorizon: {tMax: 5}\nshardSize: 2\n',
    );
    // The coordinator goes first (as the Job does): it creates the streams, consumers and buckets.
    const coordinator = spawnCli(t, ['run', specPath, '--out', join(dir, 'out'), '--nats', url, '--progress', 'none'], {
      NATS_USER: user,
      NATS_PASSWORD: password,
      PATTERNSWEEP_LOG_LEVEL: 'info',
    });
    // queue/jetstream/sweep-queue.ts logs this once the streams, consumers and buckets exist and the spec is stored.
    await coordinator.waitFor(/"msg":"sweep queue open"/);

    const workerNc = await connect({ servers: url, user: workerUser, pass: workerPassword, maxReconnectAttempts: 0 });
    t.teardown(() => workerNc.close());
    const workerJs = jetstream(workerNc, { timeout: 3000 });
    const workerJsm = await jetstreamManager(workerNc);
    await t.rejects(workerJs.publish(`${names.namespace}.work.forged`, new Uint8Array([1])), 'a worker cannot publish work');
    await t.rejects(
      workerJsm.streams.add({ name: 'FORGED', subjects: ['forged.>'] }),
      'a worker cannot create a stream',
    );
    await t.rejects(workerJsm.streams.purge(names.workStream), 'a worker cannot purge the work stream');
    await t.rejects(workerJsm.streams.delete(names.resultStream), 'a worker cannot delete the results stream');
    await t.rejects(workerJsm.consumers.delete(names.workStream, names.workConsumer), 'a worker cannot delete the work consumer');
    const workerSpecs = await new Kvm(workerNc).open(names.specBucket);
    await t.rejects(workerSpecs.put('forged', new Uint8Array([1])), 'a worker cannot put into the spec bucket');
    await t.rejects(workerSpecs.delete('forged'), 'a worker cannot delete from the spec bucket');

    // What the worker tried left no trace: checked with the coordinator's rights.
    const coordinatorSpecs = await new Kvm(nc).open(names.specBucket);
    t.equal(await coordinatorSpecs.get('forged'), null, 'no forged spec in the bucket');
    t.ok((await jsm.streams.info(names.resultStream)).config.name, 'the results stream still exists');
    await t.rejects(jsm.streams.info('FORGED'), 'no forged stream');
    // The sweep itself, with a real worker under the worker user.
    const worker = spawnCli(t, ['worker', '--nats', url, '--threads', '1'], { NATS_USER: workerUser, NATS_PASSWORD: workerPassword, PATTERNSWEEP_LOG_LEVEL: 'info' });
    const finished = await Promise.race([coordinator.exited, new Promise<null>((r) => setTimeout(r, 60_000, null).unref())]);
    if (finished === null) {
      t.fail(`the sweep did not finish in 60 s; coordinator:\n${coordinator.stderr().slice(-3000)}\nworker:\n${worker.stderr().slice(-3000)}\nserver:\n${server.log.slice(-20).join('\n')}`);
      return;
    }
    const { code } = finished;
    t.equal(code, 0, `the coordinator finishes: ${coordinator.stderr().slice(-2000)}`);
    t.match(coordinator.stdout(), /done: 6 runs, 3\/3 shards stored, 0 failed/);
    // So the coordinator could enqueue (3 shards went through the work stream) and store the spec.
    t.ok((await jsm.streams.info(names.workStream)).state.last_seq >= 3, 'the coordinator enqueued the 3 shards');
    const specKeys: string[] = [];
    for await (const key of await coordinatorSpecs.keys()) specKeys.push(key);
    t.equal(specKeys.length, 1, 'the coordinator stored the spec');
    // `status` works with the worker's rights (what deploy/README.md runs in a worker pod).
    const status = spawnCli(t, ['status', '--nats', url], { NATS_USER: workerUser, NATS_PASSWORD: workerPassword });
    t.equal((await status.exited).code, 0, `status as the worker user: ${status.stderr()}`);
    t.match(status.stdout(), /perms/);
    worker.child.kill('SIGTERM');
    t.equal((await worker.exited).code, 0, `the worker drains and exits 0: ${worker.stderr().slice(-2000)}`);
    const violations = server.log.filter((l) => /Permissions Violation/i.test(l));
    const forged = violations.filter((l) => /forged|FORGED|PURGE|DELETE/.test(l));
    t.same(
      violations.filter((l) => !forged.includes(l)),
      [],
      'the sweep, the worker and status needed nothing beyond their permissions (only the forged attempts were refused)',
    );
  });
});
