/**
 * The YAML document schema (zod 4, strict: unknown fields are errors). Every
 * leaf carries our own message (`-1 is not >= 0`) so a `SpecError` names the
 * path, the value and what is allowed. Distribution forms are parsed by shape
 * into tagged objects; `grid` and `sample.axes` are checked in parse.ts
 * against the field registry.
 */
import { z } from 'zod';
import { BACKEND_NAMES } from '../model/backend.js';
import { ALGORITHMS, REWARDS, TRAIN_MODES } from '../model/batch.js';
import { STAT_NAMES } from '../model/stats.js';
import { RULES } from './fields.js';
import { refineSectionSchema } from './refine-spec.js';
import { formatValue } from './format.js';
import { checkEnum, checkNumber, POSITIVE_PROBABILITY, PROBABILITY, type NumberRule } from './rules.js';
import { SAMPLE_METHODS, type PatternForm, type ReferenceForm, type SuccessRateForm } from './spec-types.js';

type Ctx = z.core.$RefinementCtx<unknown>;

/** A number field checked by `rule`; missing -> `missing; required: ...`. */
export function numberField(rule: NumberRule) {
  return z.custom<number>(() => true).superRefine((v, ctx) => {
    const problem = checkNumber(v, rule);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: v });
  });
}

export function enumField<T extends string>(values: readonly T[]) {
  return z.custom<T>(() => true).superRefine((v, ctx) => {
    const problem = checkEnum(v, values);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: v });
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Adds an issue at `path` (relative to the value being parsed). */
function issue(ctx: Ctx, path: PropertyKey[], value: unknown, message: string): void {
  ctx.addIssue({ code: 'custom', message, path: path as (string | number)[], input: value });
}

/** Runs `schema` on a sub-value and re-reports its issues at their paths, in our wording. */
function parseInto<T>(schema: z.ZodType<T>, value: unknown, ctx: Ctx): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  for (const i of r.error.issues) {
    const path = i.path as (string | number)[];
    if (i.code === 'unrecognized_keys') {
      const allowed = shape === undefined ? '' : `; allowed: ${Object.keys(shape).join(', ')}`;
      for (const key of i.keys) issue(ctx, [...path, key], undefined, `unknown field${allowed}`);
    } else if (i.code === 'custom') {
      issue(ctx, path, undefined, i.message);
    } else {
      const v = path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), value);
      issue(ctx, path, v, `${formatValue(v)} is not ${i.code === 'invalid_type' && i.expected !== 'tuple' ? `a ${i.expected}` : 'a list [low, high]'}`);
    }
  }
  return undefined;
}

function numberList(rule: NumberRule) {
  return z.custom<unknown[]>(() => true).transform((v, ctx) => {
    const values = v as unknown[];
    let ok = true;
    values.forEach((x, i) => {
      const problem = checkNumber(x, rule);
      if (problem !== null) {
        issue(ctx, [i], x, problem);
        ok = false;
      }
    });
    return ok ? (values as number[]) : z.NEVER;
  });
}

const bounds = z.tuple([numberField(PROBABILITY), numberField(PROBABILITY)]);
const uniformRates = z.strictObject({ uniform: bounds });
const tierRates = z.strictObject({
  optimal: numberField(PROBABILITY),
  rival: numberField(PROBABILITY),
  rest: numberField(PROBABILITY),
});

const SUCCESS_HELP = 'a list of R success rates in [0, 1], {uniform: [low, high]} or {optimal, rival, rest}';

/** model.successRate in its three written forms. */
export const successRateSchema = z.custom<unknown>(() => true).transform((v, ctx): SuccessRateForm => {
  if (Array.isArray(v)) {
    const values = parseInto(numberList(PROBABILITY), v, ctx);
    return values === undefined ? z.NEVER : { kind: 'list', values };
  }
  if (isRecord(v) && 'uniform' in v) {
    const r = parseInto(uniformRates, v, ctx);
    if (r === undefined) return z.NEVER;
    const [low, high] = r.uniform;
    if (low > high) {
      issue(ctx, ['uniform'], r.uniform, `${formatValue(r.uniform)} has low > high`);
      return z.NEVER;
    }
    return { kind: 'uniform', low, high };
  }
  if (isRecord(v) && ('optimal' in v || 'rival' in v || 'rest' in v)) {
    const r = parseInto(tierRates, v, ctx);
    return r === undefined ? z.NEVER : { kind: 'tiers', optimal: r.optimal, rival: r.rival, rest: r.rest };
  }
  issue(ctx, [], v, `${formatValue(v)} is not ${SUCCESS_HELP}`);
  return z.NEVER;
});

