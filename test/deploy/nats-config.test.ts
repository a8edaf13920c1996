// The in-cluster NATS as configured by the manifests really works: the
// rendered nats.conf, with the environment the StatefulSet gives the
// container (dev overlay's Secret), boots a real nats-server with JetStream,
// requires the credentials, and answers the probe and KEDA monitoring paths.
// (Runs the locally installed nats-server; the image pins 2.10.x.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import t from 'tap';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { containerEnv, find, findGenerated, kubectlMissing, renderOverlay } from './render.js';

interface RunningServer {
  readonly process: ChildProcess;
  readonly clientPort: number;
  readonly monitorPort: number;
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
      if (line.includes('Server is ready')) resolve({ process: child, clientPort, monitorPort });
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
  const user = env.get('NATS_USER')!;
  const password = env.get('NATS_PASSWORD')!;
  t.ok(user && password, 'credentials come from the Secret');
  t.match(conf, /store_dir:\s*\/data\/jetstream/, 'JetStream stores on the volume');
  const dataMount = container.volumeMounts.find((m: any) => m.name === 'data');
  t.equal(dataMount?.mountPath, '/data', 'the volume claim is mounted at /data');

  const dir = mkdtempSync(join(tmpdir(), 'patternsweep-nats-conf-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const confPath = join(dir, 'nats.conf');
  // The pod's volume is /data; here a temp dir stands in for it.
  writeFileSync(confPath, conf.replace(/store_dir:\s*\/data\/jetstream/, `store_dir: "${join(dir, 'jetstream')}"`));
  const serverEnv = { ...process.env, SERVER_NAME: 'nats-0', NATS_USER: user, NATS_PASSWORD: password };

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
});
