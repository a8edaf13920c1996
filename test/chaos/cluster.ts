/**
 * The processes of a chaos run and the faults done to them: one nats-server
 * (file storage, fixed port and store dir, so a restart finds its streams),
 * one `patternsweep run --nats` coordinator and N `patternsweep worker`
 * processes, each a real child process. With network namespaces, everything
 * runs in the `hub` namespace on its loopback, except "remote" workers, which
 * run in the `leaf` namespace and reach the broker over the veth pair.
 *
 * Progress comes from the coordinator's `progress: X/N shards` lines (one per
 * stored shard with PATTERNSWEEP_PROGRESS_INTERVAL_MS=0); every wait has a
 * deadline.
 */
import type { LinkedNamespaces } from '../helpers/netns.js';
import { cliCommand, fixtureWorkerCommand, pollUntil, ProcessWaitError, spawnManaged, type KernelChoice, type ManagedProcess, type Teardown } from '../helpers/processes.js';

export interface WorkerSpec {
  readonly name: string;
  /** Runs in the leaf namespace (needs netns). */
  readonly remote: boolean;
  /** A fixture kernel (test/fixtures/kernels/) around the real runner. @default none */
  readonly kernel?: KernelChoice;
}

export interface ChaosClusterOptions {
  readonly specPath: string;
  readonly outDir: string;
  /** nats-server -sd. */
  readonly brokerStoreDir: string;
  readonly port: number;
  readonly netns: LinkedNamespaces | null;
  readonly ackWaitMs: number;
  readonly maxInFlight: number;
  readonly maxDeliver: number;
  readonly workers: readonly WorkerSpec[];
  /** How long one process gets to start (node + tsx on a loaded box). */
  readonly startTimeoutMs: number;
}

const PROGRESS = /^progress: (\d+)\/(\d+) shards/;
const RESUMED = /^sweep: \d+ runs in (\d+) shards; (\d+) already stored/;

export class ChaosCluster {
  readonly #t: Teardown;
  readonly o: ChaosClusterOptions;
  broker: ManagedProcess | null = null;
  coordinator: ManagedProcess | null = null;
  readonly coordinators: ManagedProcess[] = [];
  /** Current process of each worker name. */
  readonly workers = new Map<string, ManagedProcess>();
  /** Every worker process ever started (all generations), for the ledger. */
  readonly workerProcesses: ManagedProcess[] = [];
  readonly brokers: ManagedProcess[] = [];
  /** Shards stored, as the current coordinator last said. */
  stored = 0;
  /** Coordinators we killed on purpose (their exit is expected). */
  readonly #killed = new Set<ManagedProcess>();
  #generation = new Map<string, number>();

  constructor(t: Teardown, options: ChaosClusterOptions) {
    this.#t = t;
    this.o = options;
  }

  /** Where hub-side processes connect. */
  get localUrl(): string {
    return `nats://127.0.0.1:${this.o.port}`;
  }

  /** Where leaf-side (remote) workers connect. */
  get remoteUrl(): string {
    if (this.o.netns === null) throw new ProcessWaitError('remote workers need network namespaces');
    return `nats://${this.o.netns.hubAddress}:${this.o.port}`;
  }

