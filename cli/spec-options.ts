/** Options about reading a spec file, shared by `run` and `validate`. */
import { Option } from 'commander';
import { SPEC_FILE_DEFAULTS } from '../sweep/index.js';
import { parseMaxSpecBytes } from './options.js';

/** `--max-spec-bytes N` (env PATTERNSWEEP_MAX_SPEC_BYTES): spec files larger than this are refused before parsing. */
export function maxSpecBytesOption(): Option {
  return new Option('--max-spec-bytes <n>', `largest spec file accepted, in bytes (default ${SPEC_FILE_DEFAULTS.maxBytes} = 1 MiB)`)
    .env('PATTERNSWEEP_MAX_SPEC_BYTES')
    .argParser(parseMaxSpecBytes);
}
