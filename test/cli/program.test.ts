/** Command-line parsing and validation, without running anything; one check per error message. */
import t from 'tap';
import { CommandLineError, parseCommandLine } from '../../cli/program.js';

t.test('run: options parsed and typed', async (t) => {
  const inv = parseCommandLine(['run', 'examples/default.yaml', '--out', 'r/x', '--threads', '3', '--backend', 'js', '--fresh']);
  t.equal(inv.command, 'run');
  t.same(inv.args, ['examples/default.yaml']);
  t.equal(inv.options.out, 'r/x');
  t.equal(inv.options.threads, 3);
  t.equal(inv.options.backend, 'js');
  t.equal(inv.options.fresh, true);
  t.equal(inv.options.progress, 'auto');
  t.equal(inv.options.logLevel, 'warn');
});

t.test('global --log-level and run --nats', async (t) => {
  const inv = parseCommandLine(['--log-level', 'debug', 'run', 's.yaml', '--nats', 'nats://127.0.0.1:4222', '--creds', 'x.creds']);
  t.equal(inv.options.logLevel, 'debug');
  t.equal(inv.options.nats, 'nats://127.0.0.1:4222');
  t.equal(inv.options.creds, 'x.creds');
});

t.test('validate and summary', async (t) => {
  t.same(parseCommandLine(['validate', 'a.yaml']), { command: 'validate', args: ['a.yaml'], options: { logLevel: 'warn' } });
  const s = parseCommandLine(['summary', 'results/x', '--by', 'beta,algorithm.rule', '--format', 'csv']);
  t.same(s.options.by, ['beta', 'algorithm.rule']);
  t.equal(s.options.format, 'csv');
});

const BAD: [string[], string, RegExp][] = [
  [['run', 's.yaml', '--threads', '0'], 'commander.invalidArgument', /--threads <n>.*'0' is invalid.*integer in \[1, 1024\]/],
  [['run', 's.yaml', '--threads', 'many'], 'commander.invalidArgument', /'many' is invalid/],
  [['run', 's.yaml', '--backend', 'gpu'], 'commander.invalidArgument', /'gpu' is invalid.*js, tfjs, wasm, auto/],
  [['run', 's.yaml', '--thread', '2'], 'commander.unknownOption', /unknown option '--thread'[\s\S]*Did you mean --threads/],
  [['run'], 'commander.missingArgument', /missing required argument 'spec'/],
  [['run', 's.yaml', '--nats', 'localhost'], 'commander.invalidArgument', /'localhost' is not a NATS server URL/],
  [['run', 's.yaml', '--progress', 'fancy'], 'commander.invalidArgument', /auto, bar, lines, none/],
  [['summary', 'dir', '--by', ','], 'commander.invalidArgument', /comma-separated list of axis names/],
  [['summary', 'dir', '--by', 'be ta'], 'commander.invalidArgument', /'be ta' is not an axis name/],
  [['--log-level', 'loud', 'validate', 'a.yaml'], 'commander.invalidArgument', /fatal, error, warn, info, debug, trace, silent/],
  [['frobnicate'], 'commander.unknownCommand', /unknown command 'frobnicate'/],
  [[], 'patternsweep.missingCommand', /missing command; expected one of run, validate, summary/],
];

t.test('bad command lines give clear errors', async (t) => {
  for (const [argv, code, message] of BAD) {
    const label = `${argv.join(' ') || '(nothing)'} -> ${code}`;
    let caught: unknown;
    try {
      parseCommandLine(argv);
    } catch (error) {
      caught = error;
    }
    t.ok(caught instanceof CommandLineError, `${label}: throws CommandLineError`);
    const e = caught as CommandLineError;
    t.equal(e?.code, code, `${label}: code`);
    t.match(e?.message, message, `${label}: message`);
  }
});