  get #clusterEnv(): NodeJS.ProcessEnv {
    return {
      CI: '1',
      PATTERNSWEEP_NATS_ACK_WAIT_MS: String(this.o.ackWaitMs),
      PATTERNSWEEP_NATS_MAX_DELIVER: String(this.o.maxDeliver),
    };
  }

  async startBroker(): Promise<ManagedProcess> {
    const n = this.brokers.length + 1;
    const broker = spawnManaged(this.#t, {
      name: `nats-server#${n}`,
      command: 'nats-server',
      // In the hub namespace 0.0.0.0 means its loopback and its veth end only.
      args: ['-a', this.o.netns === null ? '127.0.0.1' : '0.0.0.0', '-p', String(this.o.port), '-js', '-sd', this.o.brokerStoreDir],
      netns: this.o.netns?.hub,
    });
    this.brokers.push(broker);
    this.broker = broker;
    await broker.waitForLine(/Server is ready/, this.o.startTimeoutMs, 'Server is ready');
    return broker;
  }

  /** Stops the broker with `signal` (escalating to SIGKILL after 10 s) and starts it again on the same port and store. */
  async restartBroker(signal: NodeJS.Signals): Promise<{ downAt: number; upAt: number }> {
    const old = this.broker!;
    const downAt = Date.now();
    await old.stop(signal, 10_000);
    await this.startBroker();
    return { downAt, upAt: Date.now() };
  }

  startCoordinator(resume: boolean): ManagedProcess {
    const n = this.coordinators.length + 1;
    const { command, args } = cliCommand([
      'run',
      this.o.specPath,
      '--out',
      this.o.outDir,
      '--nats',
      this.localUrl,
      '--progress',
      'lines',
      ...(resume ? ['--resume'] : []),
    ]);
    const coordinator = spawnManaged(this.#t, {
      name: `coordinator#${n}`,
      command,
      args,
      netns: this.o.netns?.hub,
      env: {
        ...this.#clusterEnv,
        PATTERNSWEEP_LOG_LEVEL: 'info',
        PATTERNSWEEP_PROGRESS_INTERVAL_MS: '0',
        PATTERNSWEEP_NATS_MAX_IN_FLIGHT: String(this.o.maxInFlight),
      },
    });
    coordinator.onLine((line) => {
      if (this.coordinator !== coordinator) return;
      const m = PROGRESS.exec(line) ?? RESUMED.exec(line);
      if (m === null) return;
      this.stored = Number(PROGRESS.test(line) ? m[1] : m[2]);
    });
    this.coordinators.push(coordinator);
    this.coordinator = coordinator;
    return coordinator;
  }

  /** Waits for a coordinator's `sweep: ... already stored` line; returns the stored count it started from. */
  async coordinatorStarted(coordinator: ManagedProcess): Promise<number> {
    const line = await coordinator.waitForLine(RESUMED, this.o.startTimeoutMs, 'sweep: ... already stored');
    return Number(RESUMED.exec(line)![2]);
  }

  async killCoordinator(): Promise<{ storedBefore: number }> {
    const c = this.coordinator!;
    this.#killed.add(c);
    const storedBefore = this.stored;
    await c.stop('SIGKILL', 5000);
    return { storedBefore };
  }

  startWorker(name: string): ManagedProcess {
    const spec = this.o.workers.find((w) => w.name === name);
    if (spec === undefined) throw new ProcessWaitError(`no worker named ${name}; known: ${this.o.workers.map((w) => w.name).join(', ')}`);
    const generation = (this.#generation.get(name) ?? 0) + 1;
    this.#generation.set(name, generation);
    const workerArgs = ['--nats', spec.remote ? this.remoteUrl : this.localUrl, '--threads', '1', '--worker-id', `${name}-g${generation}`];
    const { command, args } = spec.kernel === undefined ? cliCommand(['worker', ...workerArgs]) : fixtureWorkerCommand([spec.kernel], workerArgs);
    const worker = spawnManaged(this.#t, {
      name: `${name}#${generation}`,
      command,
      args,
      netns: spec.remote ? this.o.netns!.leaf : this.o.netns?.hub,
      env: { ...this.#clusterEnv, PATTERNSWEEP_LOG_LEVEL: 'debug' },
    });
    this.workers.set(name, worker);
    this.workerProcesses.push(worker);
    return worker;
  }

  async workerReady(worker: ManagedProcess): Promise<void> {
    await worker.waitForLine(/"msg":"worker ready"/, this.o.startTimeoutMs, 'worker ready');
  }

  async killWorker(name: string): Promise<ManagedProcess> {
    const w = this.workers.get(name)!;
    await w.stop('SIGKILL', 5000);
    return w;
  }

  /** Resolves once the store holds >= `shards`; rejects on the deadline or if the coordinator dies unasked. */
  async waitStored(shards: number, timeoutMs: number): Promise<number> {
    return pollUntil(
      () => {
        const c = this.coordinator;
        if (c !== null && !c.running && !this.#killed.has(c) && this.stored < shards) {
          throw new ProcessWaitError(`${c.name} exited (${JSON.stringify(c.exitInfo)}) at ${this.stored} stored; last lines:\n${c.lines().filter((l) => !l.startsWith('progress:')).slice(-6).join('\n')}`);
        }
        return this.stored >= shards ? this.stored : undefined;
      },
      timeoutMs,
      () => `store holding ${shards} shards (it holds ${this.stored})`,
      50,
    );
  }
}
