/**
 * Columnar appends into DuckDB (issue 12, item 3): rows are staged column by
 * column in JS buffers the size of one DuckDB vector (2048 rows), and each
 * full buffer goes to the table as one data chunk: per column one memory copy
 * of the values and one of the validity mask, then one `append_data_chunk`.
 * Rows of many shards share a chunk, so a commit of 64 shards of 256 runs
 * costs 8 chunk appends, not 16384 `endRow` calls of ~25 values each.
 *
 * The values written are exactly what the row-by-row appender wrote before:
 * NaN -> NULL everywhere; BOOLEAN is v !== 0; INTEGER and BIGINT are
 * Math.trunc(v), NULL when not finite (INTEGER wraps to 32 bits as
 * `appendInteger` did). The node-api vector classes are not used on this
 * path: they set one item at a time and keep validity in BigInts (a profile
 * showed them slower than the row appender on columns with NULLs).
 */
import { endianness } from 'node:os';
import duckdb from '@duckdb/node-bindings';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBType,
} from '@duckdb/node-api';
import { PatternsweepError } from '../errors/index.js';

export type ChunkColumnType = 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR';

const DUCKDB_TYPES: Readonly<Record<ChunkColumnType, DuckDBType>> = { BIGINT, INTEGER, DOUBLE, BOOLEAN, VARCHAR };
const WIDTH: Readonly<Record<Exclude<ChunkColumnType, 'VARCHAR'>, number>> = { BIGINT: 8, INTEGER: 4, DOUBLE: 8, BOOLEAN: 1 };
const TWO_32 = 4294967296;

/** Rows per chunk: DuckDB's vector size. */
export const CHUNK_ROWS = duckdb.vector_size();

export class ChunkLayoutError extends PatternsweepError {
  override readonly name = 'ChunkLayoutError';
  constructor(message: string) {
    super('CHUNK_LAYOUT', message);
  }
}

/**
 * Where a column's values come from, for `count` rows starting at row `from`
 * of the caller's range: a typed array (converted by the column type), a
 * string array (VARCHAR; null -> NULL), or a function of the row (BIGINT /
 * INTEGER generated columns such as idx and k).
 */
export type ColumnSource =
  | { readonly kind: 'values'; readonly values: Float64Array }
  | { readonly kind: 'strings'; readonly values: readonly (string | null | undefined)[] }
  /** first + floor(row / every): idx of runs (every = 1) or of trajectory samples (every = K). */
  | { readonly kind: 'sequence'; readonly first: number; readonly every: number }
  /** row mod period: k of trajectory samples. */
  | { readonly kind: 'repeat'; readonly period: number };

/** One staged column: a data buffer of CHUNK_ROWS values and a validity bitmap (LSB-first, 64-bit words). */
interface Staged {
  readonly type: ChunkColumnType;
  readonly bytes: ArrayBuffer;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly u8: Uint8Array;
  readonly strings: (string | null)[];
  readonly validity: Uint32Array;
  readonly validityBytes: ArrayBuffer;
  /** Some staged row is NULL. */
  nulls: boolean;
  /** The last chunk carried a validity mask: write one (all valid) again rather than trust the reset. */
  maskWritten: boolean;
}

/**
 * Appends rows to a table as data chunks. `begin` with an appender, `append`
 * any number of times, then `close` (flushes the last partial chunk and
 * closes the appender) inside the caller's transaction. The staging buffers
 * stay for the next `begin`: a store keeps one writer per table, so a commit
 * of one small shard does not allocate ~25 column buffers.
 */
export class ChunkWriter {
  #appender: DuckDBAppender | null = null;
  readonly #types: readonly ChunkColumnType[];
  readonly #chunk: DuckDBDataChunk;
  readonly #columns: Staged[];
  #rows = 0;

