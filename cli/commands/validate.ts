/** `patternsweep validate SPEC`: check a spec and say how big the sweep is, without running it. */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { loadSweep } from '../../coordinator/sweep-run.js';
import { estimateWork, formatPlan } from '../../sweep/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import type { LogLevel } from '../options.js';
import { maxSpecBytesOption } from '../spec-options.js';

export const validateCommand: CommandModule = {
  name: 'validate',
  define(program: Command): Command {
    return program
      .command('validate')
      .description('check a sweep spec and print its size (grid points, runs, shards) and a rough cost, without running it')
      .argument('<spec>', 'sweep spec (YAML)')
      .addOption(maxSpecBytesOption());
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const logger = createLogger(invocation.options.logLevel as LogLevel | undefined);
    try {
      // Reads and validates only: no output folder is touched.
      const { spec, specHash, plan } = await loadSweep(invocation.args[0], { maxSpecBytes: invocation.options.maxSpecBytes as number | undefined });
      const work = estimateWork(plan);
      const cores = availableParallelism();
      process.stdout.write(
        `spec ${invocation.args[0]} is valid\n` +
          `${formatPlan(plan)}\n` +
          `about ${Math.max(1, Math.round(work.seconds / cores))} s on this machine's ${cores} cores (rough)\n` +
          `backend: ${spec.backend}; spec hash ${specHash}\n` +
          `default output folder: results/${spec.name}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    }
  },
};
