/** Content hash of a normalised spec: identifies a sweep across coordinator, workers and stores. */
import { createHash } from 'node:crypto';
import type { SweepSpec } from './spec-types.js';

/**
 * JSON with object keys sorted at every level; arrays keep their order (grid
 * axis order is meaningful: it fixes the index space).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 (hex) of the canonical JSON of the normalised spec. */
export function specHash(spec: SweepSpec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}
