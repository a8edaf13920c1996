/**
 * Grid axes (`list`, `linspace`, `logspace`, `range`) and sample-axis
 * distributions: parsing with messages, and expansion to values.
 */
import type { SpecIssue } from './errors.js';
import { GRID_FIELD_PATHS, GRID_FIELDS, type GridField } from './fields.js';
import { formatCount, formatValue } from './format.js';
import { checkEnum, checkNumber, type NumberRule } from './rules.js';
import type { GridAxisForm, GridAxisSpec, SampleAxisSpec, SampleDistribution } from './spec-types.js';

/** Values per grid axis; larger sweeps use more axes (the index space is never expanded). */
export const MAX_AXIS_VALUES = 1_000_000;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Resolves a grid/sample path to its field, or records `not a numeric or enum field`. */
export function lookupField(where: string, path: string, value: unknown, issues: SpecIssue[]): GridField | null {
  const field = GRID_FIELDS.get(path);
  if (field === undefined) {
    issues.push({
      path: `${where}.${path}`,
      value,
      message: `not a numeric or enum field; allowed: ${GRID_FIELD_PATHS.join(', ')}`,
    });
    return null;
  }
  return field;
}

/** Number of values of a form (before the per-axis limit), NaN if the form is malformed. */
function rangeCount(start: number, stop: number, step: number): number {
  // numpy.arange semantics (stop excluded); the slack absorbs 0.3/0.1 = 2.9999999999999996.
  const x = (stop - start) / step;
  return Math.max(0, Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x))));
}

export function axisLength(form: GridAxisForm): number {
  switch (form.kind) {
    case 'list':
      return form.values.length;
    case 'linspace':
    case 'logspace':
      return form.count;
    case 'range':
      return rangeCount(form.start, form.stop, form.step);
  }
}

/**
 * Expands a form to its values. Integer fields round linspace/logspace values
 * to the nearest integer (so `{logspace: [10, 10000, 4]}` gives 10, 100, 1000, 10000).
 */
export function expandAxis(form: GridAxisForm, integer: boolean): (number | string)[] {
  const n = axisLength(form);
  const out: (number | string)[] = new Array(n);
  const round = (v: number) => (integer ? Math.round(v) : v);
  switch (form.kind) {
    case 'list':
      return [...form.values];
    case 'linspace':
      for (let i = 0; i < n; i++) {
        // Endpoints exact; interior a + i (b - a)/(n - 1), as numpy.linspace.
        out[i] = round(i === n - 1 && n > 1 ? form.to : form.from + (i * (form.to - form.from)) / Math.max(1, n - 1));
      }
      return out;
    case 'logspace': {
      const a = Math.log(form.from);
      const b = Math.log(form.to);
      for (let i = 0; i < n; i++) {
        const v = i === 0 ? form.from : i === n - 1 ? form.to : Math.exp(a + (i * (b - a)) / (n - 1));
        out[i] = round(v);
      }
      return out;
    }
    case 'range':
      for (let i = 0; i < n; i++) out[i] = form.start + i * form.step;
      return out;
  }
}

const COUNT_RULE: NumberRule = { min: 1, max: MAX_AXIS_VALUES, integer: true };
const FORM_HELP = 'a list of values, {linspace: [from, to, count]}, {logspace: [from, to, count]} or {range: [start, stop, step]}';

