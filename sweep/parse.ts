/**
 * `parseSpec`: YAML text -> validated, normalised `SweepSpec`, or one
 * `SpecError` listing every issue (syntax, schema, grid/sample axes and
 * cross-field rules). Pure: no file access.
 */
import { isMap, isPair, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { BackendName } from '../model/backend.js';
import { EXACT_ALGORITHMS } from '../model/batch.js';
import { TFJS_MIN_TOLERANCE } from '../model/tfjs/limits.js';
import { parseGridAxis, parseSampleAxis, expandAxis, axisLength } from './axes.js';
import { SpecError, type SpecIssue } from './errors.js';
import { GRID_FIELDS, type GridField } from './fields.js';
import { formatCount, formatPath, formatValue } from './format.js';
import { SUM_TOLERANCE } from './rules.js';
import { documentSchema, type DocumentOutput } from './schema.js';
import { checkRefine } from './refine-spec.js';
import { SOBOL_MAX_DIMENSIONS } from './sobol.js';
import type { GridAxisSpec, SampleAxisSpec, SampleSpec, SuccessRateForm, SweepSpec } from './spec-types.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses and validates a spec. `source` names it in messages (a file path). */
export function parseSpec(text: string, source = 'spec'): SweepSpec {
  const raw = parseYaml(text, source);
  return validateSpec(raw, source);
}

/**
 * Deepest nesting of mappings and lists a spec may have. The deepest real spec
 * field is 4 levels down (`grid.<path>.logspace[i]`); thousands of levels
 * exhaust the YAML composer's stack.
 */
export const MAX_SPEC_DEPTH = 32;

function parseYaml(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (pos: number): string => {
    const { line, col } = lineCounter.linePos(pos);
    return `${source}:${line}:${col}`;
  };
  // Problems with the document as a whole get one issue each, not the parser's wording.
  const multiple = doc.errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (multiple !== undefined) {
    throw new SpecError(source, [
      { path: '', value: undefined, message: `${where(multiple.pos[0])}: a second YAML document starts here (---); a spec is one document` },
    ]);
  }
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  const tooDeep = exhausted !== undefined ? exhausted.pos[0] : deeperThan(doc.contents, MAX_SPEC_DEPTH);
  if (tooDeep !== null) {
    throw new SpecError(source, [
      { path: '', value: undefined, message: `${where(tooDeep)}: nested more than ${MAX_SPEC_DEPTH} levels deep; a spec needs at most a few` },
    ]);
  }
  if (doc.errors.length > 0) {
    throw new SpecError(
      source,
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { path: '', value: undefined, message: `${source}:${line}:${col}: YAML syntax error: ${e.message}` };
      }),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new SpecError(source, [{ path: '', value: undefined, message: `${source}: YAML error: ${(error as Error).message}` }], {
      cause: error,
    });
  }
}

/** Offset of the first node nested deeper than `limit` levels, or null (iterative: depth is what we distrust). */
function deeperThan(root: unknown, limit: number): number | null {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > limit) return node.range?.[0] ?? 0;
      for (const item of node.items as unknown[]) stack.push([item, depth + 1]);
    } else if (isPair(node)) {
      // A pair is not a level of its own: its value sits one level below the map.
      stack.push([node.key, depth], [node.value, depth]);
    }
  }
  return null;
}

