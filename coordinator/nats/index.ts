/** Cluster mode of the coordinator: the JetStream transport with metrics, status and progress. */
export { CLUSTER_TRANSPORT_DEFAULTS, openClusterTransport } from './transport.js';
export type { ClusterTransport, ClusterTransportOptions, TransportHooks } from './transport.js';
export { SweepMetrics } from './metrics.js';
export type { SweepStatus } from './metrics.js';
export { startStatusServer } from './status-server.js';
export type { StatusServer } from './status-server.js';
export { readClusterStatus, formatClusterStatus } from './cluster-status.js';
export type { ClusterStatus, WorkerStatus } from './cluster-status.js';
