/**
 * `buildReport(dir)`: reads DIR/sweep.duckdb, chooses figures from the sweep's
 * axes (plan.ts), renders each to SVG and PNG, and writes DIR/report/index.html.
 * Every file is written atomically.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportError } from './errors.js';
import { fractionsFigure } from './figures/fractions.js';
import { heatmapFigure } from './figures/heatmap.js';
import { histogramFigure } from './figures/histogram.js';
import { meansVsAxisFigure } from './figures/means-vs-axis.js';
import { readRefinedSweep, refinedBoundaryFigure } from './figures/refined-boundary.js';
import { timeVsAxisFigure, type TheoryCurve } from './figures/time-vs-axis.js';
import { gammaPower, klInputs, klOptimum, logSpace, slopeMinusOne, twoPatternCurve } from './theory.js';
import { trajectoryFigure } from './figures/trajectories.js';
import type { Figure } from './figures/figure.js';
import { writeFileAtomic } from './files.js';
import { resolveReportOptions, type ReportOptions } from './options.js';
import { renderPage } from './page.js';
import { planFigures, type PlannedFigure } from './plan.js';
import {
  fractionCounts,
  heatmapCells,
  pointOutcomes,
  sampledTrajectories,
  statMeans,
  sweepOverview,
  timeHistogram,
  timeQuantiles,
  type TimeQuantiles,
} from './queries.js';
import { renderFigure, systemFontsAvailable, type RenderedFigure } from './render.js';
import { SweepStoreReader } from './store-reader.js';

/** Rows of the Outcomes table at most (the rest are in summary.csv). */
const OUTCOME_ROWS = 60;

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

/** The closed form a time figure tests, when the sweep is that set-up (report/theory.ts). */
function theoryFor(
  spec: Record<string, any> | null,
  planned: Extract<PlannedFigure, { kind: 'time-vs-axis' }>,
  rows: readonly TimeQuantiles[],
): TheoryCurve | null {
  if (planned.stat === 't_conv' && /(^|\.)epsilon$/.test(planned.x.path)) return slopeMinusOne(rows);
  const patterns = spec?.model?.patterns;
  if (planned.stat === 't_escape' && /(^|\.)gamma$/.test(planned.x.path) && typeof patterns === 'number') return gammaPower(rows, patterns);
  if (planned.stat === 't_conv') return twoPatternCurve(spec, planned.x, planned.series, rows);
  return null;
}

/** Files an earlier report wrote into `out` (figures and the page), removed so none outlives its figure. */
async function cleanReportFolder(out: string): Promise<void> {
  const page = join(out, 'index.html');
  if (!existsSync(page)) return;
  // Only a folder that holds a patternsweep report: never sweep someone else's files away.
  if (!(await readFile(page, 'utf8')).includes('<title>patternsweep report')) return;
  for (const entry of await readdir(out)) {
    if (/\.(svg|png)$/.test(entry) || entry === 'index.html') await rm(join(out, entry), { force: true });
  }
}

async function figureFor(
  store: SweepStoreReader,
  spec: Record<string, any> | null,
  planned: PlannedFigure,
  maxTrajectories: number,
): Promise<Figure | null> {
  switch (planned.kind) {
    case 'trajectories': {
      const points = await sampledTrajectories(store, maxTrajectories, planned.colour, planned.style);
      return points.length === 0 ? null : trajectoryFigure(points, planned.colour, planned.style);
    }
    case 'time-vs-axis': {
      const rows = await timeQuantiles(store, planned.stat, planned.x, planned.series);
      return timeVsAxisFigure(planned.stat, rows, planned.x, planned.series, theoryFor(spec, planned, rows));
    }
    case 'means-vs-axis': {
      const inputs = klInputs(spec);
      const betas = planned.x.path === 'beta' && planned.x.min > 0 ? logSpace(planned.x.min, planned.x.max, 48) : [];
      const theory = inputs === null || betas.length < 2 ? null : betas.map((b) => klOptimum(inputs.reference, inputs.rates, b));
      return meansVsAxisFigure(await statMeans(store, planned.stats, planned.x), planned.x, theory);
    }
    case 'fractions':
      return fractionsFigure(await fractionCounts(store, planned.by, planned.panels), planned.by, planned.panels);
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
      const figure = await figureFor(store, spec, p, resolved.maxTrajectories);
      if (figure === null) continue;
      rendered.push(await renderFigure(figure, { scale: resolved.pngScale, fontFiles: resolved.fontFiles }));
    }

    // The Outcomes table: one row per grid point (every varying axis), never pooled over one of them.
    const varying = axes.filter((a) => a.distinct > 1);
    const outcomes = await pointOutcomes(store, varying, OUTCOME_ROWS);
    if (overview.totalRuns !== null && overview.runs < overview.totalRuns) {
      warnings.push(
        `Incomplete sweep: ${overview.runs} of ${overview.totalRuns} runs stored (${overview.shardsDone ?? '?'} of ${overview.totalShards ?? '?'} shards). ` +
          'Every figure and table shows the stored runs only; rerun the same `patternsweep run` command to finish it.',
      );
    }
    await cleanReportFolder(resolved.out);

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
      outcomes: { axes: varying, rows: outcomes.rows, total: outcomes.total },
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
