/**
 * A refined sweep (coordinator/refine-run.ts) at its true coordinates: every
 * grid point of every level over the first two refined axes, coloured by the
 * class of its aggregate (the regime of docs/model.md §4, or which side of the
 * level a share or median time lies on), and the boundary as a line through
 * the midpoints of neighbouring points of different class. With one refined
 * axis: the aggregate against that axis, with the level as a rule.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisLabel, axisShortLabel } from '../labels.js';
import { sqlIdentifier, type SweepStoreReader } from '../store-reader.js';
import { FIGURE_CONFIG, type Figure } from './figure.js';

export interface RefinedPoint {
  readonly level: number;
  readonly slice: number;
  readonly coords: readonly number[];
  /** Values of the refined axes, in refine.axes order. */
  readonly at: readonly number[];
  readonly value: number | null;
  readonly cls: number | null;
}

export interface RefinedSweep {
  readonly axes: readonly string[];
  readonly quantity: { kind: 'regime' } | { kind: 'share' | 'time'; statistic: string; level: number };
  readonly points: readonly RefinedPoint[];
}

/** A boundary crossing: the midpoint (in axis values) of two lattice neighbours of different class. */
export interface BoundaryCrossing {
  readonly slice: number;
  /** The refined axis the neighbours differ along. */
  readonly along: number;
  readonly at: readonly number[];
}

/**
 * Neighbours are consecutive points of one lattice line (same slice, same
 * coordinates on every other refined axis). Lines through cells that were
 * split are dense near the boundary, so crossings there are one finest cell apart.
 */
export function boundaryCrossings(points: readonly RefinedPoint[]): BoundaryCrossing[] {
  const dims = points[0]?.coords.length ?? 0;
  const out: BoundaryCrossing[] = [];
  for (let along = 0; along < dims; along++) {
    const lines = new Map<string, RefinedPoint[]>();
    for (const p of points) {
      if (p.cls === null) continue;
      const key = `${p.slice}:${p.coords.map((c, a) => (a === along ? '*' : c)).join(',')}`;
      let line = lines.get(key);
      if (line === undefined) lines.set(key, (line = []));
      line.push(p);
    }
    for (const line of lines.values()) {
      line.sort((a, b) => a.coords[along] - b.coords[along]);
      for (let i = 1; i < line.length; i++) {
        const [a, b] = [line[i - 1], line[i]];
        if (a.cls !== b.cls) out.push({ slice: a.slice, along, at: a.at.map((v, k) => (k === along ? (v + b.at[k]) / 2 : v)) });
      }
    }
  }
  return out;
}

/** The refinement of a store, or null for an ordinary sweep. */
export async function readRefinedSweep(store: SweepStoreReader, spec: Record<string, unknown> | null): Promise<RefinedSweep | null> {
  const refine = spec?.refine as RefinedSweep | undefined;
  if (refine === undefined || !(await store.hasTable('refine_points'))) return null;
  const column = (path: string) => sqlIdentifier(path.replace(/[^A-Za-z0-9_]/g, '_'));
  const rows = await store.query(
    `SELECT level, slice, coords, ${refine.axes.map((a, i) => `${column(a)}::DOUBLE AS a${i}`).join(', ')}, value, class
       FROM refine_points ORDER BY grid_point`,
  );
  return {
    axes: refine.axes,
    quantity: refine.quantity,
    points: rows.map((r) => ({
      level: Number(r.level),
      slice: Number(r.slice),
      coords: String(r.coords).split(',').map(Number),
      at: refine.axes.map((_, i) => Number(r[`a${i}`])),
      value: r.value === null ? null : Number(r.value),
      cls: r.class === null ? null : Number(r.class),
    })),
  };
}

function classLabel(q: RefinedSweep['quantity'], cls: number): string {
  if (q.kind === 'regime') return cls === 1 ? 'regime 1' : cls === 2 ? 'regime 2' : 'other';
  const what = q.kind === 'share' ? `share ${q.statistic}` : `median ${q.statistic}`;
  return cls === 1 ? `${what} >= ${q.level}` : `${what} < ${q.level}`;
}

function logScale(values: readonly number[], path: string): boolean {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min > 0 && (max / min >= 10 || /gamma/i.test(path));
}

/** Slices drawn side by side at most; a caption says when more exist. */
export const MAX_REFINED_PANELS = 6;

