/**
 * Closed forms that examples test (docs/model.md §4), as curves to draw beside the
 * measured points. Each applies only when the spec fits its assumptions; the
 * functions return null otherwise, and the figure then shows the data alone.
 *
 * - Regime 1 (Thm 5.3): t_conv = O(1/ε): a line of slope −1 on log-log axes,
 *   anchored at the smallest ε measured (per series).
 * - Regime 2 (docs/model.md §4, measured on this model): T0 ~ K γ^(R−1) for large
 *   γ at fixed R: a power law anchored at the largest γ measured.
 * - Two patterns, exact flow, β = 0, Δ = p(r*) − p(r'): G(q_t) = G(q_0) + 2Δt
 *   with G(q) = 1/(1−q) − 1/q + 2 ln(q/(1−q)); the time from q_0 to 1/2 (ε =
 *   0.5) is (G(1/2) − G(q_0))/(2Δ) = −G(q_0)/(2Δ), since G(1/2) = 0.
 * - KL optimum (Prop. 5.2): π_β(r) ∝ π_ref(r) exp(R(r)/β), with R(r) = p(r)
 *   under RLVR; its π(r*), entropy and KL(π_β ‖ π_ref).
 */
import type { TimeQuantiles } from './queries.js';
import type { AxisColumn } from './store-reader.js';
import type { TheoryCurve } from './figures/time-vs-axis.js';

type Spec = Record<string, any> | null;

/** `count` values log-spaced over [lo, hi]. */
export function logSpace(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0 && hi > lo)) return [lo];
  return Array.from({ length: count }, (_, i) => lo * (hi / lo) ** (i / (count - 1)));
}

