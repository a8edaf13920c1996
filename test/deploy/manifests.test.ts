// Every supported kustomize render is schema-valid and internally consistent:
// references resolve, selectors select, KEDA watches the queue the workers use.
import t from 'tap';
import { parseSpec, planSweep } from '../../sweep/index.js';
import { clusterNames } from '../../queue/jetstream/index.js';
import {
  containerEnv,
  containersOf,
  find,
  findGenerated,
  kubectlMissing,
  podTemplates,
  renderAll,
  renderOverlay,
  USER_SUPPLIED_SECRETS,
  type K8sObject,
} from './render.js';
import { KUBERNETES_MODELS, validateObject } from './schemas.js';

const missing = kubectlMissing();
if (missing !== undefined) {
  t.plan(0, `skipped: ${missing}`);
} else {
  const renders = renderAll();

  t.test('every overlay and component combination renders', async (t) => {
    t.same(
      renders.map((r) => r.name),
      ['dev', 'prod', 'external-nats', 'dev+hpa', 'dev+servicemonitor', 'prod+servicemonitor', 'external-nats+hpa'],
    );
    for (const render of renders) t.ok(render.objects.length >= 10, `${render.name}: ${render.objects.length} objects`);
  });

  t.test('kubernetes-models covers the built-in API groups we use', async (t) => {
    for (const key of ['apps/v1/Deployment', 'apps/v1/StatefulSet', 'batch/v1/Job', 'v1/Service', 'v1/ConfigMap', 'v1/Secret',
      'v1/PersistentVolumeClaim', 'v1/Namespace', 'v1/ServiceAccount', 'v1/Pod', 'policy/v1/PodDisruptionBudget',
      'networking.k8s.io/v1/NetworkPolicy', 'autoscaling/v2/HorizontalPodAutoscaler']) {
      t.ok(KUBERNETES_MODELS.has(key), key);
    }
  });

  t.test('every rendered object validates against its schema', async (t) => {
    for (const render of renders) {
      for (const object of render.objects) {
        t.doesNotThrow(() => validateObject(object), `${render.name}: ${object.kind}/${object.metadata.name}`);
      }
    }
  });

  t.test('the validators reject a broken object (they are not vacuous)', async (t) => {
    const dev = renderOverlay('dev');
    const worker = structuredClone(find(dev, 'Deployment', 'patternsweep-worker')) as K8sObject;
    worker.spec.template.spec.terminationGracePeriodSeconds = '360';
    t.throws(() => validateObject(worker), /terminationGracePeriodSeconds must be integer/);
    const job = structuredClone(find(dev, 'Job', 'patternsweep-coordinator')) as K8sObject;
    delete job.spec.template.spec.containers[0].name;
    t.throws(() => validateObject(job), /must have required property 'name'|must have required property name/);
    const prod = renderOverlay('prod');
    const scaled = structuredClone(find(prod, 'ScaledObject', 'patternsweep-worker')) as K8sObject;
    scaled.spec.triggers[0].metadata.lagTreshold = '8';
    t.throws(() => validateObject(scaled), /lagTreshold/);
    t.throws(() => validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }), /no schema for example.com\/v1\/Widget/);
  });

  t.test('references resolve inside each render', async (t) => {
    for (const render of renders) {
      const names = (kind: string): Set<string> =>
        new Set(render.objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
      const configMaps = names('ConfigMap');
      const secrets = new Set([...names('Secret'), ...USER_SUPPLIED_SECRETS]);
      const claims = names('PersistentVolumeClaim');
      const accounts = names('ServiceAccount');
      for (const template of podTemplates(render)) {
        const where = `${render.name}: ${template.owner}`;
        const claimTemplates = new Set<string>((template.object.spec?.volumeClaimTemplates ?? []).map((c: any) => c.metadata.name));
        const volumeNames = new Set<string>();
        for (const volume of template.spec.volumes ?? []) {
          volumeNames.add(volume.name);
          if (volume.configMap) t.ok(configMaps.has(volume.configMap.name), `${where}: volume ConfigMap ${volume.configMap.name}`);
          if (volume.secret) t.ok(secrets.has(volume.secret.secretName), `${where}: volume Secret ${volume.secret.secretName}`);
          if (volume.persistentVolumeClaim) {
            // The results reader (deploy/tools) is applied on its own, next to an overlay.
            if (template.object.kind !== 'Pod') t.ok(claims.has(volume.persistentVolumeClaim.claimName), `${where}: PVC ${volume.persistentVolumeClaim.claimName}`);
          }
        }
        const serviceAccount = template.spec.serviceAccountName;
        if (serviceAccount !== undefined) t.ok(accounts.has(serviceAccount), `${where}: ServiceAccount ${serviceAccount}`);
        for (const container of containersOf(template)) {
          for (const mount of container.volumeMounts ?? []) {
            t.ok(volumeNames.has(mount.name) || claimTemplates.has(mount.name), `${where}: mount ${mount.name} has a volume`);
          }
          for (const entry of container.env ?? []) {
            const cm = entry.valueFrom?.configMapKeyRef;
            if (cm) t.ok(find(render, 'ConfigMap', cm.name)?.data?.[cm.key] !== undefined, `${where}: ${entry.name} <- ConfigMap ${cm.name}.${cm.key}`);
            const secret = entry.valueFrom?.secretKeyRef;
            if (secret) t.ok(secrets.has(secret.name), `${where}: ${entry.name} <- Secret ${secret.name}`);
          }
        }
      }
    }
  });

  t.test('selectors select: Services, PDBs, NetworkPolicies, autoscaler targets', async (t) => {
    const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
      Object.entries(selector).every(([k, v]) => labels[k] === v);
    for (const render of renders) {
      const templates = podTemplates(render);
      const selects = (selector: Record<string, string>): boolean => templates.some((p) => matches(selector, p.labels));
      for (const object of render.objects) {
        const where = `${render.name}: ${object.kind}/${object.metadata.name}`;
        if (object.kind === 'Service') t.ok(selects(object.spec.selector), `${where} selects pods`);
        if (object.kind === 'PodDisruptionBudget' || object.kind === 'NetworkPolicy') {
          const selector = object.kind === 'PodDisruptionBudget' ? object.spec.selector : object.spec.podSelector;
          if (selector.matchLabels) t.ok(selects(selector.matchLabels), `${where} selects pods`);
          for (const expr of selector.matchExpressions ?? []) {
            t.ok(templates.some((p) => expr.values.includes(p.labels[expr.key])), `${where}: ${expr.key} In ${expr.values}`);
          }
        }
        if (['Deployment', 'StatefulSet'].includes(object.kind)) {
          t.ok(matches(object.spec.selector.matchLabels, object.spec.template.metadata.labels), `${where}: selector matches its template`);
        }
        if (object.kind === 'HorizontalPodAutoscaler' || object.kind === 'ScaledObject') {
          const target = object.spec.scaleTargetRef;
          t.ok(find(render, target.kind ?? 'Deployment', target.name), `${where} scales ${target.kind ?? 'Deployment'}/${target.name}`);
        }
      }
      const autoscalers = render.objects.filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject');
      t.ok(autoscalers.length <= 1, `${render.name}: at most one autoscaler per Deployment (KEDA owns its own HPA)`);
    }
  });

  t.test('KEDA watches the work queue the workers consume', async (t) => {
    const prod = renderOverlay('prod');
    const scaled = find(prod, 'ScaledObject', 'patternsweep-worker');
    t.ok(scaled, 'prod autoscales with KEDA');
    const trigger = scaled!.spec.triggers[0].metadata;
    // The workers' JetStream namespace: --namespace, else PATTERNSWEEP_NATS_NAMESPACE, else the default.
    const worker = find(prod, 'Deployment', 'patternsweep-worker')!.spec.template.spec.containers[0];
    const args: string[] = worker.args;
    const namespace = args.includes('--namespace')
      ? args[args.indexOf('--namespace') + 1]
      : containerEnv(prod, worker).get('PATTERNSWEEP_NATS_NAMESPACE');
    const names = clusterNames(namespace);
    t.equal(trigger.stream, names.workStream);
    t.equal(trigger.consumer, names.workConsumer);
    t.equal(trigger.account, '$G', 'NATS users in an authorization block live in the global account');
    const [host, port] = trigger.natsServerMonitoringEndpoint.split(':');
    t.equal(host, `nats.${scaled!.metadata.namespace}.svc.cluster.local`, 'endpoint names the NATS Service in the namespace KEDA deploys to');
    const service = find(prod, 'Service', 'nats')!;
    t.ok(service.spec.ports.some((p: any) => String(p.port) === port && p.name === 'monitor'), 'endpoint port is the monitoring port');
    const allowKeda = find(prod, 'NetworkPolicy', 'nats-allow-keda');
    t.same(allowKeda?.spec.ingress[0].ports, [{ protocol: 'TCP', port: Number(port) }], 'KEDA may reach the monitoring port, nothing else');
  });

  t.test('external-nats removes the in-cluster NATS and points at the external URL', async (t) => {
    const render = renderOverlay('external-nats');
    for (const [kind, name] of [['StatefulSet', 'nats'], ['Service', 'nats'], ['NetworkPolicy', 'nats']]) {
      t.notOk(find(render, kind as string, name as string), `no ${kind}/${name}`);
    }
    t.notOk(findGenerated(render, 'ConfigMap', 'nats-config'), 'no nats-config');
    const url = findGenerated(render, 'ConfigMap', 'patternsweep-nats')!.data!.url;
    t.match(url, /^nats:\/\/nats\.messaging\.svc\.cluster\.local:4222$/);
    for (const template of podTemplates(render)) {
      for (const container of containersOf(template)) {
        t.equal(containerEnv(render, container).get('NATS_URL'), url, `${template.owner} connects to ${url}`);
      }
    }
    const egress = find(render, 'NetworkPolicy', 'patternsweep-allow-external-nats');
    t.same(egress?.spec.egress[0].ports, [{ protocol: 'TCP', port: 4222 }]);
  });

  t.test('the sweep ConfigMap holds a valid spec and names it', async (t) => {
    for (const render of renders) {
      const sweep = findGenerated(render, 'ConfigMap', 'patternsweep-sweep')!;
      // The coordinator's own parser: a spec the Job would reject fails here.
      const spec = parseSpec(sweep.data!['spec.yaml'], 'spec.yaml');
      t.equal(sweep.data!.name, spec.name, `${render.name}: results go to /data/${spec.name}`);
      t.ok(planSweep(spec).shardCount > 1, `${render.name}: the example spreads over several shards`);
    }
  });

  t.test('the dev overlay carries its own throwaway credentials; prod expects yours', async (t) => {
    const dev = findGenerated(renderOverlay('dev'), 'Secret', 'patternsweep-nats-auth');
    const keys = ['coordinator-user', 'coordinator-password', 'worker-user', 'worker-password'];
    t.ok(keys.every((k) => dev?.data?.[k]), 'dev: generated Secret with a user and password per role');
    t.notOk(findGenerated(renderOverlay('prod'), 'Secret', 'patternsweep-nats-auth'), 'prod: no Secret in the manifests');
  });
}

