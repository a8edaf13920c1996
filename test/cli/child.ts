/**
 * Runs the CLI from source in a child process (`node --import tsx cli/main.ts`)
 * and lets a test wait on its output instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

export interface CliChild {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr+stdout as it arrives (rejects if the child exits first). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Exit code, or 128 + signal number when killed. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(
  t: { teardown(fn: () => unknown): void },
  args: string[],
  env: NodeJS.ProcessEnv = {},
  entry: readonly string[] = [MAIN],
): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: '1', PATTERNSWEEP_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve(m: RegExpMatchArray): void; reject(e: Error): void }[] = [];
  const check = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const m = (err + out).match(waiters[i].pattern);
      if (m !== null) {
        waiters[i].resolve(m);
        waiters.splice(i, 1);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    err += s;
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) {
        w.reject(new Error(`child exited (code ${code}, signal ${signal}) before ${w.pattern}; stderr:\n${err}\nstdout:\n${out}`));
      }
      resolve({ code, signal });
    });
  });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exited;
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const m = (err + out).match(pattern);
        if (m !== null) resolve(m);
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`child already exited before ${pattern}`));
        else waiters.push({ pattern, resolve, reject });
      }),
    exited,
  };
}
