/**
 * A private nats-server (JetStream on) for one test file:
 *   nats-server -a 127.0.0.1 -p -1 -js -sd <tmp> --ports_file_dir <tmp>
 * The port comes from the ports file the server writes; teardown stops it with
 * SIGINT and removes its store. `extraArgs` adds e.g. `--user`/`--pass`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly process: ChildProcess;
  /** Output so far (for assertions on failures). */
  output(): string;
  stop(): Promise<void>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function startNatsServer(t: Teardown, extraArgs: string[] = [], timeoutMs = 15_000): Promise<NatsServerHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'psweep-nats-'));
  const child = spawn(
    'nats-server',
    ['-a', '127.0.0.1', '-p', '-1', '-js', '-sd', join(dir, 'js'), '--ports_file_dir', dir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  t.teardown(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const deadline = Date.now() + timeoutMs;
  let port = 0;
  while (port === 0) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`nats-server wrote no ports file in ${timeoutMs} ms: ${output}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.ports'));
    if (file !== undefined) {
      const ports = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nats?: string[] };
      const url = ports.nats?.[0];
      if (url !== undefined) port = Number(new URL(url).port);
    }
    if (port === 0) await new Promise((r) => setTimeout(r, 25));
  }
  // The ports file is written once the listener is up; JetStream is ready by then too.
  return { url: `nats://127.0.0.1:${port}`, port, dir, process: child, output: () => output, stop };
}

/** A random namespace (streams, consumers, buckets) so tests never share JetStream objects. */
export function uniqueNamespace(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}
