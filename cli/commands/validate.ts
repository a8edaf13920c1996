/** `patternsweep validate SPEC`: check a spec and say how big the sweep is, without running it. */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { probeCost } from '../../worker/index.js';
import { loadSweep } from '../../coordinator/index.js';
import { formatIssue, formatPlan, formatRefinePlan, specWarnings } from '../../sweep/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import type { LogLevel } from '../options.js';
import { maxSpecBytesOption } from '../spec-options.js';

/** 0.0042 s, 3.1 s, 95 s, 12 min, 3.4 h. */
function seconds(s: number): string {
  if (s < 1) return `${Number(s.toPrecision(2))} s`;
  if (s < 120) return `${Number(s.toPrecision(2))} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export const validateCommand: CommandModule = {
  name: 'validate',
  define(program: Command): Command {
    return program
      .command('validate')
      .description('check a sweep spec and print its size (grid points, runs, shards) and its cost, calibrated by timing a few of its runs; writes nothing')
      .argument('<spec>', 'sweep spec (YAML)')
      .addOption(maxSpecBytesOption());
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const logger = createLogger(invocation.options.logLevel as LogLevel | undefined);
    try {
      // Reads and validates only: no output folder is touched.
      const { spec, specHash, plan } = await loadSweep(invocation.args[0], { maxSpecBytes: invocation.options.maxSpecBytes as number | undefined });
      const cores = availableParallelism();
      // The element-step count stays as a size; the time comes from the probe below.
      process.stdout.write(`spec ${invocation.args[0]} is valid\n${formatPlan(plan).replace(/^estimate: (.*?per run\)).*$/m, 'work: $1 (a size; the time comes from the probe)')}\n`);
      // Calibrated on this machine: a few runs of this spec, timed.
      const probe = await probeCost(plan, spec, specHash, spec.backend, { threads: cores, startupSeconds: performance.now() / 1000 });
      process.stdout.write(
        `timed probe: ${probe.probedRuns} runs of this spec took ${seconds(probe.probeSeconds)} ` +
          `(${seconds(probe.secondsPerRun)} per run on one thread)\n` +
          `estimate: about ${seconds(probe.wallSeconds)} with --threads ${probe.threads} on this machine ` +
          `(from the probe; within about 2x)\n` +
          (spec.refine === undefined ? '' : `${formatRefinePlan(spec)}\n`) +
          `backend: ${spec.backend}; spec hash ${specHash}\n` +
          `default output folder: results/${spec.name}\n`,
      );
      for (const warning of specWarnings(spec)) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    }
  },
};
