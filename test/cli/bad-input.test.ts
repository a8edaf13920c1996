/**
 * The bad-input corpus (issue 13 item 11), run through the built CLI
 * (`node dist/cli/main.js`, so `npm run build` first) the way a user meets
 * it: every bad spec and every bad command line must
 *   - exit with the expected code (1 for a bad spec or a failure, 2 for a bad
 *     command line),
 *   - name the field, flag or file at fault in its message,
 *   - print no stack trace (no `    at f (file:1:2)` line, no JSON `"stack"`),
 *   - leave the output folder untouched: each case runs in its own empty
 *     working directory with a sentinel `--out` folder, and both read the
 *     same afterwards (no `results/` appears, the sentinel is unchanged).
 * Cases run two at a time (the machine has two cores).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const GOOD = `name: ok
seed: 1
model:
  patterns: 3
  successRate: [0.9, 0.6, 0.1]
algorithm: {rule: euler, stepSize: 0.1}
horizon: {tMax: 5}
`;
const GOOD_NO_ALGO = GOOD.replace('algorithm: {rule: euler, stepSize: 0.1}\n', '');

/** A bad spec: its bytes, and what the message must name. */
interface SpecCase {
  readonly what: string;
  readonly content: string | Uint8Array;
  readonly names: RegExp;
  /** Extra arguments after the spec. */
  readonly args?: readonly string[];
}

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));
const utf16le = (s: string): number[] => [...Buffer.from(s, 'utf16le')];