const optimalForm = z.strictObject({ optimal: numberField(RULES.optimalShare) });
const gammaForm = z.strictObject({ gamma: numberField(RULES.gamma), rival: numberField(RULES.rivalShare) });
const PATTERN_HELP = 'uniform, a list of R probabilities, {optimal: q} or {gamma, rival}';

function parsePatternForm(v: unknown, ctx: Ctx, allowInitial: boolean): ReferenceForm {
  if (v === 'uniform') return { kind: 'uniform' };
  if (allowInitial && v === 'initial') return { kind: 'initial' };
  if (Array.isArray(v)) {
    const values = parseInto(numberList(POSITIVE_PROBABILITY), v, ctx);
    return values === undefined ? z.NEVER : { kind: 'list', values };
  }
  if (isRecord(v) && 'gamma' in v) {
    const r = parseInto(gammaForm, v, ctx);
    return r === undefined ? z.NEVER : { kind: 'gamma', gamma: r.gamma, rival: r.rival };
  }
  if (isRecord(v) && 'optimal' in v) {
    const r = parseInto(optimalForm, v, ctx);
    return r === undefined ? z.NEVER : { kind: 'optimal', optimal: r.optimal };
  }
  issue(ctx, [], v, `${formatValue(v)} is not ${allowInitial ? 'initial, ' : ''}${PATTERN_HELP}`);
  return z.NEVER;
}

export const patternFormSchema = z
  .custom<unknown>(() => true)
  .transform((v, ctx): PatternForm => parsePatternForm(v, ctx, false) as PatternForm);
export const referenceFormSchema = z
  .custom<unknown>(() => true)
  .transform((v, ctx): ReferenceForm => parsePatternForm(v, ctx, true));

/** R x A matrix of pi_0(a|r); shape and row sums are checked against R, A in parse.ts. */
export const answerDistributionSchema = z.custom<unknown>(() => true).transform((v, ctx): number[][] | null => {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length === 0 || !v.every(Array.isArray)) {
    issue(ctx, [], v, `${formatValue(v)} is not null or an R x A list of lists of probabilities`);
    return z.NEVER;
  }
  let ok = true;
  v.forEach((row: unknown[], r) =>
    row.forEach((x, a) => {
      const problem = checkNumber(x, POSITIVE_PROBABILITY);
      if (problem !== null) {
        issue(ctx, [r, a], x, problem);
        ok = false;
      }
    }),
  );
  return ok ? (v as number[][]) : z.NEVER;
});

const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const nameField = z.custom<string>(() => true).superRefine((v, ctx) => {
  if (v === undefined) ctx.addIssue({ code: 'custom', message: 'missing; required: a name matching [a-z0-9][a-z0-9_-]*', input: v });
  else if (typeof v !== 'string' || !NAME_PATTERN.test(v) || v.length > 64) {
    ctx.addIssue({ code: 'custom', message: `${formatValue(v)} is not a name matching [a-z0-9][a-z0-9_-]* (at most 64 characters)`, input: v });
  }
});

const statisticsField = z.custom<unknown>(() => true).transform((v, ctx): 'all' | (typeof STAT_NAMES)[number][] => {
  if (v === 'all') return 'all';
  if (!Array.isArray(v) || v.length === 0) {
    issue(ctx, [], v, `${formatValue(v)} is not all or a non-empty list of statistic names`);
    return z.NEVER;
  }
  let ok = true;
  v.forEach((s, i) => {
    const problem = checkEnum(s, STAT_NAMES);
    if (problem !== null) {
      issue(ctx, [i], s, problem);
      ok = false;
    }
  });
  return ok ? (v as (typeof STAT_NAMES)[number][]) : z.NEVER;
});

