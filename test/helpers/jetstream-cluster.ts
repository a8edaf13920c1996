/**
 * A 3-node JetStream cluster on loopback for one test: three nats-server
 * processes, each with its own store dir and random free client, route and
 * monitoring ports, routed to each other (`cluster { routes }`). Every client
 * connects without credentials as the JetStream account APP (`no_auth_user`);
 * the system account SYS (user `sys`) exists only so a test can ask for a
 * meta-leader stepdown. A node can be SIGKILLed and started again on the same
 * ports and store, as a crashed pod would be.
 */
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil, spawnManaged, type ManagedProcess, type Teardown } from './processes.js';

export const SYS_USER = Object.freeze({ user: 'sys', pass: 'sys-only-for-tests' });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ClusterNode {
  readonly name: string;
  readonly clientPort: number;
  readonly routePort: number;
  readonly monitorPort: number;
  readonly config: string;
  process: ManagedProcess;
  /** Processes of this node so far (restarts add one). */
  readonly generations: ManagedProcess[];
}

/** What /jsz says about the meta group. */
export interface MetaState {
  readonly leader: string | undefined;
  readonly size: number;
}

export class JetStreamCluster {
  readonly nodes: ClusterNode[];
  readonly #t: Teardown;
  readonly #startTimeoutMs: number;

  private constructor(t: Teardown, nodes: ClusterNode[], startTimeoutMs: number) {
    this.#t = t;
    this.nodes = nodes;
    this.#startTimeoutMs = startTimeoutMs;
  }

  /** Writes the three configs and starts the nodes; resolves once the meta group has a leader. */
  static async start(t: Teardown, dir: string, { startTimeoutMs = 30_000 }: { startTimeoutMs?: number } = {}): Promise<JetStreamCluster> {
    const names = ['n1', 'n2', 'n3'];
    const ports = await Promise.all(names.map(async () => ({ client: await freePort(), route: await freePort(), monitor: await freePort() })));
    const nodes: ClusterNode[] = names.map((name, i) => {
      const store = join(dir, name);
      mkdirSync(store, { recursive: true });
      const routes = ports.filter((_, j) => j !== i).map((p) => `nats://127.0.0.1:${p.route}`);
      const config = join(dir, `${name}.conf`);
      writeFileSync(
        config,
        [
          `server_name: ${name}`,
          `listen: 127.0.0.1:${ports[i].client}`,
          `http: 127.0.0.1:${ports[i].monitor}`,
          `jetstream { store_dir: ${JSON.stringify(store)} }`,
          `cluster { name: psweep-ha, listen: 127.0.0.1:${ports[i].route}, routes: [${routes.join(', ')}] }`,
          'accounts {',
          '  APP { jetstream: enabled, users: [{ user: app, password: app-only-for-tests }] }',
          `  SYS { users: [{ user: ${SYS_USER.user}, password: ${SYS_USER.pass} }] }`,
          '}',
          'system_account: SYS',
          'no_auth_user: app',
          '',
        ].join('\n'),
      );
      return {
        name,
        clientPort: ports[i].client,
        routePort: ports[i].route,
        monitorPort: ports[i].monitor,
        config,
        process: undefined as unknown as ManagedProcess,
        generations: [],
      };
    });
    const cluster = new JetStreamCluster(t, nodes, startTimeoutMs);
    for (const node of nodes) cluster.#spawn(node);
    await Promise.all(nodes.map((n) => n.process.waitForLine(/Server is ready/, startTimeoutMs, `${n.name} ready`)));
    await cluster.waitForMetaLeader();
    return cluster;
  }

  #spawn(node: ClusterNode): void {
    node.process = spawnManaged(this.#t, {
      name: `${node.name}#${node.generations.length + 1}`,
      command: 'nats-server',
      args: ['-c', node.config],
    });
    node.generations.push(node.process);
  }

  /** Every client URL, starting at node `first` (so clients spread over the nodes). */
  urls(first = 0): string {
    return [0, 1, 2].map((k) => `nats://127.0.0.1:${this.nodes[(first + k) % 3].clientPort}`).join(',');
  }

  /** The meta group as one running node sees it. */
  async meta(node: ClusterNode): Promise<MetaState | undefined> {
    try {
      const response = await fetch(`http://127.0.0.1:${node.monitorPort}/jsz`);
      const body = (await response.json()) as { meta_cluster?: { leader?: string; cluster_size?: number } };
      return { leader: body.meta_cluster?.leader || undefined, size: body.meta_cluster?.cluster_size ?? 0 };
    } catch {
      return undefined;
    }
  }

  /** The meta leader's name once the running nodes agree on one (other than `not`). */
  async waitForMetaLeader(not?: string, timeoutMs = this.#startTimeoutMs): Promise<string> {
    return pollUntil(
      async () => {
        const running = this.nodes.filter((n) => n.process.running);
        const views = await Promise.all(running.map((n) => this.meta(n)));
        const leaders = new Set(views.map((v) => v?.leader));
        const [leader] = [...leaders];
        return leaders.size === 1 && leader !== undefined && leader !== not ? leader : undefined;
      },
      timeoutMs,
      `a meta leader${not === undefined ? '' : ` other than ${not}`} agreed by the running nodes`,
      100,
    );
  }

  node(name: string): ClusterNode {
    const node = this.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`no node ${name}`);
    return node;
  }

  async kill(node: ClusterNode): Promise<void> {
    await node.process.stop('SIGKILL', 5000);
  }

  /** Starts a stopped node again on its ports and store; resolves once it is ready. */
  async restart(node: ClusterNode): Promise<void> {
    this.#spawn(node);
    await node.process.waitForLine(/Server is ready/, this.#startTimeoutMs, `${node.name} ready again`);
  }

  /** Stops every node (teardown does it too, with SIGKILL). */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.process.stop('SIGTERM', 10_000)));
  }
}
