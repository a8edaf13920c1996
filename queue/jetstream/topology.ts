/**
 * The JetStream objects of cluster mode, named from one namespace (default
 * `psweep`; tests use a random one each) so several deployments or test runs
 * can share a server without seeing each other's work.
 *
 *   stream  <NS>_WORK      subjects <ns>.work.<sweep>        work-queue retention, file storage,
 *                                                             2 min duplicate window (msgID "<sweep>:<shard>")
 *   consumer <ns>-workers  on <NS>_WORK, durable pull, shared by every worker; explicit ack,
 *                          AckWait (30 s) kept alive by `working()`, MaxDeliver (5)
 *   stream  <NS>_RESULTS   subjects <ns>.out.<sweep>.result | .failure | .chunk   work-queue retention, file storage
 *   consumer coord-<sweep> on <NS>_RESULTS, durable pull filtered to <ns>.out.<sweep>.>, one per sweep
 *   KV      <ns>-specs     key = spec hash, value = SweepEnvelope
 *   KV      <ns>-progress  key = sweep id, value = Progress
 *   KV      <ns>-workers   key = worker id, value = Heartbeat (bucket max age 60 s)
 *
 * Streams and buckets are created with PATTERNSWEEP_NATS_REPLICAS replicas
 * (default 1; 3 on a 3-node JetStream cluster); consumers inherit their stream's.
 *
 * Retries are delayed by `nak(delay)` from the worker rather than a consumer
 * BackOff list: on server 2.9 BackOff replaces AckWait, which would make a long
 * shard's `working()` keep-alive depend on its delivery count.
 */
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { PatternsweepError } from '../../errors/index.js';
import { WORK_QUEUE_DEFAULTS, type WorkQueueSettings } from '../contract.js';

export interface ClusterNames {
  readonly namespace: string;
  readonly workStream: string;
  readonly workConsumer: string;
  readonly resultStream: string;
  readonly specBucket: string;
  readonly progressBucket: string;
  readonly heartbeatBucket: string;
  workSubject(sweepId: string): string;
  resultSubject(sweepId: string): string;
  failureSubject(sweepId: string): string;
  /** Parts of a result larger than max_payload (queue/jetstream/chunks.ts). */
  chunkSubject(sweepId: string): string;
  /** All result and failure subjects of one sweep. */
  sweepOutputSubjects(sweepId: string): string;
  resultConsumer(sweepId: string): string;
  /** The advisory the server sends when a work message reaches MaxDeliver. */
  maxDeliveriesAdvisory(): string;
}

export const DEFAULT_NAMESPACE = 'psweep';
const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export class ClusterNameError extends PatternsweepError {
  override readonly name = 'ClusterNameError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_CLUSTER_NAME', message, { ...options, userFacing: true });
  }
}

function checkToken(field: string, value: string): string {
  if (!NAME_PATTERN.test(value) || value.length > 64) {
    throw new ClusterNameError(`${field}: "${value}" is not allowed; use 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit`);
  }
  return value;
}

export function clusterNames(namespace: string = DEFAULT_NAMESPACE): ClusterNames {
  const ns = checkToken('namespace', namespace);
  const NS = ns.toUpperCase().replace(/-/g, '_');
  const workStream = `${NS}_WORK`;
  const workConsumer = `${ns}-workers`;
  return {
    namespace: ns,
    workStream,
    workConsumer,
    resultStream: `${NS}_RESULTS`,
    specBucket: `${ns}-specs`,
    progressBucket: `${ns}-progress`,
    heartbeatBucket: `${ns}-workers`,
    workSubject: (sweepId) => `${ns}.work.${checkToken('sweep id', sweepId)}`,
    resultSubject: (sweepId) => `${ns}.out.${checkToken('sweep id', sweepId)}.result`,
    failureSubject: (sweepId) => `${ns}.out.${checkToken('sweep id', sweepId)}.failure`,
    chunkSubject: (sweepId) => `${ns}.out.${checkToken('sweep id', sweepId)}.chunk`,
    sweepOutputSubjects: (sweepId) => `${ns}.out.${checkToken('sweep id', sweepId)}.>`,
    resultConsumer: (sweepId) => `coord-${checkToken('sweep id', sweepId)}`,
    maxDeliveriesAdvisory: () => `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${workStream}.${workConsumer}`,
  };
}

/** A sweep's id on the wire: its name and the head of its spec hash (unique per spec, token-safe). */
export function sweepIdOf(name: string, specHash: string): string {
  return checkToken('sweep id', `${name}-${specHash.slice(0, 12)}`.slice(0, 64));
}


/**
 * PATTERNSWEEP_NATS_ACK_WAIT_MS / PATTERNSWEEP_NATS_MAX_DELIVER, read by both
 * `run --nats` and `worker` (whichever creates the consumer applies them).
 */
/** Settings a caller asks for; omitted ones keep the consumer's (or the defaults). */
export type WorkQueueSettingsInput = Partial<WorkQueueSettings>;

