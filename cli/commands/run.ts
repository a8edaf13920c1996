/** `patternsweep run SPEC`: run (or resume) a sweep and store its results. */
import { Option, type Command } from 'commander';
import { PatternsweepError } from '../../errors/index.js';
import { BACKEND_NAMES, type BackendName } from '../../model/backend.js';
import {
  headlineTable,
  HEADLINE_MAX_POINTS,
  loadSweep,
  PROGRESS_MODES,
  ResultStore,
  runAnySweep,
  runSweep,
  type RefineRunResult,
  type LoadedSweep,
  type ProgressMode,
  type SweepRunResult,
} from '../../coordinator/index.js';
import { DEFAULT_UI_PORT } from '../../coordinator/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { runLocalSweep } from '../local.js';
import { createLogger } from '../log.js';
import { addNatsOptions, type NatsCliOptions } from '../nats-options.js';
import { parseBindHost, parsePort, parseThreads, type LogLevel } from '../options.js';
import { HTTP_ENDPOINT_DEFAULTS } from '../../queue/index.js';
import { maxSpecBytesOption } from '../spec-options.js';
import { reportCommandError } from '../errors.js';
import { dashboardHook, type RunDashboardCliOptions } from './run-dashboard.js';
import { natsConnectionInput } from './nats-input.js';

export interface RunCliOptions extends NatsCliOptions, RunDashboardCliOptions {
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

type SweepCall = Omit<Parameters<typeof runSweep>[0], 'queues'>;

/** A spec that cluster mode cannot run yet: refused before connecting anywhere or touching a folder. */
export class ClusterModeError extends PatternsweepError {
  override readonly name = 'ClusterModeError';
  constructor(message: string) {
    super('CLUSTER_MODE', message, { userFacing: true });
  }
}

/**
 * The cluster transport (coordinator/nats/), imported only for `--nats` so a
 * local run never loads the NATS client.
 */
async function runClusterSweep(
  options: RunCliOptions,
  sweep: SweepCall,
  logger: ReturnType<typeof createLogger>,
): Promise<SweepRunResult | RefineRunResult> {
  if (typeof sweep.sweep !== 'string' && sweep.sweep.spec.keep.runs === false) {
    // The JetStream result message has no field for point aggregates yet (proto/index.ts ShardResultMessage.points).
    throw new ClusterModeError('keep.runs: false runs in local mode only for now; drop --nats, or keep runs (remove keep.runs)');
  }
  const { openClusterTransport } = await import('../../coordinator/nats/index.js');
  const transport = await openClusterTransport({ ...natsConnectionInput(options), logger, metricsPort: options.metricsPort, metricsHost: options.metricsHost });
  try {
    // A spec with `refine:` runs level by level over the same transport (coordinator/refine-run.ts).
    return await runAnySweep({
      ...sweep,
      queues: transport.queues,
      observer: transport.observer,
      onStart: transport.onStart,
      maxInFlight: transport.maxInFlight,
    });
  } finally {
    await transport.close();
  }
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
    command
      .option('--ui [port]', `serve the live dashboard on 127.0.0.1 (default port ${DEFAULT_UI_PORT}; 0 = any free port); goes after the spec, as it takes an optional port`, parsePort)
      .option('--ui-host <host>', 'interface for --ui, e.g. 0.0.0.0 to open it to the network (default 127.0.0.1)');
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
      // Read, validated and planned once; a bad spec is reported before
      // connecting anywhere or touching a folder.
      const sweep: LoadedSweep = await loadSweep(invocation.args[0], { maxSpecBytes: options.maxSpecBytes, backend: options.backend });
      const call: SweepCall = {
        sweep,
        outDir: options.out,
        fresh: options.fresh === true,
        resume: options.resume === true,
        backend: options.backend,
        maxSpecBytes: options.maxSpecBytes,
        progress: options.progress,
        signal: controller.signal,
        logger,
        onStoreOpen: dashboardHook(options, logger),
      };
      const result =
        options.nats !== undefined ? await runClusterSweep(options, call, logger) : await runLocalSweep({ ...call, threads: options.threads });
      if (result.status === 'interrupted') {
        process.stdout.write(
          `interrupted: ${result.shards.done}/${result.shards.total} shards stored in ${result.outDir}; ` +
            'resume by running the same command\n',
        );
        return stoppedBy === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
      }
      if ('levels' in result) {
        for (const l of (result as RefineRunResult).levels) {
          process.stdout.write(
            `level ${l.level}: ${l.points} new points, ${l.runs} runs` +
              (l.level === 0 ? `, ${l.cells} cells\n` : `; ${l.split} of ${l.flagged} disagreeing cells split into ${l.cells}\n`),
          );
        }
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
    }
  },
};
