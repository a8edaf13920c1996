/** The JetStream + KV transport of the work-queue contract (cluster mode). */
export { JetStreamSweepQueues } from './sweep-queue.js';
export type { JetStreamSweepQueuesOptions } from './sweep-queue.js';
export { JetStreamWorkSource, JETSTREAM_WORK_SOURCE_DEFAULTS } from './work-source.js';
export type { JetStreamWorkSourceOptions } from './work-source.js';
export { CHUNK_OVERHEAD_BYTES, ResultAssembler, splitResult } from './chunks.js';
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
export { splitUrlCredentials, UrlCredentialsError } from './url-credentials.js';
export type { UrlCredentials } from './url-credentials.js';
export {
  clusterNames,
  ClusterNameError,
  DEFAULT_NAMESPACE,
  ensureWorkQueue,
  isJetStreamNotFound,
  MAX_REPLICAS,
  REPLICATION_DEFAULTS,
  replicasFromEnv,
  sweepIdOf,
  workQueueSettingsFromEnv,
} from './topology.js';
export type { ClusterNames, ReplicationSettings, WorkQueueSettingsInput } from './topology.js';
export { openBucket, putSweepSpec, SpecCache, specFromEnvelope } from './spec-store.js';
