/**
 * NATS secrets on the command line. A password or token can come from a
 * file (`--password-file`, `--token-file`, or PATTERNSWEEP_NATS_PASSWORD_FILE /
 * PATTERNSWEEP_NATS_TOKEN_FILE), from the environment (NATS_PASSWORD,
 * PATTERNSWEEP_NATS_PASSWORD, ...) or from a flag. A flag is visible to every
 * user of the machine (`ps`, /proc/PID/cmdline), so using one warns once.
 *
 * Every secret seen is remembered here, and `redactSecrets` masks it in any
 * text about to be printed or logged: error messages quote URLs and library
 * errors, and none of them may echo a secret.
 */
import { readFileSync } from 'node:fs';
import { PatternsweepError } from '../errors/index.js';

/** A secret file that cannot be used (missing, unreadable, empty). One line, no stack. */
export class SecretFileError extends PatternsweepError {
  override readonly name = 'SecretFileError';
  constructor(flag: string, path: string, why: string, options?: { cause?: unknown }) {
    super('SECRET_FILE', `${flag} ${path}: ${why}`, { userFacing: true, retryable: false, cause: options?.cause });
  }
}

/** A secret given twice in ways that disagree (a flag and a file, a URL and a flag). */
export class SecretConflictError extends PatternsweepError {
  override readonly name = 'SecretConflictError';
  constructor(message: string) {
    super('SECRET_CONFLICT', message, { userFacing: true, retryable: false });
  }
}

const known = new Set<string>();

/** Remembers `secret` so `redactSecrets` masks it from now on (ignores short or empty values). */
export function registerSecret(secret: string | undefined): void {
  // One- or two-character values would mask ordinary text; nobody uses such a password.
  if (secret !== undefined && secret.length >= 3) known.add(secret);
}

/** `text` with every registered secret and every URL's user-info part replaced by `***`. */
export function redactSecrets(text: string): string {
  let out = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^@/\s'"]*)@/gi, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return colon >= 0 ? `${scheme}${auth.slice(0, colon)}:***@` : `${scheme}***@`;
  });
  // Longest first, so a secret containing another is masked whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  return out;
}

/** Reads a secret file: its content without the trailing newline; an empty file is an error. */
export function readSecretFile(flag: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`;
    throw new SecretFileError(flag, path, why, { cause });
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new SecretFileError(flag, path, 'is empty');
  if (/[\r\n]/.test(secret)) throw new SecretFileError(flag, path, 'holds more than one line; put the secret alone on one line');
  registerSecret(secret);
  return secret;
}

const warned = new Set<string>();

/** Warns once per process that `flag` put a secret where other users can read it. */
export function warnSecretOnCommandLine(flag: string, fileFlag: string, envName: string, write: (s: string) => void = (s) => process.stderr.write(s)): void {
  if (warned.has(flag)) return;
  warned.add(flag);
  write(`warning: ${flag} on the command line is visible to other users of this machine (ps); use ${fileFlag} FILE or the environment variable ${envName}\n`);
}

export interface SecretSources {
  /** The value given by flag or environment (commander already merged them). */
  readonly value: string | undefined;
  /** True when the value came from the command line, not the environment. */
  readonly fromCommandLine: boolean;
  /** The file flag's value. */
  readonly file: string | undefined;
}

/** One secret from its three routes: a file wins over the environment; a file and a flag together are refused. */
export function resolveSecret(
  names: { readonly flag: string; readonly fileFlag: string; readonly envName: string; readonly fileEnv: string },
  sources: SecretSources,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const file = sources.file ?? (env[names.fileEnv] || undefined);
  if (file !== undefined && sources.value !== undefined && sources.fromCommandLine) {
    throw new SecretConflictError(`${names.flag} and ${names.fileFlag}: give one of them, not both`);
  }
  if (file !== undefined) return readSecretFile(sources.file !== undefined ? names.fileFlag : names.fileEnv, file);
  if (sources.value !== undefined && sources.fromCommandLine) warnSecretOnCommandLine(names.flag, names.fileFlag, names.envName);
  registerSecret(sources.value);
  return sources.value;
}
