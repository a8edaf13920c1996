// Policy on what a cluster would run: every pod hardened (restricted Pod
// Security profile), every container bounded, images pinned, workers probed
// and given time to drain, and the overlays sized as documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import {
  containerEnv,
  containersOf,
  DEPLOY_DIR,
  find,
  kubectlMissing,
  podTemplates,
  renderAll,
  renderOverlay,
  type PodTemplate,
  type Render,
} from './render.js';

/** `registry/name:tag` or `name:tag`, never `latest`; a digest is fine too. */
function imageIsPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return false;
  const tag = image.slice(colon + 1);
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) && tag !== 'latest' && !/(^|[-.])latest$/.test(tag);
}

/** A CPU quantity (`2`, `500m`) in cores. */
function cores(quantity: string | number): number {
  const text = String(quantity);
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

/** The results reader pod is shipped as a plain manifest next to the overlays. */
function toolPods(): Render {
  const pod = parseYaml(readFileSync(join(DEPLOY_DIR, 'tools', 'results-reader.yaml'), 'utf8'));
  return { name: 'tools', objects: [pod] };
}

function* everyContainer(renders: readonly Render[]): Generator<{ render: Render; template: PodTemplate; container: any; where: string }> {
  for (const render of renders) {
    for (const template of podTemplates(render)) {
      for (const container of containersOf(template)) {
        yield { render, template, container, where: `${render.name}: ${template.owner}/${container.name}` };
      }
    }
  }
}

t.test('imageIsPinned', async (t) => {
  t.ok(imageIsPinned('ghcr.io/patternsweep/patternsweep:0.1.0'));
  t.ok(imageIsPinned('nats:2.10.22-alpine'));
  t.ok(imageIsPinned('localhost:5000/patternsweep:0.1.0'));
  t.ok(imageIsPinned(`nats@sha256:${'a'.repeat(64)}`));
  t.notOk(imageIsPinned('nats'));
  t.notOk(imageIsPinned('nats:latest'));
  t.notOk(imageIsPinned('localhost:5000/patternsweep'));
  t.notOk(imageIsPinned('nats:alpine-latest'));
});

t.test('the results reader manifest is one Pod (checked with the renders below)', async (t) => {
  t.same(toolPods().objects.map((o) => `${o.kind}/${o.metadata.name}`), ['Pod/patternsweep-results-reader']);
});

const missing = kubectlMissing();
if (missing !== undefined) {
  t.test('rendered manifests', { skip: missing }, async () => {});
} else {
  const renders = [...renderAll(), toolPods()];

  t.test('pods run as uid 10001, non-root, RuntimeDefault seccomp, no service account token', async (t) => {
    for (const render of renders) {
      for (const template of podTemplates(render)) {
        const where = `${render.name}: ${template.owner}`;
        const pod = template.spec.securityContext ?? {};
        t.equal(pod.runAsNonRoot, true, `${where} runAsNonRoot`);
        t.equal(pod.runAsUser, 10001, `${where} runAsUser`);
        t.equal(pod.seccompProfile?.type, 'RuntimeDefault', `${where} seccomp`);
        t.equal(template.spec.automountServiceAccountToken, false, `${where} mounts no API token`);
        t.notOk(template.spec.hostNetwork || template.spec.hostPID || template.spec.hostIPC, `${where} shares no host namespace`);
      }
    }
  });

  t.test('containers: read-only root fs with a /tmp emptyDir, no escalation, capabilities dropped', async (t) => {
    for (const { template, container, where } of everyContainer(renders)) {
      const sc = container.securityContext ?? {};
      t.equal(sc.readOnlyRootFilesystem, true, `${where} readOnlyRootFilesystem`);
      t.equal(sc.allowPrivilegeEscalation, false, `${where} allowPrivilegeEscalation`);
      t.same(sc.capabilities?.drop, ['ALL'], `${where} drops ALL capabilities`);
      t.notOk(sc.capabilities?.add?.length, `${where} adds none back`);
      t.not(sc.privileged, true, `${where} unprivileged`);
      t.not(sc.runAsUser, 0, `${where} never uid 0`);
      t.equal(sc.runAsNonRoot, true, `${where} runAsNonRoot`);
      t.equal(sc.seccompProfile?.type, 'RuntimeDefault', `${where} seccomp`);
      const tmp = (container.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
      const volume = (template.spec.volumes ?? []).find((v: any) => v.name === tmp?.name);
      t.ok(volume?.emptyDir, `${where} has a writable /tmp emptyDir`);
      t.ok(volume?.emptyDir?.sizeLimit, `${where} /tmp is size-limited`);
    }
  });

  t.test('containers: cpu and memory requests and limits', async (t) => {
    for (const { container, where } of everyContainer(renders)) {
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          t.ok(container.resources?.[kind]?.[resource] !== undefined, `${where} ${kind}.${resource}`);
        }
      }
    }
  });

  t.test('images are pinned by tag, never latest or untagged', async (t) => {
    for (const { container, where } of everyContainer(renders)) {
      t.ok(imageIsPinned(container.image), `${where}: ${container.image}`);
      t.equal(container.imagePullPolicy, 'IfNotPresent', `${where}: pinned tags need no Always`);
    }
    const images = new Set([...everyContainer(renders)].map((c) => c.container.image));
    t.same([...images].sort(), ['ghcr.io/patternsweep/patternsweep:0.1.0', 'nats:2.10.22-alpine']);
  });

  t.test('the app image tag is the package version', async (t) => {
    const pkg = JSON.parse(readFileSync(join(DEPLOY_DIR, '..', 'package.json'), 'utf8')) as { version: string };
    for (const { container, where } of everyContainer(renders)) {
      if (container.image.includes('/patternsweep:')) t.equal(container.image.split(':').pop(), pkg.version, where);
    }
  });

  t.test('workers: probes on the health port, grace period outlasts the drain', async (t) => {
    for (const render of renders.filter((r) => r.name !== 'tools')) {
      const worker = find(render, 'Deployment', 'patternsweep-worker')!;
      const spec = worker.spec.template.spec;
      const container = spec.containers.find((c: any) => c.name === 'worker');
      const where = `${render.name}: worker`;
      const healthPort = container.ports.find((p: any) => p.name === 'health');
      t.ok(healthPort, `${where} declares a health port`);
      const args: string[] = container.args;
      t.equal(args[args.indexOf('--health-port') + 1], String(healthPort.containerPort), `${where} serves health on it`);
      for (const [probe, path] of [['readinessProbe', '/readyz'], ['livenessProbe', '/healthz'], ['startupProbe', '/healthz']]) {
        t.equal(container[probe]?.httpGet?.path, path, `${where} ${probe} ${path}`);
        t.equal(container[probe]?.httpGet?.port, 'health', `${where} ${probe} port`);
      }
      const env = containerEnv(render, container);
      const drainSeconds = Number(env.get('PATTERNSWEEP_DRAIN_MS')) / 1000;
      t.ok(Number.isFinite(drainSeconds) && drainSeconds > 0, `${where} drain ${drainSeconds}s`);
      t.equal(args[args.indexOf('--drain-ms') + 1], '$(PATTERNSWEEP_DRAIN_MS)', `${where} passes the drain time`);
      // 60 s: publish the last results, nak the rest, close the connection.
      t.ok(spec.terminationGracePeriodSeconds >= drainSeconds + 60,
        `${where} grace ${spec.terminationGracePeriodSeconds}s >= drain ${drainSeconds}s + 60s`);
      const threads = Number(args[args.indexOf('--threads') + 1]);
      t.ok(cores(container.resources.limits.cpu) >= threads, `${where} cpu limit covers --threads ${threads}`);
      t.ok(cores(container.resources.requests.cpu) > 0, `${where} requests cpu`);
    }
  });

  t.test('NATS and coordinator are probed or bounded too', async (t) => {
    for (const render of renders.filter((r) => r.name !== 'tools' && !r.name.startsWith('external-nats'))) {
      const nats = find(render, 'StatefulSet', 'nats')!;
      const container = nats.spec.template.spec.containers[0];
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) t.ok(container[probe]?.httpGet, `${render.name}: nats ${probe}`);
      t.equal(nats.spec.volumeClaimTemplates[0].spec.accessModes[0], 'ReadWriteOnce', `${render.name}: JetStream on a volume`);
    }
    for (const render of renders.filter((r) => r.name !== 'tools')) {
      const job = find(render, 'Job', 'patternsweep-coordinator')!;
      t.ok(job.spec.backoffLimit >= 3, `${render.name}: a crashed coordinator is restarted (backoffLimit ${job.spec.backoffLimit})`);
      t.equal(job.spec.template.spec.restartPolicy, 'OnFailure', `${render.name}: restarts in the same pod (volume stays attached)`);
      const args: string[] = job.spec.template.spec.containers[0].args;
      t.notOk(args.includes('--fresh'), `${render.name}: a restart must not wipe results`);
      t.notOk(args.includes('--resume'), `${render.name}: the first start must be allowed to create the store`);
    }
  });

  t.test('network: every patternsweep pod is covered by an Ingress and Egress policy', async (t) => {
    for (const render of renders.filter((r) => r.name !== 'tools')) {
      const policies = render.objects.filter((o) => o.kind === 'NetworkPolicy');
      for (const template of podTemplates(render)) {
        const applies = (p: any): boolean => {
          const s = p.spec.podSelector;
          const labelsOk = Object.entries(s.matchLabels ?? {}).every(([k, v]) => template.labels[k] === v);
          const exprOk = (s.matchExpressions ?? []).every((e: any) => e.values.includes(template.labels[e.key]));
          return labelsOk && exprOk;
        };
        const types = new Set(policies.filter(applies).flatMap((p) => p.spec.policyTypes));
        t.ok(types.has('Ingress') && types.has('Egress'), `${render.name}: ${template.owner} isolated both ways`);
      }
      const nats = find(render, 'NetworkPolicy', 'nats');
      if (nats !== undefined) {
        const from = nats.spec.ingress[0].from[0].podSelector.matchExpressions.find((e: any) => e.key === 'app.kubernetes.io/component');
        t.same(from.values, ['coordinator', 'worker'], `${render.name}: NATS clients are coordinator and workers only`);
      }
    }
  });

  t.test('overlays are sized as documented', async (t) => {
    const dev = renderOverlay('dev');
    t.equal(find(dev, 'Deployment', 'patternsweep-worker')!.spec.replicas, 1, 'dev: one worker');
    t.equal(find(dev, 'PersistentVolumeClaim', 'patternsweep-results')!.spec.resources.requests.storage, '1Gi', 'dev: small results volume');
    t.equal(find(dev, 'StatefulSet', 'nats')!.spec.volumeClaimTemplates[0].spec.resources.requests.storage, '1Gi', 'dev: small NATS volume');
    t.notOk(dev.objects.some((o) => o.kind === 'ScaledObject' || o.kind === 'HorizontalPodAutoscaler'), 'dev: no autoscaler');

    const prod = renderOverlay('prod');
    const worker = find(prod, 'Deployment', 'patternsweep-worker')!;
    t.equal(worker.spec.replicas, undefined, 'prod: KEDA owns the replica count');
    t.ok(find(prod, 'ScaledObject', 'patternsweep-worker')!.spec.maxReplicaCount >= 10, 'prod: many workers');
    const anti = worker.spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0];
    t.equal(anti?.podAffinityTerm.topologyKey, 'kubernetes.io/hostname', 'prod: workers spread across nodes');
    t.same(anti?.podAffinityTerm.labelSelector.matchLabels, worker.spec.selector.matchLabels, 'prod: anti-affinity against other workers');
    t.equal(find(prod, 'PodDisruptionBudget', 'patternsweep-worker')!.spec.maxUnavailable, '25%');

    for (const render of [dev, prod, renderOverlay('external-nats')]) {
      const ns = render.objects.find((o) => o.kind === 'Namespace')!;
      t.equal(ns.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted', `${render.name}: restricted Pod Security`);
      t.ok(render.objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === ns.metadata.name),
        `${render.name}: everything in ${ns.metadata.name}`);
    }
  });
}
