/**
 * The `refine:` section of a spec (docs/spec.md "refine"): its YAML shape
 * (`refineSectionSchema`, used by schema.ts) and the rules that need the rest
 * of the spec (`checkRefine`, called by parse.ts): refined axes must be
 * numeric grid axes, the quantity's statistic must be kept, the budget must
 * hold level 0 and stay within limits.maxRuns.
 */
import { z } from 'zod';
import { GRID_FIELDS } from './fields.js';
import { expandAxis } from './axes.js';
import type { SpecIssue } from './errors.js';
import { formatCount, formatValue } from './format.js';
import { checkEnum, checkNumber, type NumberRule } from './rules.js';
import { REFINE_SHARES, REFINE_TIMES, type RefineQuantity, type RefineShare, type RefineSpec, type RefineTime, type SweepSpec } from './spec-types.js';

export const MAX_REFINE_AXES = 3;
export const MAX_REFINE_LEVELS = 20;
const LEVELS_RULE: NumberRule = { min: 1, max: MAX_REFINE_LEVELS, integer: true };
const BUDGET_RULE: NumberRule = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true };
const SHARE_LEVEL_RULE: NumberRule = { min: 0, max: 1, minOpen: true, maxOpen: true };
const TIME_LEVEL_RULE: NumberRule = { min: 0, minOpen: true };
const FIELDS = ['axes', 'quantity', 'levels', 'budget', 'split'] as const;
const SPLIT_COUNT_RULE: NumberRule = { min: 1, max: 1e9, integer: true };
const SPLIT_HELP = 'disagree or {largest: N} (N cells per level, an integer >= 1)';
const QUANTITY_HELP = `regime, {share: ${REFINE_SHARES.join('|')}, level: (0, 1)} or {time: ${REFINE_TIMES.join('|')}, level: > 0}`;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
type Ctx = z.core.$RefinementCtx<unknown>;

function issue(ctx: Ctx, path: (string | number)[], value: unknown, message: string): void {
  ctx.addIssue({ code: 'custom', message, path, input: value });
}

function parseQuantity(v: unknown, ctx: Ctx): RefineQuantity | null {
  if (v === 'regime') return { kind: 'regime' };
  const kind = isRecord(v) ? (['share', 'time'] as const).find((k) => k in v) : undefined;
  if (!isRecord(v) || kind === undefined) {
    issue(ctx, ['quantity'], v, `${formatValue(v)} is not ${QUANTITY_HELP}`);
    return null;
  }
  let ok = true;
  for (const key of Object.keys(v)) {
    if (key !== kind && key !== 'level') {
      issue(ctx, ['quantity', key], v[key], `unknown field; allowed: ${kind}, level`);
      ok = false;
    }
  }
  const statProblem = checkEnum(v[kind], kind === 'share' ? REFINE_SHARES : REFINE_TIMES);
  if (statProblem !== null) issue(ctx, ['quantity', kind], v[kind], statProblem);
  const levelProblem = checkNumber(v.level, kind === 'share' ? SHARE_LEVEL_RULE : TIME_LEVEL_RULE);
  if (levelProblem !== null) issue(ctx, ['quantity', 'level'], v.level, levelProblem);
  if (!ok || statProblem !== null || levelProblem !== null) return null;
  return kind === 'share'
    ? { kind, statistic: v.share as RefineShare, level: v.level as number }
    : { kind, statistic: v.time as RefineTime, level: v.level as number };
}

function parseSplit(v: unknown, ctx: Ctx): RefineSpec['split'] | null {
  if (v === undefined || v === 'disagree') return { kind: 'disagree' };
  if (isRecord(v) && Object.keys(v).length === 1 && 'largest' in v) {
    const problem = checkNumber(v.largest, SPLIT_COUNT_RULE);
    if (problem === null) return { kind: 'largest', count: v.largest as number };
    issue(ctx, ['split', 'largest'], v.largest, problem);
    return null;
  }
  issue(ctx, ['split'], v, `${formatValue(v)} is not ${SPLIT_HELP}`);
  return null;
}

