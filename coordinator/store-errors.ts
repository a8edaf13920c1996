/**
 * Errors of the results store's file handling (opening, checkpointing,
 * exporting): one line for the user with the path and what to do. DuckDB and
 * the filesystem report these as foreign errors (DuckDB's have no code, only
 * a message such as `IO Error: ... No space left on device`), so this is the
 * one place that reads their text; everything downstream branches on `code`.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PatternsweepError } from '../errors/index.js';

/** What went wrong with a file, as a short phrase and a code. */
export interface FileProblem {
  readonly code: 'ENOSPC' | 'EACCES' | 'EROFS' | 'ENOTDIR' | 'EEXIST' | 'CORRUPT' | 'LOCKED' | 'IO';
  readonly phrase: string;
}

function errnoOf(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Classifies an error from fs or DuckDB about a store file. */
export function fileProblemOf(error: unknown): FileProblem {
  const errno = errnoOf(error);
  const text = messageOf(error);
  if (errno === 'ENOSPC' || errno === 'EDQUOT' || /no space left on device|disk quota exceeded/i.test(text)) {
    return { code: 'ENOSPC', phrase: 'no space left on the device' };
  }
  if (errno === 'EROFS' || /read-only file system/i.test(text)) return { code: 'EROFS', phrase: 'the file system is read-only' };
  if (errno === 'EACCES' || errno === 'EPERM' || /permission denied/i.test(text)) return { code: 'EACCES', phrase: 'permission denied' };
  if (errno === 'ENOTDIR' || /not a directory/i.test(text)) return { code: 'ENOTDIR', phrase: 'a part of the path is a file, not a folder' };
  if (errno === 'EEXIST') return { code: 'EEXIST', phrase: 'it exists and is not a folder' };
  if (/lock/i.test(text)) return { code: 'LOCKED', phrase: 'it is locked by another process' };
  if (/not a valid DuckDB database|corrupt|checksum|Serialization Error|INTERNAL Error|invalid block|WAL/i.test(text)) {
    return { code: 'CORRUPT', phrase: 'it is damaged or not a patternsweep store' };
  }
  return { code: 'IO', phrase: firstLine(text) };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** The output folder or store file cannot be opened or created. */
export class StoreOpenError extends PatternsweepError {
  override readonly name = 'StoreOpenError';
  readonly path: string;
  readonly problem: FileProblem['code'];
  constructor(path: string, cause: unknown) {
    const problem = fileProblemOf(cause);
    const hint =
      problem.code === 'CORRUPT'
        ? 'rerun with --fresh to delete it and start over, or use another --out'
        : problem.code === 'ENOSPC'
          ? 'free some space and rerun (the sweep resumes), or use another --out'
          : 'use another --out';
    super(`STORE_OPEN_${problem.code}`, `cannot open the results store ${path}: ${problem.phrase}; ${hint}`, {
      cause,
      userFacing: true,
      // Space can be freed and a lock released; a damaged file stays damaged.
      retryable: problem.code === 'ENOSPC' || problem.code === 'LOCKED',
    });
    this.path = path;
    this.problem = problem.code;
  }
}

/** A checkpoint or an export (runs.parquet, summary.csv) failed: the sweep is not complete on disk. */
export class StoreWriteError extends PatternsweepError {
  override readonly name = 'StoreWriteError';
  readonly path: string;
  readonly problem: FileProblem['code'];
  constructor(what: string, path: string, cause: unknown) {
    const problem = fileProblemOf(cause);
    const hint =
      problem.code === 'ENOSPC'
        ? 'free some space and rerun the same command: stored shards are kept and the files are written again'
        : 'fix that and rerun the same command: stored shards are kept';
    super(`STORE_WRITE_${problem.code}`, `could not write ${what} ${path}: ${problem.phrase}; ${hint}`, {
      cause,
      userFacing: true,
      retryable: true,
    });
    this.path = path;
    this.problem = problem.code;
  }
}

/**
 * `mkdir -p dir`, or a StoreOpenError with the real reason. Node's recursive
 * mkdir reports ENOENT on a read-only file system (or a folder without write
 * permission); creating the first missing folder alone gives the true errno.
 */
export async function makeOutputFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    let cause: unknown = error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      let first = resolve(dir);
      while (!existsSync(dirname(first)) && dirname(first) !== first) first = dirname(first);
      cause = await mkdir(first).then(
        () => error,
        (real: unknown) => real,
      );
    }
    throw new StoreOpenError(dir, cause);
  }
}