function bySeries(rows: readonly TimeQuantiles[]): Map<number | string | null, { x: number; y: number }[]> {
  const map = new Map<number | string | null, { x: number; y: number }[]>();
  for (const r of rows) {
    if (typeof r.x !== 'number' || r.median === null || !(r.median > 0)) continue;
    const list = map.get(r.series) ?? [];
    list.push({ x: r.x, y: r.median });
    map.set(r.series, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.x - b.x);
  return map;
}

/** t ∝ 1/ε through each series' point at its smallest ε. */
export function slopeMinusOne(rows: readonly TimeQuantiles[]): TheoryCurve | null {
  const points: TheoryCurve['points'][number][] = [];
  for (const [series, list] of bySeries(rows)) {
    if (list.length < 2) continue;
    const anchor = list[0];
    for (const x of logSpace(anchor.x, list[list.length - 1].x, 24)) points.push({ x, series, y: (anchor.y * anchor.x) / x });
  }
  return points.length === 0
    ? null
    : { label: 'slope −1 (t ∝ 1/ε)', caption: 'slope −1, t ∝ 1/ε (Thm 5.3), through each series\' point at the smallest ε.', points };
}

/** T0 ∝ γ^(R−1) through each series' point at its largest γ. */
export function gammaPower(rows: readonly TimeQuantiles[], patterns: number): TheoryCurve | null {
  const points: TheoryCurve['points'][number][] = [];
  for (const [series, list] of bySeries(rows)) {
    if (list.length < 2) continue;
    const anchor = list[list.length - 1];
    for (const x of logSpace(list[0].x, anchor.x, 24)) points.push({ x, series, y: anchor.y * (x / anchor.x) ** (patterns - 1) });
  }
  return points.length === 0
    ? null
    : {
        label: `T0 ∝ γ^(R−1), R = ${patterns}`,
        caption: `T0 ∝ γ^(R−1) with R = ${patterns} (the large-γ law at fixed R, docs/model.md §4), through each series' point at the largest γ; where the data bend below it, the power law has not set in yet.`,
        points,
      };
}

/** G(q) = 1/(1−q) − 1/q + 2 ln(q/(1−q)). */
export function twoPatternG(q: number): number {
  return 1 / (1 - q) - 1 / q + 2 * Math.log(q / (1 - q));
}

/** Time for π(r*) to go from q0 to 1/2 under the exact flow, β = 0: −G(q0)/(2Δ). */
export function twoPatternEscapeTime(q0: number, delta: number): number {
  return -twoPatternG(q0) / (2 * delta);
}

function gridHas(spec: Spec, path: string): boolean {
  const grid = spec?.grid;
  const sample = spec?.sample?.axes;
  const paths = [
    ...(Array.isArray(grid) ? grid.map((a: { path?: string }) => a.path) : Object.keys(grid ?? {})),
    ...(Array.isArray(sample) ? sample.map((a: { path?: string }) => a.path) : Object.keys(sample ?? {})),
  ];
  return paths.includes(path);
}

/** The two-pattern law, when the spec is that set-up: R = 2, RLVR, β = 0, ε = 0.5, x = π0(r*). */
export function twoPatternCurve(spec: Spec, x: AxisColumn, series: AxisColumn | null, rows: readonly TimeQuantiles[]): TheoryCurve | null {
  const model = spec?.model;
  const rate = model?.successRate;
  const ok =
    model?.patterns === 2 &&
    spec?.reward === 'rlvr' &&
    spec?.beta === 0 &&
    !gridHas(spec, 'beta') &&
    spec?.epsilon === 0.5 &&
    !gridHas(spec, 'epsilon') &&
    ['euler', 'rk4', 'adaptive'].includes(spec?.algorithm?.rule) &&
    model?.train === 'pattern' &&
    x.path === 'model.initialPattern.optimal' &&
    rate?.kind === 'tiers' &&
    (series === null || series.path === 'model.successRate.rival');
  if (!ok) return null;
  const xs = rows.map((r) => r.x).filter((v): v is number => typeof v === 'number' && v > 0 && v < 0.5);
  if (xs.length === 0) return null;
  const seriesValues = series === null ? [null] : [...new Set(rows.map((r) => r.series))];
  const points: TheoryCurve['points'][number][] = [];
  for (const s of seriesValues) {
    const rival = typeof s === 'number' ? s : Number(rate.rival);
    const delta = Number(rate.optimal) - rival;
    if (!(delta > 0)) continue;
    for (const q0 of logSpace(Math.min(...xs), Math.max(...xs), 32)) points.push({ x: q0, series: s, y: twoPatternEscapeTime(q0, delta) });
  }
  return points.length === 0
    ? null
    : {
        label: 't = −G(q₀)/(2Δ)',
        caption: "the closed form t = (G(1/2) − G(q₀))/(2Δ) = −G(q₀)/(2Δ), G(q) = 1/(1−q) − 1/q + 2 ln(q/(1−q)), Δ = p(r*) − p(r') (docs/model.md §4).",
        points,
      };
}

export interface KlOptimum {
  readonly beta: number;
  readonly piOpt: number;
  readonly entropy: number;
  readonly kl: number;
}

/** π_β ∝ π_ref exp(p/β) (RLVR: R(r) = p(r)); r* = argmax p. Log-sum-exp keeps small β finite. */
export function klOptimum(reference: readonly number[], rates: readonly number[], beta: number): KlOptimum {
  const logits = reference.map((p, r) => Math.log(p) + rates[r] / beta);
  const top = Math.max(...logits);
  const weights = logits.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  const pi = weights.map((w) => w / total);
  const best = rates.indexOf(Math.max(...rates));
  let entropy = 0;
  let kl = 0;
  pi.forEach((p, r) => {
    if (p > 0) {
      entropy -= p * Math.log(p);
      kl += p * Math.log(p / reference[r]);
    }
  });
  return { beta, piOpt: pi[best], entropy, kl };
}

/** π_ref and p as lists, when the spec gives them so (kl.yaml): RLVR, patterns trained, no SFT. */
export function klInputs(spec: Spec): { reference: number[]; rates: number[] } | null {
  const model = spec?.model;
  if (spec?.reward !== 'rlvr' || model?.train !== 'pattern' || Number(spec?.sft?.steps ?? 0) !== 0) return null;
  if (model?.successRate?.kind !== 'list') return null;
  const ref = model?.referencePattern?.kind === 'initial' ? model?.initialPattern : model?.referencePattern;
  if (ref?.kind !== 'list') return null;
  const reference = (ref.values as number[]).map(Number);
  const total = reference.reduce((a, b) => a + b, 0);
  const rates = (model.successRate.values as number[]).map(Number);
  if (reference.length !== rates.length || !(total > 0)) return null;
  return { reference: reference.map((p) => p / total), rates };
}
