/**
 * Errors of sweep/. Callers branch on `code` / `retryable` / `userFacing`
 * (errors/index.ts), never on message text. None is retryable: a spec or a
 * range that is wrong stays wrong.
 */
import { PatternsweepError } from '../errors/index.js';

/** One problem found in a spec. `message` is the text after `path: `. */
export interface SpecIssue {
  /** Dotted path of the field, e.g. `grid.beta[2]`, `model.successRate[3]`; `` for the document. */
  readonly path: string;
  /** The offending value as written (undefined when missing). */
  readonly value: unknown;
  /** What is wrong and what is allowed, e.g. `-1 is not >= 0`. */
  readonly message: string;
}

/** Renders one issue as a line of a `SpecError` message. */
export function formatIssue(issue: SpecIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** A spec that cannot be run. Lists every issue found, one per line. */
export class SpecError extends PatternsweepError {
  override readonly name = 'SpecError';
  readonly issues: readonly SpecIssue[];
  readonly source: string;

  constructor(source: string, issues: readonly SpecIssue[], options?: { cause?: unknown }) {
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
    super('SPEC_INVALID', `invalid sweep spec ${source} (${count}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`, {
      ...options,
      userFacing: true,
    });
    this.issues = issues;
    this.source = source;
  }
}

/**
 * A run whose parameters are invalid only once its axis values or
 * per-replicate draws are known (e.g. a sampled success rate that makes a
 * `{gamma, rival}` form impossible). Names the run index and the field.
 */
export class RunDecodeError extends PatternsweepError {
  override readonly name = 'RunDecodeError';
  readonly index: number;
  readonly field: string;

  constructor(index: number, field: string, message: string, options?: { cause?: unknown }) {
    super('RUN_INVALID', `run ${index}: ${field}: ${message}`, { ...options, userFacing: true });
    this.index = index;
    this.field = field;
  }
}

/** A call with arguments outside the plan (index or shard out of range). */
export class SweepRangeError extends PatternsweepError {
  override readonly name = 'SweepRangeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('SWEEP_RANGE', message, options);
  }
}
