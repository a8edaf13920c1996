/**
 * DIR/dashboard.json: where a running coordinator serves its API, so that
 * `patternsweep summary DIR` and `sql DIR` work while the store is locked.
 * Written once the server listens, removed when it closes.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ADDRESS_FILE = 'dashboard.json';

export interface DashboardAddress {
  readonly url: string;
  readonly pid: number;
  readonly sweep: string;
  readonly specHash: string;
  readonly startedAt: string;
}

export function addressPath(dir: string): string {
  return join(dir, ADDRESS_FILE);
}

export async function writeAddress(dir: string, address: DashboardAddress): Promise<void> {
  // Write then rename: a reader never sees half a file.
  const path = addressPath(dir);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(address, null, 2)}\n`);
  await rename(tmp, path);
}

export async function removeAddress(dir: string): Promise<void> {
  await rm(addressPath(dir), { force: true });
}

/** The address a coordinator left in DIR, or null when there is none (or it is unreadable). */
export async function readAddress(dir: string): Promise<DashboardAddress | null> {
  let text: string;
  try {
    text = await readFile(addressPath(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<DashboardAddress>;
    return typeof value.url === 'string' ? (value as DashboardAddress) : null;
  } catch {
    return null; // half-written by a coordinator killed mid-write: as good as absent
  }
}