const booleanField = z.custom<boolean>(() => true).superRefine((v, ctx) => {
  if (typeof v !== 'boolean') ctx.addIssue({ code: 'custom', message: `${formatValue(v)} is not true or false`, input: v });
});

/**
 * keep.runs: false stores one row per grid point and statistic, aggregated by
 * the workers over each shard (docs/spec.md, keep): a shard must then hold
 * whole points (a point is `replicates` consecutive runs), and there are no
 * runs to keep trajectories of.
 */
function checkKeepRuns(doc: { replicates: number; shardSize: number; keep: { runs?: boolean; trajectories: number } }, ctx: Ctx): void {
  if (doc.keep.runs !== false) return;
  const r = doc.replicates;
  if (doc.shardSize % r !== 0) {
    const below = Math.floor(doc.shardSize / r) * r;
    const choices = below > 0 ? `${below} or ${below + r}` : `${r}`;
    issue(
      ctx,
      ['shardSize'],
      doc.shardSize,
      `${doc.shardSize} is not a multiple of replicates (${r}); with keep.runs: false each shard must hold whole grid points ` +
        `(${r} replicates each): use a multiple of ${r}, e.g. ${choices}`,
    );
  }
  if (doc.keep.trajectories !== 0) {
    issue(
      ctx,
      ['keep', 'trajectories'],
      doc.keep.trajectories,
      `${doc.keep.trajectories} is not allowed with keep.runs: false (no runs are kept, so no trajectories either); allowed: 0`,
    );
  }
}

/** Axes are kept as written (ordered record); parse.ts validates paths and values. */
const axesRecord = z.record(z.string(), z.unknown());

export const documentSchema = z.strictObject({
  name: nameField,
  seed: numberField(RULES.seed),
  replicates: numberField(RULES.replicates).default(1),
  backend: enumField(BACKEND_NAMES).default('auto'),
  model: z.strictObject({
    patterns: numberField(RULES.patterns),
    answers: numberField(RULES.answers).default(2),
    successRate: successRateSchema.optional(),
    initialPattern: patternFormSchema.default({ kind: 'uniform' }),
    referencePattern: referenceFormSchema.default({ kind: 'initial' }),
    answerDistribution: answerDistributionSchema.default(null),
    train: enumField(TRAIN_MODES).default('pattern'),
  }),
  reward: enumField(REWARDS).default('rlvr'),
  beta: numberField(RULES.beta).default(0),
  algorithm: z
    .strictObject({
      rule: enumField(ALGORITHMS).default('adaptive'),
      stepSize: numberField(RULES.stepSize).default(0.01),
      tolerance: numberField(RULES.tolerance).default(1e-6),
      rollouts: numberField(RULES.rollouts).default(16),
    })
    .prefault({}),
  horizon: z
    .strictObject({
      tMax: numberField(RULES.tMax).default(1e6),
      maxSteps: numberField(RULES.maxSteps).default(1_000_000),
    })
    .prefault({}),
  epsilon: numberField(RULES.epsilon).default(0.01),
  sft: z
    .strictObject({
      steps: numberField(RULES.sftSteps).default(0),
      rate: numberField(RULES.sftRate).default(0.1),
      target: patternFormSchema.default({ kind: 'uniform' }),
    })
    .prefault({}),
  grid: axesRecord.default({}),
  sample: z
    .strictObject({
      count: numberField(RULES.sampleCount),
      method: enumField(SAMPLE_METHODS).default('sobol'),
      axes: axesRecord,
    })
    .nullable()
    .default(null),
  shardSize: numberField(RULES.shardSize).default(256),
  keep: z
    .strictObject({
      trajectories: numberField(RULES.trajectories).default(0),
      statistics: statisticsField.default('all'),
      /** false: keep only per-point aggregates (see checkKeepRuns); true is the default, dropped from the normalised spec so hashes stay as they were. */
      runs: booleanField.transform((v) => (v ? undefined : false)).optional(),
    })
    .prefault({}),
  limits: z.strictObject({ maxRuns: numberField(RULES.maxRuns).default(100_000_000) }).prefault({}),
  refine: refineSectionSchema.optional(),
}).superRefine(checkKeepRuns);

export type DocumentOutput = z.output<typeof documentSchema>;
