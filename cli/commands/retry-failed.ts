/**
 * `patternsweep retry-failed DIR --nats URL`: run the failed (and any missing)
 * shards of a stored sweep again on the cluster. The spec comes from the
 * store itself, so DIR is all it needs; runSweep re-enqueues every shard that
 * is not done and stores what comes back into the same DIR.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { ShardDispatcher } from '../../coordinator/dispatch.js';
import { createNatsDispatcher } from '../../coordinator/nats/create.js';
import { ResultStore } from '../../coordinator/store.js';
import { runSweep } from '../../coordinator/sweep-run.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { addNatsOptions, type NatsCliOptions } from '../nats-options.js';
import type { LogLevel } from '../options.js';
import { namespaceOf, natsConnectionInput } from './nats-input.js';

interface RetryCliOptions extends NatsCliOptions {
  readonly namespace?: string;
  readonly logLevel: LogLevel;
}

export const retryFailedCommand: CommandModule = {
  name: 'retry-failed',
  define(program: Command): Command {
    const command = program
      .command('retry-failed')
      .description('re-enqueue the failed shards of a stored sweep on the cluster and store their results')
      .argument('<dir>', 'output folder of a sweep (holds sweep.duckdb)')
      .addOption(new Option('--namespace <ns>', 'JetStream namespace (streams/buckets prefix)').env('PATTERNSWEEP_NATS_NAMESPACE'));
    return addNatsOptions(command, { required: true });
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const options = invocation.options as unknown as RetryCliOptions;
    const logger = createLogger(options.logLevel);
    const dir = invocation.args[0];
    let dispatcher: ShardDispatcher | undefined;
    let specDir: string | undefined;
    try {
      const store = await ResultStore.openExisting(dir);
      let specYaml: string;
      let failed: number;
      try {
        specYaml = (await store.meta()).spec_yaml ?? '';
        failed = (await store.failedShards()).length;
      } finally {
        await store.close();
      }
      if (failed === 0) {
        process.stdout.write(`no failed shards in ${dir}; nothing to retry\n`);
        return EXIT.ok;
      }
      specDir = await mkdtemp(join(tmpdir(), 'psweep-retry-'));
      const specPath = join(specDir, 'spec.yaml');
      await writeFile(specPath, specYaml);
      const { password, token } = natsConnectionInput(options);
      dispatcher = await createNatsDispatcher({ ...options, password, token, logger, namespace: namespaceOf(options), specText: specYaml });
      process.stdout.write(`retrying ${failed} failed shard(s) of ${dir} on the cluster\n`);
      const result = await runSweep({ specPath, outDir: dir, dispatcher, resume: true, progress: 'lines', logger });
      process.stdout.write(
        `done: ${result.shards.done}/${result.shards.total} shards stored, ${result.shards.failed} failed again\n`,
      );
      return result.shards.failed > 0 ? EXIT.shardsFailed : EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    } finally {
      await dispatcher?.close();
      if (specDir !== undefined) await rm(specDir, { recursive: true, force: true });
    }
  },
};
