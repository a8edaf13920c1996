/**
 * Public surface of the dashboard: a web page and JSON API over a sweep's
 * store, served by the coordinator while it runs (`run --ui`) or over a
 * stored sweep (`serve DIR`).
 */
export { ADDRESS_FILE, addressPath, readAddress } from './address-file.js';
export type { DashboardAddress } from './address-file.js';
export { DashboardOptionError, DashboardRequestError, DashboardUnreachableError } from './errors.js';
export { serveLiveSweep } from './live.js';
export { DASHBOARD_DEFAULTS, DEFAULT_UI_PORT, resolveDashboardOptions } from './options.js';
export type { DashboardOptions, ResolvedDashboardOptions } from './options.js';
export { readOnlySql, readRows } from './queries.js';
export type { PointValue, Row, SqlResult, SweepInfo } from './queries.js';
export { RunningSweepApi, runningSweepApi } from './remote.js';
export { startDashboard } from './server.js';
export type { Dashboard } from './server.js';
export { liveSource, storedSource } from './source.js';
export type { LiveSourceOptions, LiveSweep, ProgressView, SweepSource, SweepState, WorkerView } from './source.js';