const SPECS: SpecCase[] = [
  // The file itself.
  { what: 'empty file', content: '', names: /spec\.yaml: .*is not a mapping of spec fields/ },
  { what: 'only a comment', content: '# nothing here\n', names: /is not a mapping of spec fields/ },
  { what: 'a scalar document', content: 'hello\n', names: /"hello" is not a mapping of spec fields/ },
  { what: 'a list document', content: '- 1\n- 2\n', names: /is not a mapping of spec fields/ },
  { what: 'two YAML documents', content: `${GOOD}---\n${GOOD}`, names: /spec\.yaml:\d+:1: a second YAML document starts here \(---\)/ },
  { what: 'deep flow nesting', content: `name: ok\nx: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, names: /nested more than 32 levels deep/ },
  { what: 'deep block nesting', content: `name: ok\nx:\n${'- '.repeat(3000)}1\n`, names: /nested more than 32 levels deep/ },
  { what: 'over the size limit', content: `${GOOD}# ${'x'.repeat(2 * 1024 * 1024)}\n`, names: /is 2 MiB|over the 1 MiB limit for spec files; raise it with --max-spec-bytes/ },
  { what: 'over a lowered size limit', content: GOOD, names: /over the 64 bytes limit .* --max-spec-bytes/, args: ['--max-spec-bytes', '64'] },
  { what: 'UTF-16 LE with BOM', content: bytes([0xff, 0xfe], utf16le(GOOD)), names: /is UTF-16 LE text .*save it as UTF-8/ },
  { what: 'UTF-16 BE with BOM', content: bytes([0xfe, 0xff], [...Buffer.from(GOOD, 'utf16le')].map((_, i, a) => a[i ^ 1])), names: /is UTF-16 BE text/ },
  { what: 'UTF-16 without BOM', content: bytes(utf16le(GOOD)), names: /looks like UTF-16 text/ },
  { what: 'UTF-32 LE with BOM', content: bytes([0xff, 0xfe, 0x00, 0x00], [0x6e, 0, 0, 0]), names: /is UTF-32 LE text/ },
  { what: 'binary bytes', content: bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0x10]), names: /is not a text file \(NUL byte at offset 7\)/ },
  { what: 'invalid UTF-8', content: bytes('name: caf', [0xe9], '\nseed: 1\n'), names: /is not valid UTF-8 text \(at byte 9\)/ },
  { what: 'a control character', content: `name: ok\u0007\nseed: 1\n`, names: /control character 0x07/ },
  { what: 'YAML syntax error', content: 'name: ok\nseed: [1, 2\nmodel: 3\n', names: /spec\.yaml:3:1: YAML syntax error/ },
  { what: 'duplicate key', content: 'name: ok\nname: again\n', names: /spec\.yaml:2:1: YAML syntax error: Map keys must be unique/ },
  { what: 'tab indentation', content: 'name: ok\nmodel:\n\tpatterns: 3\n', names: /YAML syntax error/ },
  { what: 'alias bomb', content: 'a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n', names: /YAML error|alias|aliases/i },
  // Top level.
  { what: 'missing name', content: GOOD.replace('name: ok\n', ''), names: /name: missing/ },
  { what: 'bad name', content: GOOD.replace('name: ok', 'name: Not OK'), names: /name: "Not OK"/ },
  { what: 'long name', content: GOOD.replace('name: ok', `name: ${'a'.repeat(65)}`), names: /^\s+name: /m },
  { what: 'missing seed', content: GOOD.replace('seed: 1\n', ''), names: /seed: missing/ },
  { what: 'negative seed', content: GOOD.replace('seed: 1', 'seed: -1'), names: /seed: -1 is not in \[0, 2\^32\)/ },
  { what: 'fractional seed', content: GOOD.replace('seed: 1', 'seed: 1.5'), names: /seed: 1\.5/ },
  { what: 'seed too big', content: GOOD.replace('seed: 1', 'seed: 4294967296'), names: /seed: / },
  { what: 'zero replicates', content: `${GOOD}replicates: 0\n`, names: /replicates: 0 is not in \[1, 2\^32 - 1\]/ },
  { what: 'replicates as text', content: `${GOOD}replicates: many\n`, names: /replicates: "many"/ },
  { what: 'unknown backend', content: `${GOOD}backend: gpu\n`, names: /backend: "gpu" is not one of js, tfjs, wasm, auto/ },
  { what: 'tfjs with a tolerance below 1e-6', content: `${GOOD_NO_ALGO}backend: tfjs\nalgorithm: {rule: adaptive, tolerance: 1.0e-9}\n`, names: /algorithm\.tolerance: 1e-9 is below 1e-6, the finest adaptive tolerance of backend tfjs/ },
  { what: 'tfjs with a gridded tolerance below 1e-6', content: `${GOOD_NO_ALGO}backend: tfjs\nalgorithm: {rule: adaptive}\ngrid:\n  algorithm.tolerance: [1.0e-4, 1.0e-8]\n`, names: /grid\.algorithm\.tolerance: 1e-8 is below 1e-6/ },
  { what: 'unknown reward', content: `${GOOD}reward: accuracy\n`, names: /reward: "accuracy" is not one of/ },
  { what: 'negative beta', content: `${GOOD}beta: -1\n`, names: /beta: -1 is not >= 0/ },
  { what: 'beta as text', content: `${GOOD}beta: high\n`, names: /beta: "high" is not a number >= 0/ },
  { what: 'epsilon 0', content: `${GOOD}epsilon: 0\n`, names: /epsilon: 0 is not in \(0, 1\)/ },
  { what: 'epsilon 1', content: `${GOOD}epsilon: 1\n`, names: /epsilon: 1 is not in \(0, 1\)/ },
  { what: 'unknown top-level field', content: `${GOOD}color: red\n`, names: /color: unknown field; allowed: name, seed/ },
  { what: 'shardSize 0', content: `${GOOD}shardSize: 0\n`, names: /shardSize: 0/ },
  { what: 'shardSize fractional', content: `${GOOD}shardSize: 2.5\n`, names: /shardSize: 2\.5 is not an integer/ },
  { what: 'shardSize too big', content: `${GOOD}shardSize: 2000000\n`, names: /shardSize: / },
  { what: 'too many runs', content: `${GOOD}replicates: 1000\ngrid:\n  beta: {linspace: [0, 1, 1000]}\n  epsilon: {linspace: [0.01, 0.1, 2100]}\n`, names: /grid: 2\.1e9 runs exceeds limits\.maxRuns \(1e8\)/ },
  { what: 'keep.trajectories too many', content: `${GOOD}keep: {trajectories: 20000}\n`, names: /keep\.trajectories: / },
  { what: 'unknown statistic kept', content: `${GOOD}keep: {statistics: [acc0, bogus]}\n`, names: /keep\.statistics/ },
  { what: 'limits.maxRuns 0', content: `${GOOD}limits: {maxRuns: 0}\n`, names: /limits\.maxRuns: 0/ },
  // model.
  { what: 'missing model', content: 'name: ok\nseed: 1\n', names: /model: missing; required: a mapping/ },
  { what: 'model not a mapping', content: 'name: ok\nseed: 1\nmodel: 3\n', names: /model: 3 is not a mapping/ },
  { what: 'missing patterns', content: 'name: ok\nseed: 1\nmodel: {successRate: [0.9, 0.1]}\n', names: /model\.patterns: missing; required: an integer in \[2, 1e6\]/ },
  { what: 'one pattern', content: GOOD.replace('patterns: 3', 'patterns: 1'), names: /model\.patterns: 1/ },
  { what: 'too many patterns', content: GOOD.replace('patterns: 3', 'patterns: 2000000'), names: /model\.patterns: / },
  { what: 'one answer', content: GOOD.replace('patterns: 3', 'patterns: 3\n  answers: 1'), names: /model\.answers: 1/ },
  { what: 'success rate above 1', content: GOOD.replace('0.1]', '1.4]'), names: /model\.successRate\[2\]: 1\.4 is not in \[0, 1\]/ },
  { what: 'success rate list too short', content: GOOD.replace('patterns: 3', 'patterns: 4'), names: /model\.successRate: 3 values but model\.patterns is 4/ },
  { what: 'success rate form unknown', content: GOOD.replace('[0.9, 0.6, 0.1]', 'high'), names: /model\.successRate: "high" is not a list of R success rates/ },
  { what: 'uniform bounds reversed', content: GOOD.replace('[0.9, 0.6, 0.1]', '{uniform: [0.8, 0.2]}'), names: /model\.successRate\.uniform: \[0\.8, 0\.2\] has low > high/ },
  { what: 'initial pattern not summing to 1', content: GOOD.replace('model:\n', 'model:\n  initialPattern: [0.5, 0.3, 0.1]\n'), names: /model\.initialPattern: sums to 0\.9, not 1/ },
  { what: 'initial pattern with a zero', content: GOOD.replace('model:\n', 'model:\n  initialPattern: [0, 0.5, 0.5]\n'), names: /model\.initialPattern\[0\]: 0/ },
  { what: 'gamma with 2 patterns', content: 'name: ok\nseed: 1\nmodel: {patterns: 2, successRate: [0.9, 0.1], initialPattern: {gamma: 6, rival: 0.3}}\n', names: /model\.initialPattern\.gamma: 6 is impossible with 2 patterns/ },
  { what: 'unknown model field', content: GOOD.replace('patterns: 3', 'patterns: 3\n  temperature: 2'), names: /model\.temperature: unknown field/ },
  { what: 'bad train mode', content: GOOD.replace('patterns: 3', 'patterns: 3\n  train: answers'), names: /model\.train: "answers" is not one of pattern, both/ },
  { what: 'answer distribution of the wrong shape', content: GOOD.replace('patterns: 3', 'patterns: 3\n  answerDistribution: [[0.9, 0.1], [0.6, 0.4]]'), names: /model\.answerDistribution: 2 rows but model\.patterns is 3/ },
  // algorithm, horizon, sft.
  { what: 'unknown rule', content: GOOD.replace('rule: euler', 'rule: sgd'), names: /algorithm\.rule: "sgd" is not one of euler, rk4, adaptive, reinforce, grpo/ },
  { what: 'negative step size', content: GOOD.replace('stepSize: 0.1', 'stepSize: -0.1'), names: /algorithm\.stepSize: -0\.1 is not > 0/ },
  { what: 'zero tolerance', content: GOOD.replace('rule: euler, stepSize: 0.1', 'rule: adaptive, tolerance: 0'), names: /algorithm\.tolerance: 0 is not > 0/ },
  { what: 'grpo with 1 rollout', content: GOOD.replace('rule: euler, stepSize: 0.1', 'rule: grpo, rollouts: 1'), names: /algorithm\.rollouts: 1 is not >= 2/ },
  { what: 'unknown algorithm field', content: GOOD.replace('stepSize: 0.1', 'stepSize: 0.1, lr: 3'), names: /algorithm\.lr: unknown field; allowed: rule, stepSize, tolerance, rollouts/ },
  { what: 'zero horizon', content: GOOD.replace('tMax: 5', 'tMax: 0'), names: /horizon\.tMax: 0 is not in \(0, 1e300\]/ },
  { what: 'maxSteps 0', content: GOOD.replace('tMax: 5', 'tMax: 5, maxSteps: 0'), names: /horizon\.maxSteps: 0/ },
  { what: 'negative sft steps', content: `${GOOD}sft: {steps: -5}\n`, names: /sft\.steps: -5/ },
  { what: 'negative sft rate', content: `${GOOD}sft: {steps: 5, rate: -1}\n`, names: /sft\.rate: -1 is not >= 0/ },
  // grid and sample.
  { what: 'empty grid axis', content: `${GOOD}grid:\n  beta: []\n`, names: /grid\.beta: \[\] is empty/ },
  { what: 'grid value out of range', content: `${GOOD}grid:\n  beta: [0, 0.5, -1]\n`, names: /grid\.beta\[2\]: -1 is not >= 0/ },
  { what: 'unknown grid path', content: `${GOOD}grid:\n  model.foo: [1, 2]\n`, names: /grid\.model\.foo: not a numeric or enum field/ },
  { what: 'duplicate grid values', content: `${GOOD}grid:\n  beta: [0.1, 0.1]\n`, names: /grid\.beta/ },
  { what: 'linspace out of range', content: `${GOOD}grid:\n  epsilon: {linspace: [0, 0.5, 3]}\n`, names: /grid\.epsilon\[0\]: 0 is not in \(0, 1\)/ },
  { what: 'logspace from 0', content: `${GOOD}grid:\n  beta: {logspace: [0, 1, 3]}\n`, names: /grid\.beta/ },
  { what: 'range with step 0', content: `${GOOD}grid:\n  beta: {range: [0, 1, 0]}\n`, names: /grid\.beta/ },
  { what: 'enum axis as linspace', content: `${GOOD}grid:\n  reward: {linspace: [0, 1, 3]}\n`, names: /grid\.reward: reward is an enum field/ },
  { what: 'gridded patterns with a list', content: `${GOOD}grid:\n  model.patterns: [3, 5]\n`, names: /model\.successRate: a list fits one pattern count, but model\.patterns varies/ },
  { what: 'form axis without its form', content: `${GOOD}grid:\n  model.initialPattern.gamma: [2, 4]\n`, names: /grid\.model\.initialPattern\.gamma: model\.initialPattern is uniform/ },
  { what: 'axis in grid and sample', content: `${GOOD}grid:\n  beta: [0, 1]\nsample:\n  count: 4\n  axes: {beta: {uniform: [0, 1]}}\n`, names: /sample\.axes\.beta: beta is also a grid axis/ },
  { what: 'bad sample method', content: `${GOOD}sample: {count: 8, method: halton, axes: {beta: {uniform: [0, 1]}}}\n`, names: /sample\.method: "halton" is not one of sobol, uniform/ },
  { what: 'sample without axes', content: `${GOOD}sample: {count: 8, axes: {}}\n`, names: /sample\.axes: \{\} is empty/ },
  { what: 'sample count 0', content: `${GOOD}sample: {count: 0, axes: {beta: {uniform: [0, 1]}}}\n`, names: /sample\.count: 0/ },
  { what: 'integer sample axis as uniform', content: `${GOOD}sample: {count: 4, axes: {model.patterns: {uniform: [2, 9]}}}\n`, names: /sample\.axes\.model\.patterns: model\.patterns is an integer field/ },
];

