/**
 * Trajectories of sampled runs: accuracy and π(r*) against time on a log
 * axis (docs/model.md §5 optional trajectories). Regime-2 plateaus and the RLIF
 * rise-then-fall of accuracy are visible here first.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisShortLabel } from '../labels.js';
import type { TrajectoryPoint } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { colourScheme, colourType, FIGURE_CONFIG, logAxisFormat, positiveRange, type Figure } from './figure.js';

/** Dash patterns for the values of a second axis, solid first (Vega-Lite strokeDash range). */
const DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]];

export function trajectoryFigure(
  points: readonly TrajectoryPoint[],
  colour: AxisColumn | null,
  style: AxisColumn | null = null,
): Figure {
  const runs = new Set(points.map((p) => p.run)).size;
  const colourEncoding =
    colour === null
      ? { value: '#4c78a8' }
      : { field: 'colour', type: colourType(colour), title: axisShortLabel(colour.path), scale: colourScheme(colour) };
  // Runs from different values of a second axis (e.g. RLIF low = 0 and low = 0.5) look alike in colour alone.
  const styles = [...new Set(points.map((p) => p.style))].filter((v) => v !== null);
  const dashEncoding =
    style === null || styles.length < 2
      ? {}
      : {
          strokeDash: {
            field: 'style',
            type: 'nominal' as const,
            title: axisShortLabel(style.path),
            sort: styles.slice().sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)))),
            scale: { range: DASHES.slice(0, Math.max(styles.length, 1)) },
          },
        };
  const times = positiveRange(points.map((p) => p.time));
  const panel = (field: 'acc' | 'piOpt', title: string) => ({
    width: 420,
    height: 220,
    mark: { type: 'line' as const, strokeWidth: 1.2, opacity: 0.75, clip: true },
    encoding: {
      x: {
        field: 'time',
        type: 'quantitative' as const,
        scale: { type: 'log' as const, nice: false },
        axis: { format: logAxisFormat(times.min, times.max) },
        title: 'Time t (log scale)',
      },
      y: { field, type: 'quantitative' as const, scale: { domain: [0, 1] }, title },
      detail: { field: 'run', type: 'nominal' as const },
      color: colourEncoding,
      ...dashEncoding,
    },
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Accuracy and probability of the optimal pattern over time (${runs} runs)`,
    data: { values: points.map((p) => ({ ...p })) },
    vconcat: [panel('acc', 'Accuracy ACC'), panel('piOpt', 'Optimal pattern π(r*)')],
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  return {
    id: 'trajectories',
    title: 'Training trajectories',
    caption:
      `Accuracy (top) and π(r*) (bottom) of ${runs} stored runs against time, log scale.` +
      (colour === null ? '' : ` Colour: ${axisShortLabel(colour.path)}.`) +
      ('strokeDash' in dashEncoding && style !== null ? ` Line dash: ${axisShortLabel(style.path)}.` : ''),
    spec,
  };
}
