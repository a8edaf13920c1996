/** Reading spec files before parsing (sweep/spec-file.ts), nesting and document limits, backend rules (parse.ts). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { checkBackend, decodeSpecBytes, MAX_SPEC_DEPTH, parseSpec, readSpecFile, SPEC_FILE_DEFAULTS, SpecError, SpecFileError } from '../../sweep/index.js';
import { TFJS_MIN_TOLERANCE } from '../../model/tfjs/index.js';
import { TFJS_MIN_TOLERANCE as LIMIT } from '../../model/tfjs/limits.js';

const GOOD = 'name: ok\nseed: 1\nmodel:\n  patterns: 3\n  successRate: [0.9, 0.6, 0.1]\n';
const dir = mkdtempSync(join(tmpdir(), 'psweep-spec-file-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('the default limit is 1 MiB; a larger file is refused from its size, a smaller limit from the flag', async (t) => {
  t.equal(SPEC_FILE_DEFAULTS.maxBytes, 1024 * 1024);
  const big = join(dir, 'big.yaml');
  writeFileSync(big, `${GOOD}#${'x'.repeat(1024 * 1024)}\n`);
  await t.rejects(readSpecFile(big), { name: 'SpecFileError', code: 'SPEC_FILE', userFacing: true, message: /is \d+ bytes, over the 1 MiB limit for spec files; raise it with --max-spec-bytes/ });
  t.equal((await readSpecFile(big, { maxBytes: 2 * 1024 * 1024 })).length, GOOD.length + 1024 * 1024 + 2);
  const small = join(dir, 'small.yaml');
  writeFileSync(small, GOOD);
  await t.rejects(readSpecFile(small, { maxBytes: 10 }), { message: /over the 10 bytes limit/ });
});

t.test('a pipe is read only up to the limit, however much is written into it', async (t) => {
  const fifo = join(dir, 'fifo.yaml');
  await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).once('exit', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo ${c}`)))));
  // 64 MiB from yes(1), far past the limit; the reader stops after limit + 1 bytes.
  const writer = spawn('sh', ['-c', `yes 'a: 1' | head -c 67108864 > '${fifo}'`], { stdio: 'ignore' });
  t.teardown(() => writer.kill('SIGKILL'));
  await t.rejects(readSpecFile(fifo, { maxBytes: 4096 }), { name: 'SpecFileError', message: /is more than 4 KiB, over the 4 KiB limit/ });
});

t.test('encodings: UTF-8 (with or without BOM) decodes; others are named', async (t) => {
  t.equal(decodeSpecBytes('s', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), 'a', 'a UTF-8 BOM is dropped');
  t.throws(() => decodeSpecBytes('s', new Uint8Array([0xfe, 0xff, 0, 0x61])), { message: 'spec s: is UTF-16 BE text (byte-order mark at the start); save it as UTF-8' });
  t.throws(() => decodeSpecBytes('s', new Uint8Array([0x61, 0x80])), { message: 'spec s: is not valid UTF-8 text (at byte 1); save it as UTF-8' });
  t.throws(() => decodeSpecBytes('s', new Uint8Array([0x61, 0x0a, 0x1b])), { message: /control character 0x1b at character 2/ });
  const error = (() => {
    try {
      decodeSpecBytes('s', new Uint8Array(9900).fill(0x41).fill(0, 100, 101));
    } catch (e) {
      return e as SpecFileError;
    }
    return undefined;
  })();
  t.ok(error !== undefined && error.message.length < 120, 'the message never echoes the bytes');
});

t.test('missing files and folders', async (t) => {
  await t.rejects(readSpecFile(join(dir, 'nope.yaml')), { message: /nope\.yaml: no such file$/ });
  await t.rejects(readSpecFile(dir), { message: /is a directory, not a spec file$/ });
});

t.test('one document, at most MAX_SPEC_DEPTH levels', async (t) => {
  t.throws(() => parseSpec(`${GOOD}---\n${GOOD}`, 'm.yaml'), { name: 'SpecError', message: /m\.yaml:6:1: a second YAML document starts here \(---\); a spec is one document/ });
  const nested = (depth: number): string => `name: ok\nx: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;
  // The root mapping is level 1, so depth - 1 lists reach level `depth`.
  t.throws(() => parseSpec(nested(MAX_SPEC_DEPTH + 1), 'd.yaml'), { message: /d\.yaml:2:\d+: nested more than 32 levels deep/ });
  let atLimit: unknown;
  try {
    parseSpec(nested(MAX_SPEC_DEPTH), 'd.yaml');
  } catch (e) {
    atLimit = e;
  }
  t.ok(atLimit instanceof SpecError && !/nested/.test(atLimit.message), 'at the limit: other issues (the unknown field x) only');
  t.throws(() => parseSpec(`name: ok\nx: ${'['.repeat(100_000)}\n`, 'd.yaml'), { message: /nested more than 32 levels deep/ }, 'no stack overflow');
});

t.test('backend rules: tfjs refuses adaptive tolerances below its floor, wherever they are', async (t) => {
  t.equal(TFJS_MIN_TOLERANCE, LIMIT, 'the validator and the backend share one limit');
  const adaptive = `${GOOD}algorithm: {rule: adaptive, tolerance: 1.0e-7}\n`;
  t.throws(() => parseSpec(`${adaptive}backend: tfjs\n`, 'b.yaml'), { message: /algorithm\.tolerance: 1e-7 is below 1e-6, the finest adaptive tolerance of backend tfjs/ });
  t.doesNotThrow(() => parseSpec(`${adaptive}backend: auto\n`), 'auto keeps js for them');
  t.doesNotThrow(() => parseSpec(`${GOOD}backend: tfjs\nalgorithm: {rule: euler, tolerance: 1.0e-9}\n`), 'euler ignores the tolerance');
  t.throws(
    () => parseSpec(`${GOOD}backend: tfjs\nsample: {count: 4, axes: {algorithm.tolerance: {logUniform: [1.0e-8, 1.0e-3]}}}\n`),
    { message: /sample\.axes\.algorithm\.tolerance: 1e-8 is below 1e-6/ },
  );
  t.throws(() => parseSpec(`${GOOD}backend: tfjs\ngrid:\n  algorithm.rule: [euler, adaptive]\n  algorithm.tolerance: [1.0e-3, 1.0e-9]\n`), { message: /grid\.algorithm\.tolerance: 1e-9/ });
  const spec = parseSpec(adaptive);
  t.throws(() => checkBackend(spec, 'tfjs', 'b.yaml'), { name: 'SpecError', message: /^invalid sweep spec b\.yaml \(1 issue\):\n {2}algorithm\.tolerance: 1e-7 is below/ }, 'run --backend tfjs is checked too');
  t.doesNotThrow(() => checkBackend(spec, 'js'));
});