export function refinedBoundaryFigure(sweep: RefinedSweep): Figure {
  const slices = [...new Set(sweep.points.map((p) => p.slice))].sort((a, b) => a - b);
  const shown = new Set(slices.slice(0, MAX_REFINED_PANELS));
  const points = sweep.points.filter((p) => shown.has(p.slice) && p.cls !== null);
  const levels = Math.max(0, ...points.map((p) => p.level));
  const q = sweep.quantity;
  const quantityText = q.kind === 'regime' ? 'regime' : q.kind === 'share' ? `share ${q.statistic} vs ${q.level}` : `median ${q.statistic} vs ${q.level}`;
  // One panel per slice (combination of the other grid axes); a single slice is drawn as it is.
  const panels = (inner: Record<string, unknown>) =>
    slices.length > 1 ? { facet: { field: 'slice', type: 'ordinal', title: 'slice (other grid axes)' }, columns: 3, spec: inner } : inner;
  const more = slices.length > MAX_REFINED_PANELS ? ` Only the first ${MAX_REFINED_PANELS} of ${slices.length} slices are drawn.` : '';
  const x = sweep.axes[0];
  const xScale = logScale(points.map((p) => p.at[0]), x) ? { type: 'log' as const, nice: false } : { zero: false };
  if (sweep.axes.length === 1) {
    const data = points.map((p) => ({ x: p.at[0], value: p.value, level: p.level, slice: p.slice, class: classLabel(q, p.cls as number) }));
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: `Refined sweep: ${quantityText} against ${axisShortLabel(x)}`,
      data: { values: data },
      ...panels({
        width: 520,
        height: 260,
        layer: [
          {
            mark: { type: 'point', filled: true },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: xScale, title: axisLabel(x) },
              y: { field: 'value', type: 'quantitative', title: quantityText },
              color: { field: 'class', type: 'nominal', title: null },
              size: { field: 'level', type: 'ordinal', title: 'level', scale: { range: [60, 8] } },
            },
          },
          ...(q.kind === 'regime' ? [] : [{ mark: { type: 'rule', strokeDash: [4, 3], color: '#444' }, encoding: { y: { datum: q.level } } }]),
        ],
      }),
      config: FIGURE_CONFIG,
    } as unknown as TopLevelSpec;
    return { id: 'refined-boundary', title: 'Refined sweep', caption: `Every point of ${levels + 1} levels at its true coordinate.${more}`, spec };
  }
  const y = sweep.axes[1];
  const crossings = boundaryCrossings(points)
    .map((c) => ({ x: c.at[0], y: c.at[1], slice: c.slice }))
    .sort((a, b) => a.slice - b.slice || a.x - b.x || a.y - b.y);
  const yScale = logScale(points.map((p) => p.at[1]), y) ? { type: 'log' as const, nice: false } : { zero: false };
  const data = [
    ...points.map((p) => ({ kind: 'point', x: p.at[0], y: p.at[1], level: p.level, slice: p.slice, class: classLabel(q, p.cls as number), value: p.value })),
    ...crossings.map((c) => ({ kind: 'boundary', ...c })),
  ];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Refined sweep: ${quantityText} over ${axisShortLabel(x)} and ${axisShortLabel(y)}`,
    data: { values: data },
    ...panels({
      width: 440,
      height: 360,
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: xScale, title: axisLabel(x) },
        y: { field: 'y', type: 'quantitative', scale: yScale, title: axisLabel(y) },
      },
      layer: [
        {
          transform: [{ filter: "datum.kind == 'point'" }],
          mark: { type: 'circle', opacity: 0.8 },
          encoding: {
            color: { field: 'class', type: 'nominal', title: null, scale: { scheme: 'set2' } },
            size: { field: 'level', type: 'ordinal', title: 'level', scale: { range: [70, 4] } },
            tooltip: [{ field: 'x' }, { field: 'y' }, { field: 'level' }, { field: 'value' }],
          },
        },
        {
          // Points, not a line: a boundary may be any contour (several crossings per x, noise in shares).
          transform: [{ filter: "datum.kind == 'boundary'" }],
          mark: { type: 'point', shape: 'diamond', filled: true, color: 'black', size: 12 },
        },
      ],
    }),
    config: FIGURE_CONFIG,
  } as unknown as TopLevelSpec;
  return {
    id: 'refined-boundary',
    title: 'Refined sweep and its boundary',
    caption:
      `All ${points.length} grid points of ${levels + 1} levels at their true coordinates (larger = coarser level), coloured by class; ` +
      `black diamonds mark the boundary, at the midpoints of ${crossings.length} pairs of neighbouring points of different class.${more}`,
    spec,
  };
}
