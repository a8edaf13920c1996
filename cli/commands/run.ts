/** `patternsweep run SPEC`: run (or resume) a sweep and store its results. */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { BACKEND_NAMES, type BackendName } from '../../model/backend.js';
import { LocalDispatcher, type ShardDispatcher } from '../../coordinator/dispatch.js';
import { PROGRESS_MODES, type ProgressMode } from '../../coordinator/progress.js';
import { headlineTable, HEADLINE_MAX_POINTS } from '../../coordinator/headline.js';
import { ResultStore } from '../../coordinator/store.js';
import { loadSweep, runSweep } from '../../coordinator/sweep-run.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { createLogger } from '../log.js';
import { addNatsOptions, type NatsCliOptions } from '../nats-options.js';
import { parseBindHost, parsePort, parseThreads, type LogLevel } from '../options.js';
import { HTTP_ENDPOINT_DEFAULTS } from '../../worker/nats/http-endpoint.js';
import { maxSpecBytesOption } from '../spec-options.js';
import { natsConnectionInput } from './nats-input.js';
import { reportCommandError } from '../errors.js';

export interface RunCliOptions extends NatsCliOptions {
  readonly out?: string;
  readonly threads?: number;
  readonly backend?: BackendName;
  readonly fresh?: boolean;
  readonly resume?: boolean;
  readonly progress: ProgressMode;
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  readonly maxSpecBytes?: number;
  readonly logLevel: LogLevel;
}

/**
 * The cluster transport (coordinator/nats/), imported only for `--nats` so a
 * local run never loads the NATS client. Workers get the spec as written.
 */
async function natsDispatcher(
  options: RunCliOptions,
  specPath: string,
  logger: ReturnType<typeof createLogger>,
): Promise<ShardDispatcher> {
  const { createNatsDispatcher } = await import('../../coordinator/nats/index.js');
  // Unreadable spec: runSweep reports it (SpecFileError) before anything is sent.
  const specText = await readFile(specPath, 'utf8').catch(() => undefined);
  // Secrets from --password-file / --token-file (and the warning for flags): cli/secrets.ts.
  const { password, token } = natsConnectionInput(options);
  return createNatsDispatcher({ ...options, password, token, logger, specText });
}

/** A small sweep ends with its headline numbers per grid point (coordinator/headline.ts). */
async function printHeadline(outDir: string, points: number): Promise<void> {
  if (points > HEADLINE_MAX_POINTS) return;
  const store = await ResultStore.openExisting(outDir);
  try {
    const table = await headlineTable(store.connection, store.layout, points);
    if (table !== null) {
      process.stdout.write(
        `\n${table}\n(medians over the runs that escaped / converged; 'censored' = runs that never did)\n\n`,
      );
    }
  } finally {
    await store.close();
  }
}

export const runCommand: CommandModule = {
  name: 'run',
  define(program: Command): Command {
    const command = program
      .command('run')
      .description('run a sweep (resumes automatically: rerun the same command to finish an interrupted sweep)')
      .argument('<spec>', 'sweep spec (YAML), see docs/spec.md')
      .option('--out <dir>', 'output folder (default: results/<spec name>)')
      .option('--threads <n>', 'worker threads (default: all cores)', parseThreads)
      .addOption(new Option('--backend <name>', 'model backend (default: the spec\'s, else auto)').choices(BACKEND_NAMES))
      .option('--fresh', 'delete the results already in the output folder and start over')
      .option('--resume', 'only resume: fail if the output folder holds no sweep yet')
      .addOption(
        new Option('--progress <mode>', 'progress display: bar on a TTY, plain lines otherwise')
          .choices(PROGRESS_MODES)
          .default('auto'),
      );
    command.addOption(
      new Option('--metrics-port <port>', 'with --nats: serve /metrics (Prometheus), /status (JSON) and /healthz on this port')
        .env('PATTERNSWEEP_METRICS_PORT')
        .argParser(parsePort),
    );
    command.addOption(
      new Option('--metrics-host <address>', `address the metrics endpoint binds (0.0.0.0: every interface, e.g. in a pod) (default ${HTTP_ENDPOINT_DEFAULTS.host})`)
        .env('PATTERNSWEEP_METRICS_HOST')
        .argParser(parseBindHost),
    );
    command.addOption(maxSpecBytesOption());
    addNatsOptions(command, { required: false });
    return command.addHelpText(
      'after',
      '\nExit codes: 0 all shards done, 3 some shards failed, 130/143 interrupted (rerun to resume), 1 error, 2 bad usage.',
    );
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const options = invocation.options as unknown as RunCliOptions;
    const logger = createLogger(options.logLevel);
    if (options.fresh === true && options.resume === true) {
      process.stderr.write('error: --fresh and --resume exclude each other (--fresh deletes what --resume would continue)\n');
      return EXIT.usage;
    }
    let dispatcher: ShardDispatcher | undefined;
    const controller = new AbortController();
    let stoppedBy: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stoppedBy !== undefined) {
        // A second signal: the user wants out now; the store's WAL keeps committed shards.
        process.stderr.write(`\n${signal} again: exiting without waiting\n`);
        process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
      }
      stoppedBy = signal;
      process.stderr.write(`\n${signal}: stopping; letting shards being stored finish...\n`);
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      // A bad spec is reported before connecting anywhere or touching a folder.
      await loadSweep(invocation.args[0], { maxSpecBytes: options.maxSpecBytes, backend: options.backend });
      dispatcher =
        options.nats !== undefined
          ? await natsDispatcher(options, invocation.args[0], logger)
          : new LocalDispatcher({ threads: options.threads });
      const result = await runSweep({
        specPath: invocation.args[0],
        outDir: options.out,
        dispatcher,
        fresh: options.fresh === true,
        resume: options.resume === true,
        backend: options.backend,
        maxSpecBytes: options.maxSpecBytes,
        progress: options.progress,
        signal: controller.signal,
        logger,
      });
      if (result.status === 'interrupted') {
        process.stdout.write(
          `interrupted: ${result.shards.done}/${result.shards.total} shards stored in ${result.outDir}; ` +
            'resume by running the same command\n',
        );
        return stoppedBy === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
      }
      await printHeadline(result.outDir, result.points);
      process.stdout.write(
        `done: ${result.runs} runs, ${result.shards.done}/${result.shards.total} shards stored, ` +
          `${result.shards.failed} failed; results in ${result.outDir} ` +
          `(sweep.duckdb, runs.parquet, summary.csv)\n`,
      );
      return result.shards.failed > 0 ? EXIT.shardsFailed : EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await dispatcher?.close();
    }
  },
};