/** A bad command line: arguments (SPEC = a valid spec, OUT = the sentinel folder), exit code, what the message must name. */
interface LineCase {
  readonly what: string;
  readonly args: readonly string[];
  readonly code: number;
  readonly names: RegExp;
  readonly env?: NodeJS.ProcessEnv;
  /** Extra files in the workspace, relative to it (written before the snapshot). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
}

/** Not a DuckDB file: what a torn copy or a stray file in the folder looks like. */
const GARBAGE_STORE = new Uint8Array(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251));

const LINES: LineCase[] = [
  { what: 'no command', args: [], code: 2, names: /Usage: patternsweep|missing command|help/i },
  { what: 'unknown command', args: ['frobnicate'], code: 2, names: /unknown command 'frobnicate'/ },
  { what: 'unknown option', args: ['run', 'SPEC', '--thread', '2'], code: 2, names: /unknown option '--thread'/ },
  { what: 'run without a spec', args: ['run'], code: 2, names: /missing required argument 'spec'/ },
  { what: 'run with two specs', args: ['run', 'SPEC', 'SPEC'], code: 2, names: /too many arguments/ },
  { what: 'threads 0', args: ['run', 'SPEC', '--out', 'OUT', '--threads', '0'], code: 2, names: /--threads <n>.*threads must be an integer in \[1, 1024\]/ },
  { what: 'threads not a number', args: ['run', 'SPEC', '--out', 'OUT', '--threads', 'x'], code: 2, names: /--threads <n>/ },
  { what: 'threads too many', args: ['run', 'SPEC', '--out', 'OUT', '--threads', '2000'], code: 2, names: /--threads <n>/ },
  { what: 'unknown backend', args: ['run', 'SPEC', '--out', 'OUT', '--backend', 'gpu'], code: 2, names: /--backend <name>.*Allowed choices are js, tfjs, wasm, auto/ },
  { what: 'unknown progress mode', args: ['run', 'SPEC', '--out', 'OUT', '--progress', 'fancy'], code: 2, names: /--progress <mode>.*Allowed choices are/ },
  { what: '--fresh with --resume', args: ['run', 'SPEC', '--out', 'OUT', '--fresh', '--resume'], code: 2, names: /--fresh and --resume exclude each other/ },
  { what: 'metrics port too big', args: ['run', 'SPEC', '--out', 'OUT', '--metrics-port', '70000'], code: 2, names: /--metrics-port <port>.*port must be an integer in \[0, 65535\]/ },
  { what: 'metrics port from env not a number', args: ['run', 'SPEC', '--out', 'OUT'], env: { PATTERNSWEEP_METRICS_PORT: 'abc' }, code: 2, names: /--metrics-port <port>.*'abc'/ },
  { what: 'metrics host not an address', args: ['run', 'SPEC', '--out', 'OUT', '--metrics-host', 'no such host!'], code: 2, names: /--metrics-host <address>.*expected an IP address/ },
  { what: 'max spec bytes 0', args: ['run', 'SPEC', '--out', 'OUT', '--max-spec-bytes', '0'], code: 2, names: /--max-spec-bytes <n>.*whole number of bytes >= 1/ },
  { what: 'max spec bytes from env not a number', args: ['validate', 'SPEC'], env: { PATTERNSWEEP_MAX_SPEC_BYTES: 'lots' }, code: 2, names: /--max-spec-bytes <n>.*'lots'/ },
  { what: 'bad --log-level', args: ['--log-level', 'bogus', 'validate', 'SPEC'], code: 2, names: /--log-level <level>.*'bogus'.*Allowed choices are fatal, error, warn, info, debug, trace, silent/ },
  { what: 'bad PATTERNSWEEP_LOG_LEVEL', args: ['validate', 'SPEC'], env: { PATTERNSWEEP_LOG_LEVEL: 'bogus' }, code: 2, names: /'bogus' from env 'PATTERNSWEEP_LOG_LEVEL' is invalid\. Allowed choices are fatal, error, warn/ },
  { what: 'NATS URL with a bad scheme (and a password)', args: ['run', 'SPEC', '--out', 'OUT', '--nats', 'http://bob:hunter22@127.0.0.1:4222'], code: 2, names: /--nats <url>.*'http:\/\/bob:\*\*\*@127\.0\.0\.1:4222' is not a NATS server URL/ },
  { what: 'nkey and creds together', args: ['run', 'SPEC', '--out', 'OUT', '--nats', 'nats://127.0.0.1:1', '--nkey', 'a', '--creds', 'b'], code: 2, names: /--nkey <file>.*cannot be used with option '--creds <file>'/ },
  { what: 'unreachable broker', args: ['run', 'SPEC', '--out', 'OUT', '--nats', 'nats://127.0.0.1:1'], code: 1, names: /cannot connect to NATS at nats:\/\/127\.0\.0\.1:1: .*check the URL \(--nats\)/ },
  { what: 'password file missing', args: ['run', 'SPEC', '--out', 'OUT', '--nats', 'nats://127.0.0.1:1', '--user', 'u', '--password-file', 'no-such-file'], code: 1, names: /--password-file no-such-file: no such file/ },
  { what: 'spec file missing', args: ['run', 'missing.yaml', '--out', 'OUT'], code: 1, names: /spec missing\.yaml: no such file/ },
  { what: 'spec is a folder', args: ['validate', 'OUT'], code: 1, names: /spec .*out: is a directory, not a spec file/ },
  { what: '--resume with nothing to resume', args: ['run', 'SPEC', '--out', 'OUT', '--resume'], code: 1, names: /--resume: no sweep to resume here \(sweep\.duckdb not found\)/ },
  { what: '--out on a regular file', args: ['run', 'SPEC', '--out', 'OUT/sentinel.txt'], code: 1, names: /cannot open the results store .*sentinel\.txt: it exists and is not a folder; use another --out/ },
  { what: '--out below a regular file', args: ['run', 'SPEC', '--out', 'OUT/sentinel.txt/sub'], code: 1, names: /sentinel\.txt\/sub: a part of the path is a file, not a folder; use another --out/ },
  { what: 'a damaged store (run)', args: ['run', 'SPEC', '--out', 'OUT'], files: { 'out/sweep.duckdb': GARBAGE_STORE }, code: 1, names: /cannot open the results store .*sweep\.duckdb: it is damaged or not a patternsweep store; rerun with --fresh .* or use another --out/ },
  { what: 'a damaged store (summary)', args: ['summary', 'OUT'], files: { 'out/sweep.duckdb': GARBAGE_STORE }, code: 1, names: /cannot open the results store .*sweep\.duckdb: it is damaged/ },
  { what: 'worker without --nats', args: ['worker'], code: 2, names: /required option '--nats <url>' not specified/ },
  { what: 'worker threads 0', args: ['worker', '--nats', 'nats://127.0.0.1:1', '--threads', '0'], code: 2, names: /--threads <n>/ },
  { what: 'worker drain not a number', args: ['worker', '--nats', 'nats://127.0.0.1:1', '--drain-ms', 'soon'], code: 2, names: /--drain-ms <ms>.*whole number of milliseconds/ },
  { what: 'worker heartbeat negative', args: ['worker', '--nats', 'nats://127.0.0.1:1', '--heartbeat-ms', '-5'], code: 2, names: /--heartbeat-ms <ms>/ },
  { what: 'worker health port too big', args: ['worker', '--nats', 'nats://127.0.0.1:1', '--health-port', '99999'], code: 2, names: /--health-port <port>/ },
  { what: 'worker health host not an address', args: ['worker', '--nats', 'nats://127.0.0.1:1', '--health-host', '::bad::host::'], code: 2, names: /--health-host <address>/ },
  { what: 'status without --nats', args: ['status'], code: 2, names: /required option '--nats <url>' not specified/ },
  { what: 'status on an unreachable broker', args: ['status', '--nats', 'nats://127.0.0.1:1'], code: 1, names: /cannot connect to NATS at nats:\/\/127\.0\.0\.1:1.*check the URL/ },
  { what: 'summary without a folder', args: ['summary'], code: 2, names: /missing required argument 'dir'/ },
  { what: 'summary of an empty folder', args: ['summary', 'OUT'], code: 1, names: /out: no sweep results here \(sweep\.duckdb not found\)/ },
  { what: 'summary format unknown', args: ['summary', 'OUT', '--format', 'xml'], code: 2, names: /--format <format>.*Allowed choices are table, csv, json/ },
  { what: 'summary --by not an axis name', args: ['summary', 'OUT', '--by', '1x,!'], code: 2, names: /--by <axes>.*is not an axis name/ },
  { what: 'report heatmap malformed', args: ['report', 'OUT', '--heatmap', 'nonsense'], code: 2, names: /--heatmap/ },
  { what: 'report of an empty folder', args: ['report', 'OUT'], code: 1, names: /out/ },
  { what: 'retry-failed without --nats', args: ['retry-failed', 'OUT'], code: 2, names: /required option '--nats <url>' not specified/ },
  { what: 'validate without a spec', args: ['validate'], code: 2, names: /missing required argument 'spec'/ },
];

