/**
 * Renders the kustomize overlays in deploy/ with `kubectl kustomize` and gives
 * the tests typed access to what a cluster would receive: objects, pod
 * templates, containers, and the environment Kubernetes would give them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');
export const OVERLAYS = ['dev', 'prod', 'external-nats'] as const;
export type OverlayName = (typeof OVERLAYS)[number];

/** Secrets the user creates by hand (deploy/README.md); manifests may reference them unrendered. */
export const USER_SUPPLIED_SECRETS: readonly string[] = ['patternsweep-nats-auth'];

// A loose view of a Kubernetes object: enough structure for the checks, and
// every field optional because the point of the tests is to find the missing.
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export interface PodTemplate {
  /** `Deployment/patternsweep-worker` */
  readonly owner: string;
  readonly object: K8sObject;
  readonly spec: any;
  readonly labels: Record<string, string>;
}

export interface Render {
  /** What was rendered, e.g. `prod` or `dev+hpa`. */
  readonly name: string;
  readonly objects: K8sObject[];
}

export class KustomizeError extends Error {
  override readonly name = 'KustomizeError';
  readonly code = 'E_KUSTOMIZE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Why the render tests cannot run here, or undefined when kubectl is usable. */
export function kubectlMissing(): string | undefined {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `kubectl not found on PATH (${probe.error.message}); .ci/run installs it`;
  if (probe.status !== 0) return `kubectl version --client failed: ${probe.stderr.trim()}`;
  return undefined;
}

/** `kubectl kustomize DIR` parsed into objects. */
export function renderDir(dir: string, name = relative(DEPLOY_DIR, dir)): Render {
  const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.error !== undefined) throw new KustomizeError(`kubectl kustomize ${dir}: ${out.error.message}`, { cause: out.error });
  if (out.status !== 0) throw new KustomizeError(`kubectl kustomize ${dir} exited ${out.status}: ${out.stderr.trim()}`);
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(out.stdout)) {
    if (doc.errors.length > 0) throw new KustomizeError(`${name}: rendered YAML does not parse: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as K8sObject | null;
    if (value !== null) objects.push(value);
  }
  return { name, objects };
}

export function renderOverlay(overlay: OverlayName): Render {
  return renderDir(join(DEPLOY_DIR, 'overlays', overlay), overlay);
}

/**
 * An overlay with extra components (deploy/components/NAME), the way a user
 * adds them: a kustomization of their own that lists both.
 */
export function renderWithComponents(overlay: OverlayName, components: readonly string[]): Render {
  const dir = mkdtempSync(join(tmpdir(), 'patternsweep-kustomize-'));
  try {
    const lines = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      // kustomize refuses absolute paths here.
      `  - ${relative(dir, join(DEPLOY_DIR, 'overlays', overlay))}`,
      'components:',
      ...components.map((c) => `  - ${relative(dir, join(DEPLOY_DIR, 'components', c))}`),
    ];
    writeFileSync(join(dir, 'kustomization.yaml'), `${lines.join('\n')}\n`);
    return renderDir(dir, [overlay, ...components].join('+'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every render the project supports: each overlay, and the optional components on top. */
export function renderAll(): Render[] {
  return [
    ...OVERLAYS.map(renderOverlay),
    renderWithComponents('dev', ['hpa']),
    renderWithComponents('dev', ['servicemonitor']),
    renderWithComponents('prod', ['servicemonitor']),
    renderWithComponents('external-nats', ['hpa']),
  ];
}

export function find(render: Render, kind: string, name: string): K8sObject | undefined {
  return render.objects.find((o) => o.kind === kind && o.metadata.name === name);
}

/**
 * A generated ConfigMap/Secret under its base name: kustomize appends a
 * content hash (`patternsweep-nats-9ckd7gcd9f`) and rewrites references.
 */
export function findGenerated(render: Render, kind: 'ConfigMap' | 'Secret', baseName: string): K8sObject | undefined {
  return render.objects.find(
    (o) => o.kind === kind && (o.metadata.name === baseName || new RegExp(`^${baseName}-[a-z0-9]{10}$`).test(o.metadata.name)),
  );
}

export function podTemplates(render: Render): PodTemplate[] {
  const templates: PodTemplate[] = [];
  for (const object of render.objects) {
    const owner = `${object.kind}/${object.metadata.name}`;
    if (object.kind === 'Pod') {
      templates.push({ owner, object, spec: object.spec, labels: object.metadata.labels ?? {} });
    } else if (['Deployment', 'StatefulSet', 'Job', 'DaemonSet', 'ReplicaSet'].includes(object.kind)) {
      const template = object.spec?.template ?? {};
      templates.push({ owner, object, spec: template.spec ?? {}, labels: template.metadata?.labels ?? {} });
    } else if (object.kind === 'CronJob') {
      const template = object.spec?.jobTemplate?.spec?.template ?? {};
      templates.push({ owner, object, spec: template.spec ?? {}, labels: template.metadata?.labels ?? {} });
    }
  }
  return templates;
}

export function containersOf(template: PodTemplate): any[] {
  return [...(template.spec.initContainers ?? []), ...(template.spec.containers ?? [])];
}

/**
 * The environment Kubernetes gives a container: literal values, ConfigMap and
 * Secret keys resolved from the render (user-supplied Secrets get a
 * placeholder), downward-API fields as placeholders.
 */
export function containerEnv(render: Render, container: any): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) {
      env.set(entry.name, String(entry.value));
      continue;
    }
    const from = entry.valueFrom ?? {};
    if (from.configMapKeyRef !== undefined) {
      const map = find(render, 'ConfigMap', from.configMapKeyRef.name);
      const value = map?.data?.[from.configMapKeyRef.key];
      if (value !== undefined) env.set(entry.name, value);
    } else if (from.secretKeyRef !== undefined) {
      const secret = find(render, 'Secret', from.secretKeyRef.name);
      const encoded = secret?.data?.[from.secretKeyRef.key];
      if (encoded !== undefined) env.set(entry.name, Buffer.from(encoded, 'base64').toString('utf8'));
      else if (USER_SUPPLIED_SECRETS.some((s) => from.secretKeyRef.name === s)) env.set(entry.name, `<${entry.name}>`);
    } else if (from.fieldRef !== undefined) {
      env.set(entry.name, `<${from.fieldRef.fieldPath}>`);
    }
  }
  return env;
}

/**
 * Kubernetes' `$(VAR)` expansion of command and args: a defined variable is
 * replaced, `$$` escapes, an undefined reference stays as written.
 */
export function expandVariables(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return env.get(name as string) ?? match;
  });
}
