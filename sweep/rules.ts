/**
 * Value rules shared by the spec fields and by every grid / sample value of
 * the same field, so `beta: -1` and `grid.beta: [-1]` get the same message.
 */

import { formatNumber, formatValue } from './format.js';

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** min itself excluded */
  readonly minOpen?: boolean;
  /** max itself excluded */
  readonly maxOpen?: boolean;
  readonly integer?: boolean;
}

/** `>= 0`, `in [0, 1]`, `in (0, 1)`, `> 0`. */
export function describeRange(rule: NumberRule): string {
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    return `in ${rule.minOpen ? '(' : '['}${formatNumber(min)}, ${formatNumber(max)}${rule.maxOpen ? ')' : ']'}`;
  }
  if (min !== undefined) return `${rule.minOpen ? '>' : '>='} ${formatNumber(min)}`;
  if (max !== undefined) return `${rule.maxOpen ? '<' : '<='} ${formatNumber(max)}`;
  return '';
}

/** `an integer >= 2`, `a number in [0, 1]`. */
export function describeNumberRule(rule: NumberRule): string {
  const range = describeRange(rule);
  const noun = rule.integer ? 'an integer' : 'a number';
  return range === '' ? noun : `${noun} ${range}`;
}

/** The problem with `value` under `rule` (text after the path), or null if it is fine. */
export function checkNumber(value: unknown, rule: NumberRule): string | null {
  if (value === undefined) return `missing; required: ${describeNumberRule(rule)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${formatValue(value)} is not ${describeNumberRule(rule)}`;
  }
  if (rule.integer && !Number.isInteger(value)) return `${formatValue(value)} is not an integer`;
  const { min, max } = rule;
  const low = min !== undefined && (rule.minOpen ? value <= min : value < min);
  const high = max !== undefined && (rule.maxOpen ? value >= max : value > max);
  if (low || high) return `${formatValue(value)} is not ${describeRange(rule)}`;
  return null;
}

/** The problem with `value` as one of `allowed`, or null. */
export function checkEnum(value: unknown, allowed: readonly string[]): string | null {
  if (value === undefined) return `missing; required: one of ${allowed.join(', ')}`;
  if (typeof value === 'string' && allowed.includes(value)) return null;
  return `${formatValue(value)} is not one of ${allowed.join(', ')}`;
}

// Rules used by several fields.
export const PROBABILITY: NumberRule = { min: 0, max: 1 };
export const OPEN_PROBABILITY: NumberRule = { min: 0, max: 1, minOpen: true, maxOpen: true };
/** Entries of a pattern distribution: positive (the model takes logs). */
export const POSITIVE_PROBABILITY: NumberRule = { min: 0, max: 1, minOpen: true };
export const NON_NEGATIVE: NumberRule = { min: 0 };
export const POSITIVE: NumberRule = { min: 0, minOpen: true };
export const MAX_PATTERNS = 1_000_000;
export const MAX_ANSWERS = 1_000;
/** Tolerance for "sums to 1" (hand-written decimals such as 0.1 x 10 sum to 1 - 1e-16). */
export const SUM_TOLERANCE = 1e-9;
