/**
 * Errors of the report. Callers branch on `code` (or `name` across threads),
 * never on message text.
 */
import { PatternsweepError } from '../errors/index.js';

export type ReportErrorCode =
  | 'REPORT_STORE_MISSING' // DIR/sweep.duckdb does not exist
  | 'REPORT_STORE_INVALID' // the store lacks a table or column the report needs
  | 'REPORT_OPTION_INVALID' // a report option (e.g. --heatmap) is malformed
  | 'REPORT_RENDER_FAILED'; // Vega or resvg failed on a figure

/** Every report error but a failed render is about the user's input (folder, options): no stack needed. */
export class ReportError extends PatternsweepError {
  override readonly name: string = 'ReportError';
  declare readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { ...options, userFacing: code !== 'REPORT_RENDER_FAILED' });
  }
}

/** A report option has a value outside what is allowed; the message names field, value and allowed values. */
export class ReportOptionError extends ReportError {
  override readonly name = 'ReportOptionError';
  readonly field: string;
  readonly value: unknown;
  constructor(field: string, value: unknown, allowed: string, options?: { cause?: unknown }) {
    super('REPORT_OPTION_INVALID', `${field}: ${JSON.stringify(value)} is not valid; ${allowed}`, options);
    this.field = field;
    this.value = value;
  }
}
