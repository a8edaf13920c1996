/** Options of `startDashboard`: input type, resolved type, one defaults constant. */
import { DashboardOptionError } from './errors.js';

export interface DashboardOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to bind. Anything but loopback exposes the sweep to the network. @default '127.0.0.1' */
  readonly host?: string;
  /** Most grid points one figure request returns. @default 20000 */
  readonly maxPoints?: number;
  /** Most runs listed by one point's drill-down. @default 500 */
  readonly maxRunsPerPoint?: number;
  /** Most trajectories drawn in a drill-down. @default 20 */
  readonly maxTrajectories?: number;
  /** Most rows an SQL query returns. @default 10000 */
  readonly maxSqlRows?: number;
}

export interface ResolvedDashboardOptions {
  readonly port: number;
  readonly host: string;
  readonly maxPoints: number;
  readonly maxRunsPerPoint: number;
  readonly maxTrajectories: number;
  readonly maxSqlRows: number;
}

/** The port `--ui` uses when none is given. */
export const DEFAULT_UI_PORT = 8321;

export const DASHBOARD_DEFAULTS = Object.freeze({
  port: 0,
  host: '127.0.0.1',
  maxPoints: 20_000,
  maxRunsPerPoint: 500,
  maxTrajectories: 20,
  maxSqlRows: 10_000,
});

function positive(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new DashboardOptionError(field, value, 'must be an integer >= 1');
  return value;
}

export function resolveDashboardOptions(options: DashboardOptions = {}): ResolvedDashboardOptions {
  const port = options.port ?? DASHBOARD_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DashboardOptionError('port', port, 'must be an integer in 0..65535');
  const host = options.host ?? DASHBOARD_DEFAULTS.host;
  if (host.trim() === '') throw new DashboardOptionError('host', host, 'must name an interface, e.g. 127.0.0.1 or 0.0.0.0');
  return {
    port,
    host,
    maxPoints: positive('maxPoints', options.maxPoints ?? DASHBOARD_DEFAULTS.maxPoints),
    maxRunsPerPoint: positive('maxRunsPerPoint', options.maxRunsPerPoint ?? DASHBOARD_DEFAULTS.maxRunsPerPoint),
    maxTrajectories: positive('maxTrajectories', options.maxTrajectories ?? DASHBOARD_DEFAULTS.maxTrajectories),
    maxSqlRows: positive('maxSqlRows', options.maxSqlRows ?? DASHBOARD_DEFAULTS.maxSqlRows),
  };
}