/** Validates an already-parsed document (the YAML's JS value). */
export function validateSpec(raw: unknown, source = 'spec'): SweepSpec {
  if (!isRecord(raw)) {
    throw new SpecError(source, [{ path: '', value: raw, message: `${source}: ${formatValue(raw)} is not a mapping of spec fields` }]);
  }
  const issues: SpecIssue[] = [];
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) issues.push(...parsed.error.issues.flatMap((i) => convertIssue(i, raw)));

  // Axes are checked even when other fields failed, so every issue is reported at once.
  const grid: GridAxisSpec[] = [];
  if (isRecord(raw.grid)) {
    for (const [path, axis] of Object.entries(raw.grid)) {
      const parsedAxis = parseGridAxis(path, axis, issues);
      if (parsedAxis !== null) grid.push(parsedAxis);
    }
  }
  const sampleAxes: SampleAxisSpec[] = [];
  const rawSample = isRecord(raw.sample) ? raw.sample : undefined;
  if (rawSample !== undefined && isRecord(rawSample.axes)) {
    const entries = Object.entries(rawSample.axes);
    if (entries.length === 0) {
      issues.push({ path: 'sample.axes', value: rawSample.axes, message: '{} is empty; list at least one axis' });
    }
    for (const [path, dist] of entries) {
      if (isRecord(raw.grid) && path in raw.grid) {
        issues.push({
          path: `sample.axes.${path}`,
          value: dist,
          message: `${path} is also a grid axis (grid.${path}); an axis may appear once`,
        });
        continue;
      }
      const axis = parseSampleAxis(path, dist, issues);
      if (axis !== null) sampleAxes.push(axis);
    }
    if ((rawSample.method ?? 'sobol') === 'sobol' && entries.length > SOBOL_MAX_DIMENSIONS) {
      issues.push({
        path: 'sample.axes',
        value: entries.length,
        message: `${entries.length} axes exceeds the ${SOBOL_MAX_DIMENSIONS} dimensions of the Sobol table (use method: uniform)`,
      });
    }
  }

  // Cross-field rules also run when some fields failed: on a copy without the failed fields
  // (defaults fill in), keeping only issues unrelated to those already reported.
  const doc = parsed.success ? parsed.data : repairedDocument(raw, parsed.error.issues);
  if (doc !== null) {
    const sample: SampleSpec | null = doc.sample === null ? null : { count: doc.sample.count, method: doc.sample.method, axes: sampleAxes };
    const crossIssues: SpecIssue[] = [];
    const spec = normalise(doc, grid, sample, crossIssues);
    if (spec !== null) {
      checkCrossFields(spec, crossIssues);
      checkRefine(spec, crossIssues);
    }
    const reported = issues.map((i) => i.path);
    issues.push(...crossIssues.filter((c) => !reported.some((p) => relatedPaths(p, c.path))));
    if (issues.length === 0 && spec !== null) return spec;
  }
  throw new SpecError(source, issues);
}

/** True when one path is the other or lies inside it (`grid.beta` and `grid.beta[2]`). */
function relatedPaths(a: string, b: string): boolean {
  const inside = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return inside(a, b) || inside(b, a);
}

/** Placeholders for required fields whose value failed, so the rest can still be checked. */
const PLACEHOLDERS: Record<string, unknown> = { name: 'invalid', seed: 0 };

/** The document without the fields zod rejected (lists are dropped whole), parsed again; null if still invalid. */
function repairedDocument(raw: Record<string, unknown>, zodIssues: readonly z.core.$ZodIssue[]): DocumentOutput | null {
  const copy = structuredClone(raw);
  const drop = (path: readonly PropertyKey[]) => {
    const cut = path.findIndex((k) => typeof k === 'number');
    const keep = cut === -1 ? path : path.slice(0, cut);
    if (keep.length === 0) return;
    const parent = valueAt(copy, keep.slice(0, -1));
    if (!isRecord(parent)) return;
    const key = String(keep[keep.length - 1]);
    if (keep.length === 1 && key in PLACEHOLDERS) parent[key] = PLACEHOLDERS[key];
    else delete parent[key];
  };
  for (const issue of zodIssues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) drop([...path, key]);
    else drop(path);
  }
  const again = documentSchema.safeParse(copy);
  return again.success ? again.data : null;
}

/** zod issue -> our issues (one per unknown key), with the value as written. */
function convertIssue(issue: z.core.$ZodIssue, raw: unknown): SpecIssue[] {
  const path = issue.path as PropertyKey[];
  const value = valueAt(raw, path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(path);
    return issue.keys.map((key) => ({
      path: formatPath([...path, key]),
      value: valueAt(raw, [...path, key]),
      message: `unknown field; allowed: ${allowed.join(', ')}`,
    }));
  }
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'object' || issue.expected === 'record' ? 'a mapping' : issue.expected === 'array' || issue.expected === 'tuple' ? 'a list' : `a ${issue.expected}`;
    message = value === undefined ? `missing; required: ${expected}` : `${formatValue(value)} is not ${expected}`;
  } else if (issue.code === 'too_big' || issue.code === 'too_small') {
    message = `${formatValue(value)} has the wrong number of items (expected [low, high])`;
  }
  return [{ path: formatPath(path), value, message }];
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Field names the document schema allows at `path` (for `unknown field` messages). */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let schema = documentSchema as unknown as z.core.$ZodType;
  const unwrap = (s: z.core.$ZodType): z.core.$ZodType => {
    let cur = s;
    for (;;) {
      const def = cur._zod.def as { type: string; innerType?: z.core.$ZodType };
      if (def.innerType !== undefined && ['default', 'prefault', 'nullable', 'optional'].includes(def.type)) cur = def.innerType;
      else return cur;
    }
  };
  for (const key of path) {
    const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType> };
    if (def.type !== 'object' || def.shape === undefined || !(String(key) in def.shape)) return [];
    schema = def.shape[String(key)];
  }
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.shape === undefined ? [] : Object.keys(def.shape);
}

