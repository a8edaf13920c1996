/**
 * Reading a spec file safely, before any YAML parsing: a bounded size (a 50 MB
 * list once took `validate` to 4.4 GB and an out-of-memory crash), and only
 * UTF-8 text (a binary file, UTF-16 or a stray byte get one line that names
 * the file and what to do, never the bytes themselves).
 *
 * Only the first `maxBytes + 1` bytes are ever read, so a huge file, a FIFO or
 * a device costs no more memory than the limit.
 */
import { open } from 'node:fs/promises';
import { PatternsweepError } from '../errors/index.js';

export interface SpecFileOptions {
  /** Largest spec file accepted, in bytes. @default 1 MiB (SPEC_FILE_DEFAULTS.maxBytes) */
  readonly maxBytes?: number;
}

export interface ResolvedSpecFileOptions {
  readonly maxBytes: number;
}

export const SPEC_FILE_DEFAULTS: Readonly<ResolvedSpecFileOptions> = Object.freeze({ maxBytes: 1024 * 1024 });

/** The flag that raises the limit, named in the message. */
export const MAX_SPEC_BYTES_FLAG = '--max-spec-bytes';

/** A spec file that cannot be read as a spec (missing, too big, not UTF-8 text). One line, no stack. */
export class SpecFileError extends PatternsweepError {
  override readonly name = 'SpecFileError';
  readonly path: string;
  constructor(path: string, why: string, options?: { cause?: unknown }) {
    super('SPEC_FILE', `spec ${path}: ${why}`, { userFacing: true, retryable: false, cause: options?.cause });
    this.path = path;
  }
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (check the file mode and owner)';
    case 'EISDIR':
      return 'is a directory, not a spec file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return `cannot be read (${code ?? (error as Error | undefined)?.message ?? String(error)})`;
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Byte-order marks of encodings other than UTF-8 (longest first: UTF-32 LE starts like UTF-16 LE). */
const FOREIGN_BOMS: readonly (readonly [string, readonly number[]])[] = [
  ['UTF-32 LE', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-32 BE', [0x00, 0x00, 0xfe, 0xff]],
  ['UTF-16 LE', [0xff, 0xfe]],
  ['UTF-16 BE', [0xfe, 0xff]],
];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Checks that `bytes` are UTF-8 text and decodes them (a UTF-8 BOM is
 * dropped). `path` only names the file in messages.
 */
export function decodeSpecBytes(path: string, bytes: Uint8Array): string {
  for (const [encoding, bom] of FOREIGN_BOMS) {
    if (startsWith(bytes, bom)) {
      throw new SpecFileError(path, `is ${encoding} text (byte-order mark at the start); save it as UTF-8`);
    }
  }
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a BOM has a NUL in every other byte of ASCII text.
    const utf16 = body.length >= 4 && (body[1] === 0 || body[0] === 0) && (body[3] === 0 || body[2] === 0);
    throw new SpecFileError(
      path,
      utf16
        ? 'looks like UTF-16 text (NUL bytes between characters); save it as UTF-8'
        : `is not a text file (NUL byte at offset ${nul}); a spec is YAML text`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch (cause) {
    throw new SpecFileError(path, `is not valid UTF-8 text (at byte ${firstInvalidUtf8(body)}); save it as UTF-8`, { cause });
  }
  // Control characters other than tab, newline and carriage return never belong in YAML.
  const control = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw new SpecFileError(path, `is not a text file (control character 0x${code} at character ${control.index}); a spec is YAML text`);
  }
  return text;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for the message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return i;
}

/** Reads a spec file: at most `maxBytes` of UTF-8 text, or a SpecFileError. */
export async function readSpecFile(path: string, options: SpecFileOptions = {}): Promise<string> {
  const resolved: ResolvedSpecFileOptions = { maxBytes: options.maxBytes ?? SPEC_FILE_DEFAULTS.maxBytes };
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new SpecFileError(path, describeReadError(cause), { cause });
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new SpecFileError(path, describeReadError({ code: 'EISDIR' }));
    const limit = resolved.maxBytes;
    const tooBig = (size: string): SpecFileError =>
      new SpecFileError(path, `is ${size}, over the ${formatBytes(limit)} limit for spec files; raise it with ${MAX_SPEC_BYTES_FLAG} if this is intended`);
    if (info.isFile() && info.size > limit) throw tooBig(formatBytes(info.size));
    // Read at most limit + 1 bytes: enough to tell "over the limit" for pipes and growing files too.
    const buffer = new Uint8Array(limit + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > limit) throw tooBig(`more than ${formatBytes(limit)}`);
    }
    return decodeSpecBytes(path, buffer.subarray(0, filled));
  } catch (error) {
    if (error instanceof SpecFileError) throw error;
    throw new SpecFileError(path, describeReadError(error), { cause: error });
  } finally {
    await handle.close();
  }
}
