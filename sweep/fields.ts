/**
 * The fields a grid or sample axis may vary (every numeric or enum leaf of a
 * run's parameters), their value rules, and how a value is applied to a run.
 * `backend`, `seed`, `name`, `shardSize`, `keep`, `limits` are not model
 * parameters and are not gridable.
 */
import { ALGORITHMS, REWARDS, TRAIN_MODES, type Algorithm, type Reward, type TrainMode } from '../model/batch.js';
import {
  MAX_ANSWERS,
  MAX_PATTERNS,
  NON_NEGATIVE,
  OPEN_PROBABILITY,
  POSITIVE,
  PROBABILITY,
  type NumberRule,
} from './rules.js';
import type { PatternForm, ReferenceForm, SuccessRateForm, SweepSpec } from './spec-types.js';

/** The parameters of one run before distributions are resolved (a mutable copy per run). */
export interface RunConfig {
  patterns: number;
  answers: number;
  reward: Reward;
  train: TrainMode;
  rule: Algorithm;
  rollouts: number;
  stepSize: number;
  tolerance: number;
  tMax: number;
  maxSteps: number;
  beta: number;
  epsilon: number;
  successRate: SuccessRateForm;
  initialPattern: PatternForm;
  referencePattern: ReferenceForm;
  sftSteps: number;
  sftRate: number;
  sftTarget: PatternForm;
}

export function baseRunConfig(spec: SweepSpec): RunConfig {
  return {
    patterns: spec.model.patterns,
    answers: spec.model.answers,
    reward: spec.reward,
    train: spec.model.train,
    rule: spec.algorithm.rule,
    rollouts: spec.algorithm.rollouts,
    stepSize: spec.algorithm.stepSize,
    tolerance: spec.algorithm.tolerance,
    tMax: spec.horizon.tMax,
    maxSteps: spec.horizon.maxSteps,
    beta: spec.beta,
    epsilon: spec.epsilon,
    successRate: spec.model.successRate,
    initialPattern: spec.model.initialPattern,
    referencePattern: spec.model.referencePattern,
    sftSteps: spec.sft.steps,
    sftRate: spec.sft.rate,
    sftTarget: spec.sft.target,
  };
}

/** Which distribution form a field belongs to, when it is a parameter of a form. */
export interface FormRequirement {
  /** Spec path of the form, e.g. `model.initialPattern`. */
  readonly formPath: string;
  readonly kind: string;
  /** How the form is written, for messages: `{gamma, rival}`. */
  readonly written: string;
  /** The form's kind in a spec (`initial` for a reference that follows pi_0). */
  kindIn(spec: SweepSpec): string;
}

interface FieldBase {
  readonly path: string;
  readonly requires?: FormRequirement;
}
export interface NumericField extends FieldBase {
  readonly kind: 'numeric';
  readonly rule: NumberRule;
  base(spec: SweepSpec): number | undefined;
  apply(run: RunConfig, value: number): void;
}
export interface EnumField extends FieldBase {
  readonly kind: 'enum';
  readonly values: readonly string[];
  base(spec: SweepSpec): string;
  apply(run: RunConfig, value: string): void;
}
export type GridField = NumericField | EnumField;

function numeric(
  path: string,
  rule: NumberRule,
  base: (spec: SweepSpec) => number | undefined,
  apply: (run: RunConfig, value: number) => void,
  requires?: FormRequirement,
): NumericField {
  return { kind: 'numeric', path, rule, base, apply, requires };
}

