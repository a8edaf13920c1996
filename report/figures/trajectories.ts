/**
 * Trajectories of sampled runs: accuracy and π(r*) against time on a log
 * axis (MODEL.md §5 optional trajectories). Regime-2 plateaus and the RLIF
 * rise-then-fall of accuracy are visible here first.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisShortLabel } from '../labels.js';
import type { TrajectoryPoint } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { colourScheme, colourType, FIGURE_CONFIG, type Figure } from './figure.js';

export function trajectoryFigure(points: readonly TrajectoryPoint[], colour: AxisColumn | null): Figure {
  const runs = new Set(points.map((p) => p.run)).size;
  const colourEncoding =
    colour === null
      ? { value: '#4c78a8' }
      : { field: 'colour', type: colourType(colour), title: axisShortLabel(colour.path), scale: colourScheme(colour) };
  const panel = (field: 'acc' | 'piOpt', title: string) => ({
    width: 420,
    height: 220,
    mark: { type: 'line' as const, strokeWidth: 1.2, opacity: 0.75, clip: true },
    encoding: {
      x: { field: 'time', type: 'quantitative' as const, scale: { type: 'log' as const, nice: false }, title: 'Time t (log scale)' },
      y: { field, type: 'quantitative' as const, scale: { domain: [0, 1] }, title },
      detail: { field: 'run', type: 'nominal' as const },
      color: colourEncoding,
    },
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Accuracy and probability of the optimal pattern over time (${runs} runs)`,
    data: { values: points.map((p) => ({ ...p })) },
    vconcat: [panel('acc', 'Accuracy ACC'), panel('piOpt', 'Optimal pattern π(r*)')],
    resolve: { scale: { color: 'shared' } },
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  return {
    id: 'trajectories',
    title: 'Training trajectories',
    caption:
      `Accuracy (top) and π(r*) (bottom) of ${runs} stored runs against time, log scale.` +
      (colour === null ? '' : ` Colour: ${axisShortLabel(colour.path)}.`),
    spec,
  };
}
