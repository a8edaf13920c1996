/**
 * Network namespaces for fault tests: two namespaces joined by one veth pair,
 * so a process in the `leaf` namespace reaches a server in the `hub`
 * namespace over a link the test can cut (`ip link set DEV down`) and restore.
 *
 * Network safety: nothing is created in the root namespace. The veth pair is
 * made inside `hub` with its peer moved straight into `leaf`; its /30 subnet
 * exists only there. Processes reach each other only from inside these
 * namespaces (hub loopback, or the veth), never from the root namespace
 * (a connection from the root namespace to such an address would be routed
 * off the machine).
 *
 * Needs root and a kernel that allows `ip netns add`; `probeNetns` says why not.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Teardown } from './processes.js';

const run = promisify(execFile);

export type NetnsSupport = { readonly available: true } | { readonly available: false; readonly reason: string };

export class NetnsError extends Error {
  override readonly name = 'NetnsError';
  readonly code = 'E_NETNS';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Runs `ip ARGS` (10 s at most); throws NetnsError with ip's stderr. */
export async function ip(args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('ip', [...args], { timeout: 10_000 });
    return stdout;
  } catch (cause) {
    const stderr = (cause as { stderr?: string }).stderr?.trim() ?? '';
    throw new NetnsError(`ip ${args.join(' ')} failed: ${stderr || (cause as Error).message}`, { cause });
  }
}

/** Whether this machine lets us make namespaces (root, iproute2, permission in this container). */
export async function probeNetns(): Promise<NetnsSupport> {
  if (process.platform !== 'linux') return { available: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { available: false, reason: 'network namespaces need root (ip netns add)' };
  const probe = `ps-probe-${randomBytes(3).toString('hex')}`;
  try {
    await ip(['netns', 'add', probe]);
  } catch (error) {
    return { available: false, reason: `ip netns add is not permitted here: ${(error as Error).message}` };
  }
  try {
    await ip(['-n', probe, 'link', 'set', 'lo', 'up']);
    return { available: true };
  } catch (error) {
    return { available: false, reason: `cannot configure a namespace here: ${(error as Error).message}` };
  } finally {
    await ip(['netns', 'del', probe]).catch(() => undefined);
  }
}

export async function namespacePids(ns: string): Promise<number[]> {
  const out = await ip(['netns', 'pids', ns]).catch(() => '');
  return out
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

/** Where `ip netns add` pins named namespaces (their mtime is their creation time). */
const NETNS_RUN_DIR = '/var/run/netns';

/**
 * Deletes namespaces named `<prefix>*` left by an earlier, crashed run. Only
 * empty ones older than `minAgeMs`: a run in progress (this machine may run
 * several test files at once) owns younger ones, or ones with processes.
 */
export async function removeStaleNamespaces(prefix: string, minAgeMs = 15 * 60_000): Promise<{ removed: string[]; busy: string[] }> {
  const listing = await ip(['netns', 'list']).catch(() => '');
  const names = listing
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.startsWith(prefix));
  const removed: string[] = [];
  const busy: string[] = [];
  for (const ns of names) {
    const created = await stat(join(NETNS_RUN_DIR, ns)).then((s) => s.mtimeMs, () => Date.now());
    if (Date.now() - created < minAgeMs || (await namespacePids(ns)).length > 0) {
      busy.push(ns);
      continue;
    }
    await ip(['netns', 'del', ns]).then(
      () => removed.push(ns),
      () => busy.push(ns),
    );
  }
  return { removed, busy };
}

export interface LinkedNamespaces {
  /** Namespace of the server side (its loopback serves local clients too). */
  readonly hub: string;
  /** Namespace of the remote client. */
  readonly leaf: string;
  /** Address of the hub end of the veth (what leaf processes connect to). */
  readonly hubAddress: string;
  readonly leafAddress: string;
  /** The leaf end of the veth, cut and restored in the leaf namespace. */
  readonly leafDevice: string;
  /** Takes the leaf's link down: packets between hub and leaf are dropped. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** SIGKILLs whatever still runs in the namespaces (only processes this test started), then deletes them. */
  destroy(): Promise<void>;
}

export interface LinkedNamespacesOptions {
  /** Names are `<prefix>hub-<rand>` and `<prefix>leaf-<rand>`. */
  readonly prefix: string;
  /** Third octet of the 10.231.X.0/30 link subnet. @default random */
  readonly subnet?: number;
}

async function killAll(ns: string): Promise<void> {
  for (const pid of await namespacePids(ns)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Creates hub and leaf, joined by a veth pair with a /30 in 10.231.X.0; destroyed in teardown. */
export async function createLinkedNamespaces(t: Teardown, options: LinkedNamespacesOptions): Promise<LinkedNamespaces> {
  const tag = randomBytes(3).toString('hex');
  const hub = `${options.prefix}hub-${tag}`;
  const leaf = `${options.prefix}leaf-${tag}`;
  const octet = options.subnet ?? randomBytes(1)[0];
  const hubAddress = `10.231.${octet}.1`;
  const leafAddress = `10.231.${octet}.2`;
  const hubDevice = 'ps-hub';
  const leafDevice = 'ps-leaf';
  let destroyed = false;
  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    destroyed = true;
    for (const ns of [leaf, hub]) {
      await killAll(ns);
      // The kernel frees the namespace (and the veth) once its last process is gone.
      for (let i = 0; i < 50 && (await namespacePids(ns)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      await ip(['netns', 'del', ns]).catch(() => undefined);
    }
  };
  t.teardown(destroy);
  await ip(['netns', 'add', hub]);
  await ip(['netns', 'add', leaf]);
  await ip(['-n', hub, 'link', 'set', 'lo', 'up']);
  await ip(['-n', leaf, 'link', 'set', 'lo', 'up']);
  // Made inside hub, peer moved straight into leaf: the root namespace never holds either end.
  await ip(['-n', hub, 'link', 'add', hubDevice, 'type', 'veth', 'peer', 'name', leafDevice, 'netns', leaf]);
  await ip(['-n', hub, 'addr', 'add', `${hubAddress}/30`, 'dev', hubDevice]);
  await ip(['-n', leaf, 'addr', 'add', `${leafAddress}/30`, 'dev', leafDevice]);
  await ip(['-n', hub, 'link', 'set', hubDevice, 'up']);
  await ip(['-n', leaf, 'link', 'set', leafDevice, 'up']);
  return {
    hub,
    leaf,
    hubAddress,
    leafAddress,
    leafDevice,
    cut: async () => void (await ip(['-n', leaf, 'link', 'set', leafDevice, 'down'])),
    restore: async () => void (await ip(['-n', leaf, 'link', 'set', leafDevice, 'up'])),
    destroy,
  };
}
