// The prod overlay's NATS is a 3-node JetStream cluster (issue 13 item 10),
// validated offline: the StatefulSet runs 3 pods started together with a
// route port, the headless Service publishes them before they are ready, the
// NetworkPolicy lets them route to each other, the rendered nats.conf routes
// to exactly the StatefulSet's pod names, and coordinator and workers create
// 3-replica streams. Then the rendered config boots as three real
// nats-server processes (routes and ports rewritten to loopback, as pod DNS
// does not exist here): they form one JetStream cluster under the per-role
// permissions, and the coordinator user creates a 3-replica stream.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import t from 'tap';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort } from '../helpers/jetstream-cluster.js';
import { pollUntil } from '../helpers/processes.js';
import { containerEnv, find, findGenerated, kubectlMissing, renderOverlay } from './render.js';

const kubectl = kubectlMissing();
const natsServer = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
const skip = kubectl ?? (natsServer.error !== undefined ? `nats-server not on PATH (${natsServer.error.message})` : undefined);

t.test('prod: NATS as a 3-node JetStream cluster with 3-replica streams', { skip }, async (t) => {
  const render = renderOverlay('prod');
  const sts = find(render, 'StatefulSet', 'nats')!;
  t.equal(sts.spec.replicas, 3, '3 NATS pods');
  t.equal(sts.spec.podManagementPolicy, 'Parallel', 'started together (a JetStream cluster needs its quorum to become ready)');
  const container = sts.spec.template.spec.containers[0];
  t.ok(container.ports.some((p: any) => p.name === 'cluster' && p.containerPort === 6222), 'route port 6222');
  const service = find(render, 'Service', sts.spec.serviceName)!;
  t.equal(service.spec.clusterIP, 'None', 'headless Service gives each pod a DNS name');
  t.equal(service.spec.publishNotReadyAddresses, true, 'pods resolve before they are ready');
  t.ok(service.spec.ports.some((p: any) => p.port === 6222), 'the Service names the route port');
  const policy = find(render, 'NetworkPolicy', 'nats')!;
  const natsPeer = (rule: any, side: 'from' | 'to'): boolean =>
    rule[side]?.some((p: any) => p.podSelector?.matchLabels?.['app.kubernetes.io/component'] === 'nats') &&
    rule.ports?.some((p: any) => p.port === 6222);
  t.ok(policy.spec.ingress.some((r: any) => natsPeer(r, 'from')), 'NATS pods accept routes from each other');
  t.ok(policy.spec.egress.some((r: any) => natsPeer(r, 'to')), 'NATS pods may open routes to each other');
  t.ok(find(render, 'PodDisruptionBudget', 'nats')?.spec.maxUnavailable === 1, 'a drain takes one NATS pod at a time');

  const files = findGenerated(render, 'ConfigMap', 'nats-config')!.data!;
  const conf = files['nats.conf'];
  t.ok(files['permissions.conf'] !== undefined && /include \.\/permissions\.conf/.test(conf), 'the per-role permissions apply in the cluster too');
  const routes = [...conf.matchAll(/nats:\/\/([a-z0-9-]+)\.([a-z0-9-]+):6222/g)].map((m) => `${m[1]}.${m[2]}`);
  t.same(routes, [0, 1, 2].map((i) => `${sts.metadata.name}-${i}.${sts.spec.serviceName}`), 'one route per pod, by its stable name');
  for (const [kind, name] of [['Job', 'patternsweep-coordinator'], ['Deployment', 'patternsweep-worker']] as const) {
    const env = containerEnv(render, find(render, kind, name)!.spec.template.spec.containers[0]);
    t.equal(env.get('PATTERNSWEEP_NATS_REPLICAS'), '3', `${name}: streams and buckets with 3 replicas`);
  }
  const dev = renderOverlay('dev');
  t.equal(find(dev, 'StatefulSet', 'nats')!.spec.replicas, 1, 'dev keeps one NATS pod');

  // Boot it: three servers from the rendered config, on loopback.
  const dir = mkdtempSync(join(tmpdir(), 'patternsweep-nats-cluster-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'permissions.conf'), files['permissions.conf']);
  const ports = await Promise.all([0, 1, 2].map(async () => ({ client: await freePort(), monitor: await freePort(), route: await freePort() })));
  const serverEnv = containerEnv(dev, find(dev, 'StatefulSet', 'nats')!.spec.template.spec.containers[0]);
  const children: ChildProcess[] = [];
  t.teardown(() => children.forEach((c) => c.kill('SIGKILL')));
  const ready = ports.map((p, i) => {
    const store = join(dir, `js-${i}`);
    mkdirSync(store);
    const local = conf
      .replace(/store_dir:\s*\/data\/jetstream/, `store_dir: "${store}"`)
      .replace(/^port: 4222$/m, `port: ${p.client}`)
      .replace(/^http_port: 8222$/m, `http_port: ${p.monitor}`)
      .replace(/^(\s*)port: 6222$/m, `$1port: ${p.route}`)
      .replace(/nats:\/\/[a-z0-9-]+-(\d)\.[a-z0-9-]+:6222/g, (_m, k: string) => `nats://127.0.0.1:${ports[Number(k)].route}`);
    const file = join(dir, `nats-${i}.conf`);
    writeFileSync(file, local);
    const child = spawn('nats-server', ['--config', file, '-a', '127.0.0.1'], {
      env: {
        ...process.env,
        SERVER_NAME: `nats-${i}`,
        COORDINATOR_USER: serverEnv.get('COORDINATOR_USER'),
        COORDINATOR_PASSWORD: serverEnv.get('COORDINATOR_PASSWORD'),
        WORKER_USER: serverEnv.get('WORKER_USER'),
        WORKER_PASSWORD: serverEnv.get('WORKER_PASSWORD'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    return new Promise<void>((resolve, reject) => {
      const log: string[] = [];
      createInterface({ input: child.stderr! }).on('line', (line) => {
        log.push(line);
        if (line.includes('Server is ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`nats-${i} exited ${code}:\n${log.join('\n')}`)));
    });
  });
  await Promise.all(ready);
  const size = await pollUntil(
    async () => {
      const jsz = (await (await fetch(`http://127.0.0.1:${ports[0].monitor}/jsz`)).json()) as { meta_cluster?: { leader?: string; cluster_size?: number } };
      return jsz.meta_cluster?.leader ? jsz.meta_cluster.cluster_size : undefined;
    },
    30_000,
    'a meta leader',
    100,
  );
  t.equal(size, 3, 'the three servers form one JetStream cluster');
  const url = ports.map((p) => `nats://127.0.0.1:${p.client}`).join(',');
  const nc = await connect({ servers: url, user: serverEnv.get('COORDINATOR_USER'), pass: serverEnv.get('COORDINATOR_PASSWORD'), maxReconnectAttempts: 0 });
  t.teardown(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const info = await pollUntil(
    () => jsm.streams.add({ name: 'PSWEEP_WORK', subjects: ['psweep.work.>'], num_replicas: 3 }).catch(() => undefined),
    30_000,
    'a 3-replica stream created by the coordinator user',
    500,
  );
  t.equal(info.config.num_replicas, 3, 'the coordinator user creates a 3-replica stream');
  const replicas = await pollUntil(
    async () => {
      const cluster = (await jsm.streams.info('PSWEEP_WORK')).cluster;
      return cluster?.leader !== undefined && (cluster.replicas ?? []).length === 2 ? cluster : undefined;
    },
    30_000,
    'a stream leader and two replicas',
    200,
  );
  t.equal(new Set([replicas.leader, ...(replicas.replicas ?? []).map((r) => r.name)]).size, 3, 'on three different servers');
});
