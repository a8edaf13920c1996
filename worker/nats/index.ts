export { ClusterWorker, CLUSTER_WORKER_DEFAULTS, defaultWorkerId, retryDelayMs } from './worker.js';
export type { ClusterWorkerOptions, ShardRunner } from './worker.js';
export {
  connectNats,
  describeAuth,
  NATS_CONNECTION_DEFAULTS,
  NATS_ENV,
  NatsAuthError,
  NatsConnectionError,
  NatsOptionError,
  natsClientOptions,
  redactServer,
  redactServers,
  resolveNatsConnection,
} from './connection.js';
export type { NatsConnectionInput, ResolvedNatsConnection } from './connection.js';
export { clusterNames, ClusterNameError, DEFAULT_NAMESPACE, ensureWorkQueue, sweepIdOf, WORK_QUEUE_DEFAULTS } from './topology.js';
export type { ClusterNames, WorkQueueSettings } from './topology.js';
export { openBucket, putSweepSpec, SpecCache, SpecNotFoundError } from './spec-store.js';
export { faultInjectingRunner, InjectedShardError } from './test-faults.js';
