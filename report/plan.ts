/**
 * Which figures a sweep gets, chosen from its axes (those with more than one
 * value) and what the store holds. Pure: the same axes give the same plan.
 */
import type { StatName } from '../model/stats.js';
import { ReportOptionError } from './errors.js';
import type { HeatmapRequest } from './options.js';
import type { AxisColumn } from './store-reader.js';

export type PlannedFigure =
  | {
      readonly kind: 'trajectories';
      readonly colour: AxisColumn | null;
      /** A second varying axis, drawn as the dash pattern, so runs of different set-ups are not mistaken for one another. */
      readonly style: AxisColumn | null;
    }
  | { readonly kind: 'time-vs-axis'; readonly stat: StatName; readonly x: AxisColumn; readonly series: AxisColumn | null }
  | { readonly kind: 'fractions'; readonly by: AxisColumn | null; readonly panel: AxisColumn | null }
  | { readonly kind: 'means-vs-axis'; readonly stats: readonly StatName[]; readonly x: AxisColumn }
  | { readonly kind: 'histogram'; readonly stat: StatName; readonly by: AxisColumn | null }
  | { readonly kind: 'heatmap'; readonly stat: StatName; readonly x: AxisColumn; readonly y: AxisColumn };

export interface PlanInputs {
  readonly axes: readonly AxisColumn[];
  readonly hasTrajectories: boolean;
  /** Runs whose initial condition is in regime 2 (they have an entanglement phase, so T0 matters). */
  readonly regime2Runs: number;
  /** Runs that reached pi(r*) >= 1 - eps. */
  readonly convergedRuns: number;
  readonly heatmaps: readonly HeatmapRequest[];
}

/** Finds an axis by spec path, column name, or unambiguous last path segment. */
export function findAxis(axes: readonly AxisColumn[], name: string, field: string): AxisColumn {
  const exact = axes.find((a) => a.path === name || a.column === name);
  if (exact !== undefined) return exact;
  const bySegment = axes.filter((a) => a.path.split('.').pop() === name);
  if (bySegment.length === 1) return bySegment[0];
  throw new ReportOptionError(field, name, `the sweep's axes are: ${axes.map((a) => a.path).join(', ') || '(none)'}`);
}

const isGamma = (a: AxisColumn): boolean => a.kind === 'numeric' && /(^|\.)gamma$/i.test(a.path);
const isEpsilon = (a: AxisColumn): boolean => a.kind === 'numeric' && /(^|\.)epsilon$/i.test(a.path);

/** Most values of a second axis told apart by dash pattern in the trajectories figure. */
export const MAX_DASH_STYLES = 4;

export function planFigures(inputs: PlanInputs): PlannedFigure[] {
  const varying = inputs.axes.filter((a) => a.distinct > 1);
  const primary = varying[0] ?? null;
  const figures: PlannedFigure[] = [];
  if (inputs.hasTrajectories) {
    // A few dash patterns stay readable; more values of the second axis would only add noise.
    const style = varying.find((a) => a !== primary && a.distinct <= MAX_DASH_STYLES) ?? null;
    figures.push({ kind: 'trajectories', colour: primary, style });
  }

  // docs/model.md §4 regime 2: T0 against gamma, one curve per value of a second axis.
  const gamma = varying.find(isGamma);
  if (gamma !== undefined) {
    const series = varying.find((a) => a !== gamma && a.distinct <= 8) ?? null;
    figures.push({ kind: 'time-vs-axis', stat: 't_escape', x: gamma, series });
  }
  // docs/model.md §4 regime 1: t_conv = O(1/eps).
  const epsilon = varying.find(isEpsilon);
  if (epsilon !== undefined) {
    const series = varying.find((a) => a !== epsilon && a.distinct <= 8) ?? null;
    figures.push({ kind: 'time-vs-axis', stat: 't_conv', x: epsilon, series });
  }
  // docs/model.md §4 KL optimum: where the final policy sits as beta varies.
  const beta = varying.find((a) => a.kind === 'numeric' && a.path === 'beta');
  if (beta !== undefined) figures.push({ kind: 'means-vs-axis', stats: ['pi_opt_final', 'entropy_final', 'kl_ref_final'], x: beta });
  if (gamma === undefined && epsilon === undefined && primary !== null && primary.kind === 'numeric' && primary.distinct >= 3) {
    const series = varying.find((a) => a !== primary && a.distinct <= 8) ?? null;
    if (inputs.regime2Runs > 0) figures.push({ kind: 'time-vs-axis', stat: 't_escape', x: primary, series });
    figures.push({ kind: 'time-vs-axis', stat: 't_conv', x: primary, series });
  }

  // A second axis with a few values gets one panel each, so outcomes of different set-ups are not pooled.
  const panel = varying.find((a) => a !== primary && a.distinct <= 4) ?? null;
  figures.push({ kind: 'fractions', by: primary, panel });
  // Few-valued enum axes (training rule, reward) split the histograms; numeric axes read better in the plots above.
  const histogramBy = primary !== null && primary.kind === 'enum' && primary.distinct <= 6 ? primary : null;
  figures.push({ kind: 'histogram', stat: 't_conv', by: histogramBy });
  if (inputs.regime2Runs > 0) figures.push({ kind: 'histogram', stat: 't_escape', by: histogramBy });

  inputs.heatmaps.forEach((h, i) => {
    figures.push({
      kind: 'heatmap',
      stat: h.stat,
      x: findAxis(inputs.axes, h.x, `heatmap[${i}].x`),
      y: findAxis(inputs.axes, h.y, `heatmap[${i}].y`),
    });
  });
  if (inputs.heatmaps.length === 0 && varying.length >= 2) {
    // The statistic the sweep is most likely about: T0 in regime 2, else the time to converge, else final accuracy.
    const stat: StatName =
      gamma !== undefined && inputs.regime2Runs > 0 ? 't_escape' : inputs.convergedRuns > 0 ? 't_conv' : 'acc_final';
    const [x, y] = gamma !== undefined ? [gamma, varying.find((a) => a !== gamma) as AxisColumn] : [varying[0], varying[1]];
    figures.push({ kind: 'heatmap', stat, x, y });
  }
  return figures;
}