/** Parses one `grid:` entry: form shape, then every expanded value against the field's rule. */
export function parseGridAxis(path: string, raw: unknown, issues: SpecIssue[]): GridAxisSpec | null {
  const where = `grid.${path}`;
  const field = lookupField('grid', path, raw, issues);
  if (field === null) return null;
  const before = issues.length;
  let form: GridAxisForm;
  if (Array.isArray(raw)) {
    form = { kind: 'list', values: raw as (number | string)[] };
  } else if (isRecord(raw) && Object.keys(raw).length === 1 && ['linspace', 'logspace', 'range'].includes(Object.keys(raw)[0])) {
    const kind = Object.keys(raw)[0] as 'linspace' | 'logspace' | 'range';
    const args = raw[kind];
    if (field.kind === 'enum') {
      issues.push({ path: where, value: raw, message: `${path} is an enum field; list its values (one of ${field.values.join(', ')})` });
      return null;
    }
    if (!Array.isArray(args) || args.length !== 3) {
      const shape = kind === 'range' ? '[start, stop, step]' : '[from, to, count]';
      issues.push({ path: `${where}.${kind}`, value: args, message: `${formatValue(args)} is not ${shape}` });
      return null;
    }
    for (let i = 0; i < 3; i++) {
      const rule = kind !== 'range' && i === 2 ? COUNT_RULE : kind === 'logspace' ? { min: 0, minOpen: true } : {};
      const problem = checkNumber(args[i], rule);
      if (problem !== null) issues.push({ path: `${where}.${kind}[${i}]`, value: args[i], message: problem });
    }
    if (issues.length > before) return null;
    const [a, b, c] = args as number[];
    if (kind === 'range') {
      if (c === 0) {
        issues.push({ path: `${where}.range[2]`, value: c, message: '0 is not a valid step (must be non-zero)' });
        return null;
      }
      form = { kind, start: a, stop: b, step: c };
    } else {
      form = { kind, from: a, to: b, count: c };
    }
  } else {
    issues.push({ path: where, value: raw, message: `${formatValue(raw)} is not ${FORM_HELP}` });
    return null;
  }
  const n = axisLength(form);
  if (n === 0) {
    issues.push({ path: where, value: raw, message: `${formatValue(raw)} is empty; a grid axis needs at least one value` });
    return null;
  }
  if (n > MAX_AXIS_VALUES) {
    issues.push({ path: where, value: raw, message: `${formatCount(n)} values exceeds ${MAX_AXIS_VALUES} per axis (use more axes)` });
    return null;
  }
  checkAxisValues(where, field, expandAxis(form, field.kind === 'numeric' && field.rule.integer === true), issues);
  return issues.length > before ? null : { path, form };
}

function checkAxisValues(where: string, field: GridField, values: readonly unknown[], issues: SpecIssue[]): void {
  const seen = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const problem = field.kind === 'enum' ? checkEnum(v, field.values) : checkNumber(v, field.rule);
    if (problem !== null) {
      issues.push({ path: `${where}[${i}]`, value: v, message: problem });
    } else if (seen.has(v)) {
      issues.push({ path: `${where}[${i}]`, value: v, message: `${formatValue(v)} is repeated; each grid value must be distinct` });
    }
    seen.add(v);
  }
}

const SAMPLE_HELP = '{uniform: [low, high]}, {logUniform: [low, high]} or {intUniform: [low, high]}';

/** Parses one `sample.axes` entry; both bounds must satisfy the field's rule. */
export function parseSampleAxis(path: string, raw: unknown, issues: SpecIssue[]): SampleAxisSpec | null {
  const where = `sample.axes.${path}`;
  const field = lookupField('sample.axes', path, raw, issues);
  if (field === null) return null;
  if (field.kind === 'enum') {
    issues.push({ path: where, value: raw, message: `${path} is an enum field; sample axes must be numeric (grid it instead)` });
    return null;
  }
  const kind = isRecord(raw) && Object.keys(raw).length === 1 ? Object.keys(raw)[0] : undefined;
  if (kind !== 'uniform' && kind !== 'logUniform' && kind !== 'intUniform') {
    issues.push({ path: where, value: raw, message: `${formatValue(raw)} is not ${SAMPLE_HELP}` });
    return null;
  }
  const bounds = (raw as Record<string, unknown>)[kind];
  if (!Array.isArray(bounds) || bounds.length !== 2) {
    issues.push({ path: `${where}.${kind}`, value: bounds, message: `${formatValue(bounds)} is not [low, high]` });
    return null;
  }
  const before = issues.length;
  if (field.rule.integer && kind !== 'intUniform') {
    issues.push({ path: where, value: raw, message: `${path} is an integer field; use {intUniform: [low, high]}` });
    return null;
  }
  const rule: NumberRule = kind === 'logUniform' ? { ...field.rule, min: Math.max(field.rule.min ?? 0, 0), minOpen: true } : field.rule;
  const boundRule = kind === 'intUniform' ? { ...rule, integer: true } : rule;
  for (let i = 0; i < 2; i++) {
    const problem = checkNumber(bounds[i], boundRule);
    if (problem !== null) issues.push({ path: `${where}.${kind}[${i}]`, value: bounds[i], message: problem });
  }
  if (issues.length > before) return null;
  const [low, high] = bounds as number[];
  if (low > high) {
    issues.push({ path: `${where}.${kind}`, value: bounds, message: `${formatValue(bounds)} has low > high` });
    return null;
  }
  return { path, distribution: { kind, low, high } as SampleDistribution };
}

/** Maps u in [0, 1) to a sample value. */
export function sampleValue(d: SampleDistribution, u: number): number {
  switch (d.kind) {
    case 'uniform':
      return d.low + u * (d.high - d.low);
    case 'logUniform':
      return d.low * Math.pow(d.high / d.low, u);
    case 'intUniform':
      return Math.min(d.high, d.low + Math.floor(u * (d.high - d.low + 1)));
  }
}
