/** Errors of the dashboard and its JSON API; the API answers them as `{ error: { code, message } }`. */
import { PatternsweepError } from '../../errors/index.js';

/** A request the API refuses (unknown axis or statistic, a query that is not a SELECT): HTTP 400. */
export class DashboardRequestError extends PatternsweepError {
  override readonly name = 'DashboardRequestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('DASHBOARD_REQUEST', message, { userFacing: true, cause: options?.cause });
  }
}

/** A dashboard option out of range (port, host, window): names the field and what is allowed. */
export class DashboardOptionError extends PatternsweepError {
  override readonly name = 'DashboardOptionError';
  constructor(field: string, value: unknown, allowed: string) {
    super('DASHBOARD_OPTION', `dashboard ${field}: ${JSON.stringify(value)} is not valid; ${allowed}`, { userFacing: true });
  }
}

/** The running sweep's API could not be reached (a stale DIR/dashboard.json, a coordinator that just stopped). */
export class DashboardUnreachableError extends PatternsweepError {
  override readonly name = 'DashboardUnreachableError';
  constructor(readonly url: string, why: string, options?: { cause?: unknown }) {
    super('DASHBOARD_UNREACHABLE', `the sweep's API at ${url} did not answer (${why}); is the coordinator still running?`, {
      userFacing: true,
      retryable: true,
      cause: options?.cause,
    });
  }
}
