/**
 * The client side of the API, for commands that run while another process
 * (the coordinator) holds the store: `summary DIR` and `sql DIR` read
 * DIR/dashboard.json and ask the coordinator instead of opening the file.
 */
import { readAddress, type DashboardAddress } from './address-file.js';
import { DashboardRequestError, DashboardUnreachableError } from './errors.js';
import type { Row, SqlResult } from './queries.js';

async function getJson<T>(address: DashboardAddress, path: string): Promise<T> {
  const url = `${address.url}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (cause) {
    throw new DashboardUnreachableError(address.url, (cause as Error).message, { cause });
  }
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (response.status === 400) throw new DashboardRequestError(body?.error?.message ?? 'bad request');
  if (!response.ok) throw new DashboardUnreachableError(address.url, `HTTP ${response.status}: ${body?.error?.message ?? ''}`);
  return body as T;
}

/** The running coordinator's API for DIR, or null when none left its address. */
export async function runningSweepApi(dir: string): Promise<RunningSweepApi | null> {
  const address = await readAddress(dir);
  return address === null ? null : new RunningSweepApi(address);
}

export class RunningSweepApi {
  constructor(readonly address: DashboardAddress) {}

  summary(by: readonly string[] | undefined): Promise<{ keys: string[]; rows: Row[] }> {
    const query = by === undefined || by.length === 0 ? '' : `?by=${encodeURIComponent(by.join(','))}`;
    return getJson(this.address, `/api/summary${query}`);
  }

  progress(): Promise<{ doneRuns: number; totalRuns: number; failedShards: number; state: string }> {
    return getJson(this.address, '/api/progress');
  }

  sql(query: string): Promise<SqlResult> {
    return getJson(this.address, `/api/sql?q=${encodeURIComponent(query)}`);
  }
}