  constructor(types: readonly ChunkColumnType[]) {
    if (endianness() !== 'LE') throw new ChunkLayoutError('columnar ingest assumes a little-endian host');
    this.#types = types;
    this.#chunk = DuckDBDataChunk.create(types.map((t) => DUCKDB_TYPES[t]));
    this.#columns = types.map((type) => {
      const bytes = new ArrayBuffer(CHUNK_ROWS * (type === 'VARCHAR' ? 16 : 8));
      const validityBytes = new ArrayBuffer(Math.ceil(CHUNK_ROWS / 64) * 8);
      const validity = new Uint32Array(validityBytes);
      validity.fill(0xffffffff);
      return {
        type,
        bytes,
        f64: new Float64Array(bytes),
        i32: new Int32Array(bytes),
        u32: new Uint32Array(bytes),
        u8: new Uint8Array(bytes),
        strings: type === 'VARCHAR' ? new Array<string | null>(CHUNK_ROWS).fill(null) : [],
        validity,
        validityBytes,
        nulls: false,
        maskWritten: false,
      };
    });
  }

  /** Starts appending through `appender` (a fresh one per transaction). */
  begin(appender: DuckDBAppender): this {
    if (this.#appender !== null) throw new ChunkLayoutError('begin: the previous appender is still open');
    if (appender.columnCount !== this.#types.length) {
      throw new ChunkLayoutError(`appender has ${appender.columnCount} columns, writer was given ${this.#types.length}`);
    }
    this.#appender = appender;
    return this;
  }

  #open(): DuckDBAppender {
    if (this.#appender === null) throw new ChunkLayoutError('no appender: call begin first');
    return this.#appender;
  }

  /** Appends `count` rows; `sources[c]` gives column c (same order as the table). */
  append(count: number, sources: readonly ColumnSource[]): void {
    if (sources.length !== this.#columns.length) {
      throw new ChunkLayoutError(`${sources.length} column sources for ${this.#columns.length} columns`);
    }
    let from = 0;
    while (from < count) {
      const take = Math.min(count - from, CHUNK_ROWS - this.#rows);
      for (let c = 0; c < sources.length; c++) stage(this.#columns[c], sources[c], this.#rows, from, take);
      this.#rows += take;
      from += take;
      if (this.#rows === CHUNK_ROWS) this.#flush();
    }
  }

  /** Appends what is staged and closes the appender (its rows become part of the caller's transaction). */
  close(): void {
    const appender = this.#open();
    if (this.#rows > 0) this.#flush();
    this.#appender = null;
    appender.closeSync();
  }

  /**
   * Drops staged rows and closes the appender, after a failure: the caller
   * rolls its transaction back, and the error that got us here is the one to
   * report, so an error closing is not raised over it.
   */
  discard(): void {
    this.#rows = 0;
    for (const column of this.#columns) {
      if (column.nulls) column.validity.fill(0xffffffff);
      column.nulls = false;
    }
    const appender = this.#appender;
    this.#appender = null;
    try {
      appender?.clear();
      appender?.closeSync();
    } catch {
      // see above: the transaction is rolled back either way
    }
  }

  #flush(): void {
    const rows = this.#rows;
    const raw = this.#chunk.chunk;
    duckdb.data_chunk_set_size(raw, rows);
    const validityBytes = Math.ceil(rows / 64) * 8;
    for (let c = 0; c < this.#columns.length; c++) {
      const column = this.#columns[c];
      const vector = duckdb.data_chunk_get_vector(raw, c);
      if (column.type === 'VARCHAR') {
        // Strings of at most 12 bytes live inside DuckDB's 16-byte string_t
        // (length, then the bytes): written with the data copy. Longer ones
        // need DuckDB's string heap: one call each, after the copy.
        const long: number[] = [];
        const u8 = column.u8;
        for (let i = 0; i < rows; i++) {
          const s = column.strings[i];
          const at = i * 16;
          u8.fill(0, at, at + 16);
          if (s === null) continue;
          const bytes = inlineBytes(s);
          if (bytes === null) {
            long.push(i);
            continue;
          }
          column.u32[i * 4] = bytes.length;
          u8.set(bytes, at + 4);
        }
        duckdb.copy_data_to_vector(vector, 0, column.bytes, 0, rows * 16);
        for (const i of long) duckdb.vector_assign_string_element(vector, i, column.strings[i] as string);
      } else {
        duckdb.copy_data_to_vector(vector, 0, column.bytes, 0, rows * WIDTH[column.type]);
      }
      if (column.nulls || column.maskWritten) {
        duckdb.vector_ensure_validity_writable(vector);
        duckdb.copy_data_to_vector_validity(vector, 0, column.validityBytes, 0, validityBytes);
        column.maskWritten = column.nulls;
        if (column.nulls) column.validity.fill(0xffffffff);
        column.nulls = false;
      }
    }
    this.#open().appendDataChunk(this.#chunk);
    this.#chunk.reset();
    this.#rows = 0;
  }
}

const encoder = new TextEncoder();
const inlined = new Map<string, Uint8Array | null>();

/** UTF-8 bytes of `s` if they fit inside a string_t (<= 12), else null; cached (axis values and statistic names repeat). */
function inlineBytes(s: string): Uint8Array | null {
  let bytes = inlined.get(s);
  if (bytes === undefined) {
    const encoded = encoder.encode(s);
    bytes = encoded.length <= 12 ? encoded : null;
    if (inlined.size < 4096) inlined.set(s, bytes);
  }
  return bytes;
}

function setNull(column: Staged, row: number): void {
  column.validity[row >>> 5] &= ~(1 << (row & 31));
  column.nulls = true;
}

/** Writes an integer-valued double as little-endian int64 (two's complement), exact for |v| < 2^64. */
function setInt64(u32: Uint32Array, row: number, v: number): void {
  u32[2 * row] = v >>> 0;
  u32[2 * row + 1] = Math.floor(v / TWO_32) >>> 0;
}

/** Stages rows [from, from + count) of `source` at chunk rows [at, at + count). */
function stage(column: Staged, source: ColumnSource, at: number, from: number, count: number): void {
  switch (source.kind) {
    case 'values':
      stageValues(column, source.values, at, from, count);
      return;
    case 'strings':
      if (column.type !== 'VARCHAR') throw new ChunkLayoutError(`strings for a ${column.type} column`);
      for (let j = 0; j < count; j++) {
        const s = source.values[from + j];
        if (s === null || s === undefined) {
          column.strings[at + j] = null;
          setNull(column, at + j);
        } else {
          column.strings[at + j] = s;
        }
      }
      return;
    case 'sequence':
    case 'repeat':
      for (let j = 0; j < count; j++) {
        const row = from + j;
        const v = source.kind === 'sequence' ? source.first + Math.floor(row / source.every) : row % source.period;
        if (column.type === 'BIGINT') setInt64(column.u32, at + j, v);
        else if (column.type === 'INTEGER') column.i32[at + j] = v;
        else throw new ChunkLayoutError(`a generated column must be BIGINT or INTEGER, not ${column.type}`);
      }
      return;
  }
}

function stageValues(column: Staged, values: Float64Array, at: number, from: number, count: number): void {
  switch (column.type) {
    case 'DOUBLE': {
      const f64 = column.f64;
      for (let j = 0; j < count; j++) {
        const v = values[from + j];
        if (v !== v) setNull(column, at + j);
        else f64[at + j] = v;
      }
      return;
    }
    case 'BOOLEAN': {
      const u8 = column.u8;
      for (let j = 0; j < count; j++) {
        const v = values[from + j];
        if (v !== v) setNull(column, at + j);
        else u8[at + j] = v !== 0 ? 1 : 0;
      }
      return;
    }
    case 'INTEGER': {
      const i32 = column.i32;
      for (let j = 0; j < count; j++) {
        const v = values[from + j];
        if (Number.isFinite(v)) i32[at + j] = Math.trunc(v);
        else setNull(column, at + j);
      }
      return;
    }
    case 'BIGINT': {
      const u32 = column.u32;
      for (let j = 0; j < count; j++) {
        const v = values[from + j];
        if (Number.isFinite(v)) setInt64(u32, at + j, Math.trunc(v));
        else setNull(column, at + j);
      }
      return;
    }
    case 'VARCHAR':
      throw new ChunkLayoutError('numbers for a VARCHAR column');
  }
}