// Rules of the plain fields (also used by the document schema).
export const RULES = {
  seed: { min: 0, max: 2 ** 32, maxOpen: true, integer: true },
  replicates: { min: 1, max: 2 ** 32 - 1, integer: true },
  patterns: { min: 2, max: MAX_PATTERNS, integer: true },
  answers: { min: 2, max: MAX_ANSWERS, integer: true },
  beta: NON_NEGATIVE,
  stepSize: POSITIVE,
  tolerance: POSITIVE,
  rollouts: { min: 1, max: 1_000_000, integer: true },
  tMax: { min: 0, max: 1e300, minOpen: true },
  maxSteps: { min: 1, max: 2 ** 53 - 1, integer: true },
  epsilon: OPEN_PROBABILITY,
  sftSteps: { min: 0, max: 1e9, integer: true },
  sftRate: NON_NEGATIVE,
  probability: PROBABILITY,
  /** `optimal` of {optimal: q}: r* must keep a share and so must the others. */
  optimalShare: OPEN_PROBABILITY,
  /** `gamma` of {gamma, rival}: > 1 with 3+ patterns, exactly 1 with 2 (checked against R). */
  gamma: { min: 1, max: 1e12 },
  rivalShare: OPEN_PROBABILITY,
  shardSize: { min: 1, max: 1_000_000, integer: true },
  trajectories: { min: 0, max: 10_000, integer: true },
  maxRuns: { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  sampleCount: { min: 1, max: 2 ** 32, integer: true },
} satisfies Record<string, NumberRule>;

function requirement(formPath: string, kind: string, written: string, get: (spec: SweepSpec) => { kind: string }): FormRequirement {
  return { formPath, kind, written, kindIn: (spec) => get(spec).kind };
}

/** Parameters of the pattern-distribution forms of one field (pi_0, pi_ref or the SFT target). */
function patternFormFields(
  formPath: string,
  get: (spec: SweepSpec) => ReferenceForm,
  read: (run: RunConfig) => ReferenceForm,
  write: (run: RunConfig, form: PatternForm) => void,
): NumericField[] {
  const optimal = requirement(formPath, 'optimal', '{optimal: q}', get);
  const gamma = requirement(formPath, 'gamma', '{gamma, rival}', get);
  const param = <K extends 'optimal' | 'gamma' | 'rival'>(key: K, rule: NumberRule, req: FormRequirement) =>
    numeric(
      `${formPath}.${key}`,
      rule,
      (spec) => (get(spec) as Record<string, unknown>)[key] as number | undefined,
      (run, v) => write(run, { ...(read(run) as PatternForm), [key]: v } as PatternForm),
      req,
    );
  return [param('optimal', RULES.optimalShare, optimal), param('gamma', RULES.gamma, gamma), param('rival', RULES.rivalShare, gamma)];
}

const tiers = requirement('model.successRate', 'tiers', '{optimal, rival, rest}', (s) => s.model.successRate);
const uniformRates = requirement('model.successRate', 'uniform', '{uniform: [low, high]}', (s) => s.model.successRate);
const successParam = (path: string, req: FormRequirement, key: 'optimal' | 'rival' | 'rest' | 'low' | 'high') =>
  numeric(
    path,
    PROBABILITY,
    (spec) => (spec.model.successRate as Record<string, unknown>)[key] as number | undefined,
    (run, v) => {
      run.successRate = { ...run.successRate, [key]: v } as SuccessRateForm;
    },
    req,
  );

const FIELD_LIST: readonly GridField[] = [
  numeric('beta', RULES.beta, (s) => s.beta, (r, v) => void (r.beta = v)),
  numeric('epsilon', RULES.epsilon, (s) => s.epsilon, (r, v) => void (r.epsilon = v)),
  {
    kind: 'enum',
    path: 'reward',
    values: REWARDS,
    base: (s) => s.reward,
    apply: (r, v) => void (r.reward = v as Reward),
  },
  {
    kind: 'enum',
    path: 'algorithm.rule',
    values: ALGORITHMS,
    base: (s) => s.algorithm.rule,
    apply: (r, v) => void (r.rule = v as Algorithm),
  },
  numeric('algorithm.stepSize', RULES.stepSize, (s) => s.algorithm.stepSize, (r, v) => void (r.stepSize = v)),
  numeric('algorithm.tolerance', RULES.tolerance, (s) => s.algorithm.tolerance, (r, v) => void (r.tolerance = v)),
  numeric('algorithm.rollouts', RULES.rollouts, (s) => s.algorithm.rollouts, (r, v) => void (r.rollouts = v)),
  numeric('horizon.tMax', RULES.tMax, (s) => s.horizon.tMax, (r, v) => void (r.tMax = v)),
  numeric('horizon.maxSteps', RULES.maxSteps, (s) => s.horizon.maxSteps, (r, v) => void (r.maxSteps = v)),
  numeric('model.patterns', RULES.patterns, (s) => s.model.patterns, (r, v) => void (r.patterns = v)),
  numeric('model.answers', RULES.answers, (s) => s.model.answers, (r, v) => void (r.answers = v)),
  {
    kind: 'enum',
    path: 'model.train',
    values: TRAIN_MODES,
    base: (s) => s.model.train,
    apply: (r, v) => void (r.train = v as TrainMode),
  },
  successParam('model.successRate.optimal', tiers, 'optimal'),
  successParam('model.successRate.rival', tiers, 'rival'),
  successParam('model.successRate.rest', tiers, 'rest'),
  successParam('model.successRate.uniform[0]', uniformRates, 'low'),
  successParam('model.successRate.uniform[1]', uniformRates, 'high'),
  ...patternFormFields(
    'model.initialPattern',
    (s) => s.model.initialPattern,
    (r) => r.initialPattern,
    (r, f) => void (r.initialPattern = f),
  ),
  ...patternFormFields(
    'model.referencePattern',
    (s) => s.model.referencePattern,
    (r) => r.referencePattern,
    (r, f) => void (r.referencePattern = f),
  ),
  numeric('sft.steps', RULES.sftSteps, (s) => s.sft.steps, (r, v) => void (r.sftSteps = v)),
  numeric('sft.rate', RULES.sftRate, (s) => s.sft.rate, (r, v) => void (r.sftRate = v)),
  ...patternFormFields(
    'sft.target',
    (s) => s.sft.target,
    (r) => r.sftTarget,
    (r, f) => void (r.sftTarget = f),
  ),
];

/** Gridable fields by dotted path, in documentation order. */
export const GRID_FIELDS: ReadonlyMap<string, GridField> = new Map(FIELD_LIST.map((f) => [f.path, f]));
export const GRID_FIELD_PATHS: readonly string[] = FIELD_LIST.map((f) => f.path);