/** Fills what the document leaves implicit (successRate from answerDistribution). */
function normalise(doc: DocumentOutput, grid: GridAxisSpec[], sample: SampleSpec | null, issues: SpecIssue[]): SweepSpec | null {
  const m = doc.model;
  let successRate: SuccessRateForm | undefined = m.successRate;
  if (successRate === undefined) {
    if (m.answerDistribution === null) {
      issues.push({
        path: 'model.successRate',
        value: undefined,
        message: 'missing; required: a list of R success rates in [0, 1], {uniform: [low, high]} or {optimal, rival, rest} (or give model.answerDistribution)',
      });
      return null;
    }
    // pi(a*|r) = p(r): the first answer column (docs/model.md §1).
    successRate = { kind: 'list', values: m.answerDistribution.map((row) => row[0]) };
  }
  return {
    name: doc.name,
    seed: doc.seed,
    replicates: doc.replicates,
    backend: doc.backend,
    model: {
      patterns: m.patterns,
      answers: m.answers,
      successRate,
      initialPattern: m.initialPattern,
      referencePattern: m.referencePattern,
      answerDistribution: m.answerDistribution,
      train: m.train,
    },
    reward: doc.reward,
    beta: doc.beta,
    algorithm: { ...doc.algorithm },
    horizon: { ...doc.horizon },
    epsilon: doc.epsilon,
    sft: { ...doc.sft },
    grid,
    sample,
    shardSize: doc.shardSize,
    keep: { ...doc.keep },
    limits: { ...doc.limits },
    // Only present when written, so specs without it keep their hash.
    ...(doc.refine === undefined ? {} : { refine: doc.refine }),
  };
}

/** Where a field varies: `grid.X`, `sample.axes.X`, or the field itself. */
function axisWhere(spec: SweepSpec, path: string): string {
  if (spec.grid.some((a) => a.path === path)) return `grid.${path}`;
  if (spec.sample?.axes.some((a) => a.path === path)) return `sample.axes.${path}`;
  return path;
}

/** Every value a field takes in the sweep (grid values, sample bounds, or the base value). */
function possibleValues(spec: SweepSpec, field: GridField): (number | string)[] {
  const g = spec.grid.find((a) => a.path === field.path);
  if (g !== undefined) return expandAxis(g.form, field.kind === 'numeric' && field.rule.integer === true);
  const s = spec.sample?.axes.find((a) => a.path === field.path);
  if (s !== undefined) return [s.distribution.low, s.distribution.high];
  const base = field.base(spec);
  return base === undefined ? [] : [base];
}

/**
 * What a spec allows but probably does not mean, as issues (path, value,
 * message) for `patternsweep validate` to print as warnings: a
 * `{optimal, rival, rest}` success rate whose `rival` or `rest` is not below
 * `optimal` (for some grid or sample value). r* is argmax p (docs/model.md
 * §1), so pattern 0 is then not the only optimal pattern: with rival 0.95 >
 * optimal 0.9 the "rival" silently becomes r*.
 */
export function specWarnings(spec: SweepSpec): SpecIssue[] {
  const warnings: SpecIssue[] = [];
  if (spec.model.successRate.kind !== 'tiers') return warnings;
  const values = (path: string) => possibleValues(spec, GRID_FIELDS.get(path) as GridField) as number[];
  const lowestOptimal = Math.min(...values('model.successRate.optimal'));
  const optimalWhere = axisWhere(spec, 'model.successRate.optimal');
  const consequence: Record<string, string> = {
    rival: 'pattern 1 then ties or beats pattern 0 and r* = argmax p is not the "optimal" pattern of the spec (docs/model.md §1)',
    rest: 'patterns 2.. then tie or beat pattern 0 and r* = argmax p is not the "optimal" pattern of the spec (docs/model.md §1)',
  };
  for (const tier of ['rival', 'rest'] as const) {
    const path = `model.successRate.${tier}`;
    const highest = Math.max(...values(path));
    if (highest >= lowestOptimal) {
      warnings.push({
        path: axisWhere(spec, path),
        value: highest,
        message: `${formatValue(highest)} is not below ${optimalWhere} (${formatValue(lowestOptimal)}); ${consequence[tier]}`,
      });
    }
  }
  return warnings;
}