/** `refine:` as written -> RefineSpec; every problem names its field (`refine.levels: 0 is not in [1, 20]`). */
export const refineSectionSchema = z.custom<unknown>(() => true).transform((v, ctx): RefineSpec => {
  if (!isRecord(v)) {
    issue(ctx, [], v, `${formatValue(v)} is not a mapping with ${FIELDS.join(', ')}`);
    return z.NEVER;
  }
  let ok = true;
  for (const key of Object.keys(v)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      issue(ctx, [key], v[key], `unknown field; allowed: ${FIELDS.join(', ')}`);
      ok = false;
    }
  }
  const axes = v.axes;
  if (!Array.isArray(axes) || axes.length < 1 || axes.length > MAX_REFINE_AXES || !axes.every((a) => typeof a === 'string')) {
    issue(ctx, ['axes'], axes, `${axes === undefined ? 'missing; required:' : `${formatValue(axes)} is not`} a list of 1 to ${MAX_REFINE_AXES} grid axis paths`);
    ok = false;
  } else {
    axes.forEach((a, i) => {
      if (axes.indexOf(a) !== i) {
        issue(ctx, ['axes', i], a, `${formatValue(a)} is repeated; each refined axis must be distinct`);
        ok = false;
      }
    });
  }
  const quantity = parseQuantity(v.quantity, ctx);
  for (const [key, rule] of [['levels', LEVELS_RULE], ['budget', BUDGET_RULE]] as const) {
    const problem = checkNumber(v[key], rule);
    if (problem !== null) {
      issue(ctx, [key], v[key], problem);
      ok = false;
    }
  }
  const split = parseSplit(v.split, ctx);
  if (!ok || quantity === null || split === null) return z.NEVER;
  return { axes: axes as string[], quantity, levels: v.levels as number, budget: v.budget as number, split };
});

/** Runs per grid point: samples x replicates. */
export function runsPerGridPoint(spec: SweepSpec): number {
  return (spec.sample?.count ?? 1) * spec.replicates;
}

/** The statistic a quantity reads from the runs table. */
export function quantityStatistic(q: RefineQuantity): string {
  return q.kind === 'regime' ? 'regime' : q.statistic;
}

/** Rules of `refine` against the rest of the spec; issues are pushed (parse.ts reports them with the others). */
export function checkRefine(spec: SweepSpec, issues: SpecIssue[]): void {
  const refine = spec.refine;
  if (refine === undefined) return;
  const gridPaths = spec.grid.map((a) => a.path);
  refine.axes.forEach((path, i) => {
    const where = `refine.axes[${i}]`;
    const axis = spec.grid.find((a) => a.path === path);
    if (axis === undefined) {
      const inSample = spec.sample?.axes.some((a) => a.path === path) === true;
      issues.push({
        path: where,
        value: path,
        message: `${formatValue(path)} is not a grid axis${inSample ? ' (it is a sample axis; only grid axes can be refined)' : ''}; grid axes: ${gridPaths.length > 0 ? gridPaths.join(', ') : '(none)'}`,
      });
      return;
    }
    const field = GRID_FIELDS.get(path);
    if (field?.kind !== 'numeric') {
      issues.push({ path: where, value: path, message: `${path} is an enum axis; only numeric axes can be refined` });
      return;
    }
    const values = expandAxis(axis.form, field.rule.integer === true);
    if (values.length < 2) {
      issues.push({ path: where, value: path, message: `grid.${path} has ${values.length} value; a refined axis needs at least 2 (cell corners)` });
    }
  });
  const stat = quantityStatistic(refine.quantity);
  const kept = spec.keep.statistics;
  if (kept !== 'all' && !(kept as readonly string[]).includes(stat)) {
    issues.push({ path: 'refine.quantity', value: stat, message: `reads statistic ${stat}, which keep.statistics does not keep` });
  }
  const gridPoints = spec.grid.reduce((n, a) => {
    const field = GRID_FIELDS.get(a.path);
    return n * expandAxis(a.form, field?.kind === 'numeric' && field.rule.integer === true).length;
  }, 1);
  const level0 = gridPoints * runsPerGridPoint(spec);
  if (refine.budget < level0) {
    issues.push({
      path: 'refine.budget',
      value: refine.budget,
      message: `${formatCount(refine.budget)} runs is less than the ${formatCount(level0)} runs of level 0 (the grid as written)`,
    });
  }
  if (refine.budget > spec.limits.maxRuns) {
    issues.push({
      path: 'refine.budget',
      value: refine.budget,
      message: `${formatCount(refine.budget)} runs exceeds limits.maxRuns (${formatCount(spec.limits.maxRuns)}); raise limits.maxRuns on purpose`,
    });
  }
}
