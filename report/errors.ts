/**
 * Errors of the report. Callers branch on `code` (or `name` across threads),
 * never on message text.
 */
export type ReportErrorCode =
  | 'REPORT_STORE_MISSING' // DIR/sweep.duckdb does not exist
  | 'REPORT_STORE_INVALID' // the store lacks a table or column the report needs
  | 'REPORT_OPTION_INVALID' // a report option (e.g. --heatmap) is malformed
  | 'REPORT_RENDER_FAILED'; // Vega or resvg failed on a figure

export class ReportError extends Error {
  override readonly name: string = 'ReportError';
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
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
