/**
 * Child processes for multi-process tests (chaos, cluster): spawn a command,
 * optionally inside a network namespace (`ip netns exec NS ...`, which execs,
 * so the pid is the command's own), collect its output line by line, wait on
 * lines with a deadline, and kill it by pid. Every process is killed with
 * SIGKILL in `t.teardown` if it is still running, also when the test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

export interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  /** Shown in errors and logs, e.g. `worker-2#3`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Added to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** @default REPO_ROOT */
  readonly cwd?: string;
  /** Run inside this network namespace (needs root). */
  readonly netns?: string;
  /** Lines kept; older ones are dropped (listeners still see every line). @default 200000 */
  readonly maxLines?: number;
}

export type LineMatcher = RegExp | ((line: string) => boolean);

export class ProcessWaitError extends Error {
  override readonly name = 'ProcessWaitError';
  readonly code = 'E_PROCESS_WAIT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function matches(matcher: LineMatcher, line: string): boolean {
  return typeof matcher === 'function' ? matcher(line) : matcher.test(line);
}

export class ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly startedAt = Date.now();
  /** Resolves when the process has exited and its pipes are closed. */
  readonly exited: Promise<ExitInfo>;
  readonly #lines: string[] = [];
  readonly #maxLines: number;
  readonly #listeners = new Set<(line: string) => void>();
  #exit: ExitInfo | null = null;

  constructor(options: SpawnOptions) {
    this.name = options.name;
    this.#maxLines = options.maxLines ?? 200_000;
    const [command, args] =
      options.netns === undefined
        ? [options.command, [...options.args]]
        : ['ip', ['netns', 'exec', options.netns, options.command, ...options.args]];
    this.child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (this.child.pid === undefined) throw new ProcessWaitError(`${this.name}: could not spawn ${command}`);
    this.pid = this.child.pid;
    this.#collect(this.child.stdout!);
    this.#collect(this.child.stderr!);
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
      // A spawn error (ENOENT) emits 'error' and maybe no 'close'.
      this.child.once('error', () => {
        if (this.child.exitCode === null && this.child.signalCode === null && this.#exit === null) {
          this.#exit = { code: -1, signal: null };
          resolve(this.#exit);
        }
      });
    });
  }

  #collect(stream: NodeJS.ReadableStream): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) this.#push(line);
    });
    stream.on('end', () => {
      if (partial !== '') this.#push(partial);
      partial = '';
    });
  }

  #push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#maxLines) this.#lines.splice(0, this.#lines.length - this.#maxLines);
    for (const listener of this.#listeners) listener(line);
  }

  get running(): boolean {
    return this.#exit === null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get exitInfo(): ExitInfo | null {
    return this.#exit;
  }

  lines(): readonly string[] {
    return this.#lines;
  }

  tail(n = 30): string {
    return this.#lines.slice(-n).join('\n');
  }

  /** Calls `listener` for every later line; returns the unsubscribe function. */
  onLine(listener: (line: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The first line (already seen, unless `onlyNew`, or arriving later) that
   * matches; rejects after `timeoutMs` or when the process exits first.
   */
  waitForLine(matcher: LineMatcher, timeoutMs: number, what = String(matcher), onlyNew = false): Promise<string> {
    if (!onlyNew) {
      const seen = this.#lines.find((l) => matches(matcher, l));
      if (seen !== undefined) return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      let off = (): void => undefined;
      const finish = (error: Error | null, line?: string): void => {
        clearTimeout(timer);
        off();
        if (error !== null) reject(error);
        else resolve(line!);
      };
      const timer = setTimeout(
        () => finish(new ProcessWaitError(`${this.name}: no line matching ${what} within ${timeoutMs} ms; last lines:\n${this.tail()}`)),
        timeoutMs,
      );
      off = this.onLine((line) => {
        if (matches(matcher, line)) finish(null, line);
      });
      void this.exited.then((exit) => {
        finish(
          new ProcessWaitError(
            `${this.name}: exited (code ${exit.code}, signal ${exit.signal}) before a line matching ${what}; last lines:\n${this.tail()}`,
          ),
        );
      });
    });
  }

  /** Sends `signal` (by pid) and waits for the exit; escalates to SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<ExitInfo> {
    if (this.running) {
      try {
        process.kill(this.pid, signal);
      } catch {
        // Already gone (ESRCH): exited resolves shortly.
      }
      let timer: NodeJS.Timeout | undefined;
      const escalated = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (this.running) {
            try {
              process.kill(this.pid, 'SIGKILL');
            } catch {
              // gone
            }
          }
          resolve();
        }, graceMs);
      });
      await Promise.race([this.exited, escalated]);
      clearTimeout(timer);
    }
    return this.exited;
  }
}

/** Spawns a process that is SIGKILLed in teardown if still running. */
export function spawnManaged(t: Teardown, options: SpawnOptions): ManagedProcess {
  const p = new ManagedProcess(options);
  t.teardown(() => p.stop('SIGKILL', 5000));
  return p;
}

export const FIXTURE_WORKER_ENTRY = fileURLToPath(new URL('../fixtures/worker-entry.ts', import.meta.url));

/** A fixture kernel for a worker process (test/fixtures/kernels/NAME.ts and its options). */
export interface KernelChoice {
  readonly name: 'ok' | 'delay' | 'throws' | 'unrecoverable' | 'flaky' | 'hangs';
  readonly options?: Record<string, unknown>;
}

/** The entry's kernel flags for some kernels (applied in order). */
export function kernelArgs(kernels: readonly KernelChoice[]): string[] {
  return kernels.flatMap((k) => ['--kernel', k.name, '--kernel-options', JSON.stringify(k.options ?? {})]);
}

/** `patternsweep worker ARGS` from source with fixture kernels (test/fixtures/worker-entry.ts). */
export function fixtureWorkerCommand(kernels: readonly KernelChoice[], workerArgs: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', 'tsx', FIXTURE_WORKER_ENTRY, ...kernelArgs(kernels), 'worker', ...workerArgs] };
}

/** `node --import tsx cli/main.ts ARGS`: the patternsweep CLI from source. */
export function cliCommand(args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', 'tsx', CLI_MAIN, ...args] };
}

/**
 * Polls `check` every `everyMs` until it returns a value other than
 * undefined; rejects after `timeoutMs` (`what` may be a function, to describe
 * the state at that moment).
 */
export async function pollUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string | (() => string),
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new ProcessWaitError(`${typeof what === 'string' ? what : what()}: not reached within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
