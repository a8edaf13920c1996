/**
 * Schema checks for rendered objects: built-in kinds against the Kubernetes
 * OpenAPI schemas shipped in kubernetes-models, CRDs (KEDA ScaledObject,
 * Prometheus Operator ServiceMonitor) against minimal strict zod schemas of
 * the fields we use, so a typo in a CRD field fails instead of being ignored.
 */
import * as models from 'kubernetes-models';
import { z } from 'zod';
import type { K8sObject } from './render.js';

interface ModelClass {
  new (data: unknown): { validate(): void };
  readonly apiVersion: string;
  readonly kind: string;
}

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<ModelClass>).apiVersion === 'string' &&
    typeof (value as Partial<ModelClass>).kind === 'string'
  );
}

/** `apps/v1/Deployment` -> its model class, for every kind kubernetes-models knows. */
function indexModels(): Map<string, ModelClass> {
  const index = new Map<string, ModelClass>();
  const visit = (namespace: unknown, depth: number): void => {
    if (typeof namespace !== 'object' || namespace === null || depth > 2) return;
    for (const value of Object.values(namespace)) {
      if (isModelClass(value)) index.set(`${value.apiVersion}/${value.kind}`, value);
      else visit(value, depth + 1);
    }
  };
  visit(models, 0);
  return index;
}

export const KUBERNETES_MODELS = indexModels();

const objectMeta = z.looseObject({ name: z.string().min(1), namespace: z.string().min(1).optional() });

/** keda.sh/v1alpha1 ScaledObject, the fields of https://keda.sh/docs/2.16/reference/scaledobject-spec/ we use. */
export const scaledObjectSchema = z.strictObject({
  apiVersion: z.literal('keda.sh/v1alpha1'),
  kind: z.literal('ScaledObject'),
  metadata: objectMeta,
  spec: z.strictObject({
    scaleTargetRef: z.strictObject({
      apiVersion: z.string().optional(),
      kind: z.string().optional(),
      name: z.string().min(1),
    }),
    pollingInterval: z.number().int().positive().optional(),
    cooldownPeriod: z.number().int().nonnegative().optional(),
    minReplicaCount: z.number().int().nonnegative().optional(),
    maxReplicaCount: z.number().int().positive().optional(),
    advanced: z
      .strictObject({
        horizontalPodAutoscalerConfig: z.strictObject({ behavior: z.looseObject({}) }).optional(),
      })
      .optional(),
    triggers: z
      .array(
        z.discriminatedUnion('type', [
          z.strictObject({
            type: z.literal('nats-jetstream'),
            metadata: z.strictObject({
              natsServerMonitoringEndpoint: z.string().regex(/^[a-z0-9.-]+:\d+$/),
              account: z.string().min(1),
              stream: z.string().min(1),
              consumer: z.string().min(1),
              // KEDA trigger metadata values are strings.
              lagThreshold: z.string().regex(/^\d+$/),
              activationLagThreshold: z.string().regex(/^\d+$/).optional(),
              useHttps: z.enum(['true', 'false']).optional(),
            }),
          }),
        ]),
      )
      .min(1),
  }),
});

/** monitoring.coreos.com/v1 ServiceMonitor, the fields we use. */
export const serviceMonitorSchema = z.strictObject({
  apiVersion: z.literal('monitoring.coreos.com/v1'),
  kind: z.literal('ServiceMonitor'),
  metadata: objectMeta,
  spec: z.strictObject({
    selector: z.strictObject({ matchLabels: z.record(z.string(), z.string()) }),
    namespaceSelector: z.looseObject({}).optional(),
    endpoints: z
      .array(
        z.strictObject({
          port: z.string().min(1),
          path: z.string().startsWith('/').optional(),
          interval: z.string().regex(/^\d+[smh]$/).optional(),
          scrapeTimeout: z.string().regex(/^\d+[smh]$/).optional(),
        }),
      )
      .min(1),
  }),
});

const CRD_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ['keda.sh/v1alpha1/ScaledObject', scaledObjectSchema],
  ['monitoring.coreos.com/v1/ServiceMonitor', serviceMonitorSchema],
]);

export class ManifestSchemaError extends Error {
  override readonly name = 'ManifestSchemaError';
  readonly code = 'E_MANIFEST_SCHEMA';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Throws ManifestSchemaError naming the object and what is wrong with it. */
export function validateObject(object: K8sObject): void {
  const key = `${object.apiVersion}/${object.kind}`;
  const where = `${object.kind}/${object.metadata?.name ?? '?'}`;
  const model = KUBERNETES_MODELS.get(key);
  if (model !== undefined) {
    try {
      new model(object).validate();
    } catch (cause) {
      throw new ManifestSchemaError(`${where}: ${(cause as Error).message}`, { cause });
    }
    return;
  }
  const schema = CRD_SCHEMAS.get(key);
  if (schema === undefined) throw new ManifestSchemaError(`${where}: no schema for ${key}; add one to test/deploy/schemas.ts`);
  const parsed = schema.safeParse(object);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ManifestSchemaError(`${where}: ${issues}`);
  }
}