/** Every file below `dir` with its size and mtime: what "untouched" compares. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const info = statSync(path);
      out.push(`${prefix}${name} ${info.isDirectory() ? 'dir' : `${info.size} ${info.mtimeMs}`}`);
      if (info.isDirectory()) walk(path, `${prefix}${name}/`);
    }
  };
  walk(dir, '');
  return out;
}

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd,
      env: { ...process.env, CI: '1', PATTERNSWEEP_LOG_LEVEL: undefined, NATS_USER: undefined, NATS_PASSWORD: undefined, NATS_TOKEN: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** At most `limit` at once, results in order. */
async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$|"stack"/m;
const root = mkdtempSync(join(tmpdir(), 'psweep-bad-input-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

/** A fresh working directory with the spec and a sentinel output folder. */
function workspace(name: string, spec: string | Uint8Array, files: Readonly<Record<string, string | Uint8Array>> = {}): { cwd: string; before: string[] } {
  const cwd = join(root, name.replace(/[^a-z0-9]+/gi, '-'));
  mkdirSync(join(cwd, 'out'), { recursive: true });
  writeFileSync(join(cwd, 'spec.yaml'), spec);
  writeFileSync(join(cwd, 'out', 'sentinel.txt'), 'keep me\n');
  for (const [file, content] of Object.entries(files)) writeFileSync(join(cwd, file), content);
  return { cwd, before: snapshot(cwd) };
}

function checkOutcome(t: Test, what: string, cwd: string, before: string[], o: Outcome, code: number, names: RegExp): void {
  t.equal(o.code, code, `${what}: exit ${code}`);
  t.match(o.stderr, names, `${what}: names the field`);
  t.notMatch(o.stderr + o.stdout, STACK, `${what}: no stack trace`);
  t.same(snapshot(cwd), before, `${what}: output folder untouched`);
  t.equal(readFileSync(join(cwd, 'out', 'sentinel.txt'), 'utf8'), 'keep me\n');
  t.notOk(existsSync(join(cwd, 'results')), `${what}: no results/ folder`);
}

t.test('the built CLI exists (npm run build)', async (t) => {
  t.ok(existsSync(MAIN), `${MAIN} (run npm run build first)`);
});

t.test(`${SPECS.length} bad specs: run refuses each before writing anything`, { skip: !existsSync(MAIN) }, async (t) => {
  t.ok(SPECS.length >= 60, `${SPECS.length} bad specs`);
  const outcomes = await inBatches(SPECS, 2, async (c) => {
    const { cwd, before } = workspace(`spec-${c.what}`, c.content);
    const o = await runCli(cwd, ['run', 'spec.yaml', '--out', 'out', '--threads', '1', '--progress', 'none', ...(c.args ?? [])]);
    return { c, cwd, before, o };
  });
  for (const { c, cwd, before, o } of outcomes) checkOutcome(t, c.what, cwd, before, o, 1, c.names);
});

t.test('validate gives the same message as run (a sample of the corpus)', { skip: !existsSync(MAIN) }, async (t) => {
  const sample = SPECS.filter((_, i) => i % 6 === 0);
  const outcomes = await inBatches(sample, 2, async (c) => {
    const { cwd, before } = workspace(`validate-${c.what}`, c.content);
    return { c, cwd, before, o: await runCli(cwd, ['validate', 'spec.yaml', ...(c.args ?? [])]) };
  });
  for (const { c, cwd, before, o } of outcomes) checkOutcome(t, `validate: ${c.what}`, cwd, before, o, 1, c.names);
});

t.test(`${LINES.length} bad command lines`, { skip: !existsSync(MAIN) }, async (t) => {
  t.ok(LINES.length >= 30, `${LINES.length} bad command lines`);
  const outcomes = await inBatches(LINES, 2, async (c) => {
    const { cwd, before } = workspace(`line-${c.what}`, GOOD, c.files);
    const args = c.args.map((a) => a.replace(/^SPEC$/, 'spec.yaml').replace(/^OUT/, 'out'));
    return { c, cwd, before, o: await runCli(cwd, args, c.env) };
  });
  for (const { c, cwd, before, o } of outcomes) checkOutcome(t, c.what, cwd, before, o, c.code, c.names);
  // The password in the bad URL is never echoed.
  const url = outcomes.find((x) => x.c.what.startsWith('NATS URL with a bad scheme'))!;
  t.notMatch(url.o.stderr, /hunter22/, 'no secret in the message');
});