const FORM_NAMES: Record<string, string> = {
  uniform: 'uniform',
  list: 'a list',
  optimal: '{optimal: q}',
  gamma: '{gamma, rival}',
  tiers: '{optimal, rival, rest}',
  initial: 'initial (follows model.initialPattern)',
};

function checkCrossFields(spec: SweepSpec, issues: SpecIssue[]): void {
  const field = (path: string) => GRID_FIELDS.get(path) as GridField;
  const numbers = (path: string) => possibleValues(spec, field(path)) as number[];

  // Axes over form parameters need that form.
  for (const axis of [...spec.grid, ...(spec.sample?.axes ?? [])]) {
    const req = field(axis.path).requires;
    if (req === undefined) continue;
    const kind = req.kindIn(spec);
    if (kind !== req.kind) {
      const formName = req.formPath === 'model.successRate' && kind === 'uniform' ? '{uniform: [low, high]}' : FORM_NAMES[kind];
      issues.push({
        path: axisWhere(spec, axis.path),
        value: undefined,
        message: `${req.formPath} is ${formName}; this axis needs the ${req.written} form`,
      });
    }
  }

  const R = spec.model.patterns;
  const A = spec.model.answers;
  const patternsVary = axisWhere(spec, 'model.patterns') !== 'model.patterns';
  const answersVary = axisWhere(spec, 'model.answers') !== 'model.answers';
  const lists: [string, readonly number[], boolean][] = [];
  const sr = spec.model.successRate;
  if (sr.kind === 'list') lists.push(['model.successRate', sr.values, false]);
  for (const [path, form] of [
    ['model.initialPattern', spec.model.initialPattern],
    ['model.referencePattern', spec.model.referencePattern],
    ['sft.target', spec.sft.target],
  ] as const) {
    if (form.kind === 'list') lists.push([path, form.values, true]);
  }
  for (const [path, values, distribution] of lists) {
    if (patternsVary) {
      issues.push({
        path,
        value: values,
        message: `a list fits one pattern count, but model.patterns varies (${axisWhere(spec, 'model.patterns')}); use a form that fits any R`,
      });
    } else if (values.length !== R) {
      issues.push({ path, value: values, message: `${values.length} values but model.patterns is ${R}` });
    } else if (distribution) {
      const sum = values.reduce((s, v) => s + v, 0);
      if (Math.abs(sum - 1) > SUM_TOLERANCE) issues.push({ path, value: values, message: `sums to ${Number(sum.toPrecision(12))}, not 1` });
    }
  }

  const ad = spec.model.answerDistribution;
  if (ad !== null) {
    if (patternsVary || answersVary) {
      issues.push({ path: 'model.answerDistribution', value: ad, message: 'an R x A matrix fits one shape, but model.patterns or model.answers varies' });
    } else {
      if (ad.length !== R) issues.push({ path: 'model.answerDistribution', value: ad, message: `${ad.length} rows but model.patterns is ${R}` });
      ad.forEach((row, r) => {
        if (row.length !== A) {
          issues.push({ path: `model.answerDistribution[${r}]`, value: row, message: `${row.length} values but model.answers is ${A}` });
          return;
        }
        const sum = row.reduce((s, v) => s + v, 0);
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
          issues.push({ path: `model.answerDistribution[${r}]`, value: row, message: `sums to ${Number(sum.toPrecision(12))}, not 1` });
        }
      });
      if (sr.kind !== 'list') {
        issues.push({ path: 'model.successRate', value: undefined, message: 'must be a list (or omitted) when model.answerDistribution is given' });
      } else if (sr.values.length === R) {
        sr.values.forEach((p, r) => {
          const first = ad[r]?.[0];
          if (first !== undefined && Math.abs(first - p) > SUM_TOLERANCE) {
            issues.push({
              path: `model.successRate[${r}]`,
              value: p,
              message: `${p} differs from model.answerDistribution[${r}][0] = ${first} (pi(a*|r) = p(r))`,
            });
          }
        });
      }
    }
  }

  // Stochastic rules estimate a baseline from the rollouts: at least 2 (docs/model.md §3).
  const rules = possibleValues(spec, field('algorithm.rule')) as string[];
  const stochastic = rules.filter((r) => !(EXACT_ALGORITHMS as readonly string[]).includes(r));
  if (stochastic.length > 0) {
    const smallest = Math.min(...numbers('algorithm.rollouts'));
    if (smallest < 2) {
      issues.push({
        path: axisWhere(spec, 'algorithm.rollouts'),
        value: smallest,
        message: `${smallest} is not >= 2 (${stochastic.join(' and ')} need at least 2 rollouts)`,
      });
    }
  }

  // {gamma, rival}: gamma = 1 with 2 patterns, gamma > 1 with more (docs/model.md §4).
  const patternCounts = numbers('model.patterns');
  for (const formPath of ['model.initialPattern', 'model.referencePattern', 'sft.target']) {
    const gammaField = field(`${formPath}.gamma`);
    if (gammaField.requires?.kindIn(spec) !== 'gamma') continue;
    const gammas = possibleValues(spec, gammaField) as number[];
    const where = axisWhere(spec, gammaField.path);
    const bad2 = patternCounts.includes(2) ? gammas.find((g) => g !== 1) : undefined;
    const bad3 = patternCounts.some((n) => n >= 3) ? gammas.find((g) => g <= 1) : undefined;
    if (bad2 !== undefined) {
      issues.push({ path: where, value: bad2, message: `${bad2} is impossible with 2 patterns (gamma must be 1)` });
    } else if (bad3 !== undefined) {
      issues.push({ path: where, value: bad3, message: `${bad3} is not > 1 (with 3 or more patterns the other patterns need a positive share)` });
    }
  }

  if (sr.kind === 'uniform') {
    const lows = numbers('model.successRate.uniform[0]');
    const highs = numbers('model.successRate.uniform[1]');
    if (Math.max(...lows) > Math.min(...highs)) {
      issues.push({ path: 'model.successRate.uniform', value: [Math.max(...lows), Math.min(...highs)], message: 'low > high for some grid values' });
    }
  }

  issues.push(...backendIssues(spec, spec.backend));

  const gridPoints = spec.grid.reduce((n, a) => n * axisLength(a.form), 1);
  const runs = gridPoints * (spec.sample?.count ?? 1) * spec.replicates;
  if (runs > spec.limits.maxRuns) {
    issues.push({ path: 'grid', value: runs, message: `${formatCount(runs)} runs exceeds limits.maxRuns (${formatCount(spec.limits.maxRuns)})` });
  }
}

