/**
 * `buildReport(dir)`: reads DIR/sweep.duckdb, chooses figures from the sweep's
 * axes (plan.ts), renders each to SVG and PNG, and writes DIR/report/index.html.
 * Every file is written atomically.
 */
import { join } from 'node:path';
import { ReportError } from './errors.js';
import { fractionsFigure } from './figures/fractions.js';
import { heatmapFigure } from './figures/heatmap.js';
import { histogramFigure } from './figures/histogram.js';
import { meansVsAxisFigure } from './figures/means-vs-axis.js';
import { readRefinedSweep, refinedBoundaryFigure } from './figures/refined-boundary.js';
import { timeVsAxisFigure } from './figures/time-vs-axis.js';
import { trajectoryFigure } from './figures/trajectories.js';
import type { Figure } from './figures/figure.js';
import { writeFileAtomic } from './files.js';
import { resolveReportOptions, type ReportOptions } from './options.js';
import { renderPage } from './page.js';
import { planFigures, type PlannedFigure } from './plan.js';
import {
  fractionCounts,
  heatmapCells,
  sampledTrajectories,
  statMeans,
  sweepOverview,
  timeHistogram,
  timeQuantiles,
  type TimeQuantiles,
} from './queries.js';
import { renderFigure, systemFontsAvailable, type RenderedFigure } from './render.js';
import { SweepStoreReader } from './store-reader.js';

export interface ReportFile {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
  readonly png: string;
  /** PNG size in pixels. */
  readonly width: number;
  readonly height: number;
}

export interface ReportResult {
  /** Path of index.html. */
  readonly html: string;
  readonly figures: readonly ReportFile[];
  readonly warnings: readonly string[];
}

async function figureFor(store: SweepStoreReader, planned: PlannedFigure, maxTrajectories: number): Promise<Figure | null> {
  switch (planned.kind) {
    case 'trajectories': {
      const points = await sampledTrajectories(store, maxTrajectories, planned.colour, planned.style);
      return points.length === 0 ? null : trajectoryFigure(points, planned.colour, planned.style);
    }
    case 'time-vs-axis':
      return timeVsAxisFigure(planned.stat, await timeQuantiles(store, planned.stat, planned.x, planned.series), planned.x, planned.series);
    case 'means-vs-axis':
      return meansVsAxisFigure(await statMeans(store, planned.stats, planned.x), planned.x);
    case 'fractions':
      return fractionsFigure(await fractionCounts(store, planned.by, planned.panel), planned.by, planned.panel);
    case 'histogram':
      return histogramFigure(planned.stat, await timeHistogram(store, planned.stat, null, planned.by), planned.by);
    case 'heatmap':
      return heatmapFigure(planned.stat, await heatmapCells(store, planned.stat, planned.x, planned.y), planned.x, planned.y);
  }
}

export async function buildReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const resolved = resolveReportOptions(dir, options);
  const store = await SweepStoreReader.open(dir);
  try {
    const spec = await store.spec();
    const meta = await store.meta();
    const axes = await store.axes(spec, resolved.maxGroupValues);
    const overview = await sweepOverview(store);
    if (overview.runs === 0) {
      throw new ReportError('REPORT_STORE_INVALID', `${store.path} holds no runs yet; nothing to report`);
    }
    const hasTrajectories =
      (await store.hasTable('trajectories')) &&
      Number((await store.query('SELECT count(*)::DOUBLE AS n FROM trajectories'))[0].n) > 0;
    const planned = planFigures({
      axes,
      hasTrajectories,
      regime2Runs: overview.regimes.find((r) => r.regime === 2)?.n ?? 0,
      convergedRuns: overview.converged,
      heatmaps: resolved.heatmaps,
    });

    const warnings: string[] = [];
    if (!systemFontsAvailable(resolved.fontFiles)) {
      warnings.push('No font file was found (e.g. install fonts-dejavu-core): PNG figures have no text; the SVGs on this page are unaffected.');
    }
    const rendered: RenderedFigure[] = [];
    // A refined sweep (spec `refine:`) opens with its points at their true coordinates and the boundary.
    const refined = await readRefinedSweep(store, spec);
    if (refined !== null && refined.points.length > 0) {
      rendered.push(await renderFigure(refinedBoundaryFigure(refined), { scale: resolved.pngScale, fontFiles: resolved.fontFiles }));
    }
    for (const p of planned) {
      const figure = await figureFor(store, p, resolved.maxTrajectories);
      if (figure === null) continue;
      rendered.push(await renderFigure(figure, { scale: resolved.pngScale, fontFiles: resolved.fontFiles }));
    }

    const primary = axes.find((a) => a.distinct > 1) ?? null;
    const fractions = await fractionCounts(store, primary);
    const tConv: TimeQuantiles[] = primary === null ? [] : await timeQuantiles(store, 't_conv', primary, null);

    const files: ReportFile[] = [];
    for (const r of rendered) {
      const svgPath = join(resolved.out, `${r.figure.id}.svg`);
      const pngPath = join(resolved.out, `${r.figure.id}.png`);
      await writeFileAtomic(svgPath, r.svg);
      await writeFileAtomic(pngPath, r.png);
      files.push({ id: r.figure.id, title: r.figure.title, svg: svgPath, png: pngPath, width: r.width, height: r.height });
    }
    const specYaml = [...meta].find(([k]) => /spec/i.test(k) && /ya?ml/i.test(k))?.[1] ?? null;
    const html = renderPage({
      name: meta.get('name') ?? (typeof spec?.name === 'string' ? spec.name : dir),
      specHash: [...meta].find(([k]) => /hash/i.test(k))?.[1] ?? null,
      specYaml,
      overview,
      axes,
      figures: rendered,
      byPrimary: { axis: primary, fractions, tConv },
      warnings,
      generatedAt: new Date().toISOString(),
    });
    const htmlPath = join(resolved.out, 'index.html');
    await writeFileAtomic(htmlPath, html);
    return { html: htmlPath, figures: files, warnings };
  } finally {
    store.close();
  }
}