export function workQueueSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkQueueSettingsInput {
  const read = (key: string, min: number): number | undefined => {
    const raw = env[key];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min) throw new ClusterNameError(`${key}: "${raw}" is not an integer >= ${min}`);
    return n;
  };
  const out: { ackWaitMs?: number; maxDeliver?: number } = {};
  const ackWaitMs = read('PATTERNSWEEP_NATS_ACK_WAIT_MS', 1000);
  const maxDeliver = read('PATTERNSWEEP_NATS_MAX_DELIVER', 1);
  if (ackWaitMs !== undefined) out.ackWaitMs = ackWaitMs;
  if (maxDeliver !== undefined) out.maxDeliver = maxDeliver;
  return out;
}

/**
 * Copies of every stream and KV bucket kept by a JetStream cluster. 1 on a
 * single server; 3 on a 3-node cluster survives the loss of any one node
 * (docs: README "Broker high availability"). Applied when a stream or bucket
 * is created; an existing one keeps its replica count.
 */
export interface ReplicationSettings {
  /** @default PATTERNSWEEP_NATS_REPLICAS, else 1 */
  replicas: number;
}

export const REPLICATION_DEFAULTS: Readonly<ReplicationSettings> = Object.freeze({ replicas: 1 });
/** JetStream allows at most 5 replicas. */
export const MAX_REPLICAS = 5;

/** PATTERNSWEEP_NATS_REPLICAS (1..5), read by both `run --nats` and `worker` (whichever creates a stream or bucket applies it). */
export function replicasFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PATTERNSWEEP_NATS_REPLICAS;
  if (raw === undefined || raw === '') return REPLICATION_DEFAULTS.replicas;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICAS) {
    throw new ClusterNameError(`PATTERNSWEEP_NATS_REPLICAS: "${raw}" is not an integer in [1, ${MAX_REPLICAS}]`);
  }
  return n;
}

const NANOS_PER_MS = 1_000_000;
const DUPLICATE_WINDOW_NS = 120_000 * NANOS_PER_MS;

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && (error.code === 10059 || error.code === 10014 || error.status === 404);
}

function isAlreadyExists(error: unknown): boolean {
  // 10058: stream name in use with a different config; 10148/10013: consumer exists.
  return error instanceof JetStreamApiError && [10058, 10013, 10148, 10105].includes(error.code);
}

async function ensureStream(jsm: JetStreamManager, name: string, subjects: string[], replicas: number): Promise<void> {
  try {
    await jsm.streams.info(name);
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      subjects,
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: DUPLICATE_WINDOW_NS,
      num_replicas: replicas,
    });
  } catch (error) {
    // Another process created it between our info and add.
    if (!isAlreadyExists(error)) throw error;
  }
}

/**
 * Creates the work stream, the shared worker consumer and the results stream
 * if missing (idempotent; coordinator and workers both call it, whoever starts
 * first). Settings given explicitly are applied to an existing consumer too;
 * omitted ones keep what it has. The returned info says which apply (callers
 * use its max_deliver and ack_wait).
 */
export async function ensureWorkQueue(
  jsm: JetStreamManager,
  names: ClusterNames,
  settings: Partial<WorkQueueSettings & ReplicationSettings> = {},
): Promise<ConsumerInfo> {
  const ackWaitMs = settings.ackWaitMs ?? WORK_QUEUE_DEFAULTS.ackWaitMs;
  const maxDeliver = settings.maxDeliver ?? WORK_QUEUE_DEFAULTS.maxDeliver;
  const replicas = settings.replicas ?? replicasFromEnv();
  await ensureStream(jsm, names.workStream, [`${names.namespace}.work.>`], replicas);
  await ensureStream(jsm, names.resultStream, [`${names.namespace}.out.>`], replicas);
  try {
    const info = await jsm.consumers.info(names.workStream, names.workConsumer);
    const wanted = {
      ...(settings.ackWaitMs !== undefined && info.config.ack_wait !== settings.ackWaitMs * NANOS_PER_MS
        ? { ack_wait: settings.ackWaitMs * NANOS_PER_MS }
        : {}),
      ...(settings.maxDeliver !== undefined && info.config.max_deliver !== settings.maxDeliver
        ? { max_deliver: settings.maxDeliver }
        : {}),
    };
    // Explicitly asked-for settings win over an existing consumer's.
    return Object.keys(wanted).length === 0 ? info : await jsm.consumers.update(names.workStream, names.workConsumer, wanted);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    return await jsm.consumers.add(names.workStream, {
      durable_name: names.workConsumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWaitMs * NANOS_PER_MS,
      max_deliver: maxDeliver,
      // The coordinator bounds shards in flight; this only caps a runaway.
      max_ack_pending: 100_000,
      filter_subject: `${names.namespace}.work.>`,
    });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    return await jsm.consumers.info(names.workStream, names.workConsumer);
  }
}

export { isNotFound as isJetStreamNotFound };