/**
 * Rules of one backend (docs/spec.md): what `backend` (the spec's, or `run
 * --backend`) would refuse at run time, found before anything is written.
 * `auto` has none: it keeps js where tfjs would refuse.
 */
export function backendIssues(spec: SweepSpec, backend: BackendName): SpecIssue[] {
  if (backend !== 'tfjs') return [];
  const rules = possibleValues(spec, GRID_FIELDS.get('algorithm.rule') as GridField) as string[];
  if (!rules.includes('adaptive')) return [];
  const tolerances = possibleValues(spec, GRID_FIELDS.get('algorithm.tolerance') as GridField) as number[];
  const finest = Math.min(...tolerances);
  if (!(finest < TFJS_MIN_TOLERANCE)) return [];
  return [
    {
      path: axisWhere(spec, 'algorithm.tolerance'),
      value: finest,
      message:
        `${formatValue(finest)} is below ${TFJS_MIN_TOLERANCE.toExponential()}, the finest adaptive tolerance of backend tfjs (float32); ` +
        'use backend js (float64) for tighter tolerances',
    },
  ];
}

/** Throws the SpecError `backendIssues` describes, if any (`run --backend` overriding the spec's). */
export function checkBackend(spec: SweepSpec, backend: BackendName, source = 'spec'): void {
  const issues = backendIssues(spec, backend);
  if (issues.length > 0) throw new SpecError(source, issues);
}
