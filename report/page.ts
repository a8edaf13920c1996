/**
 * The HTML page of a report: one self-contained file that opens offline.
 * Figures are inlined as SVG (without namespace attributes, which HTML does
 * not need), there is no script and no external URL.
 */
import { axisLabel } from './labels.js';
import type { AxisColumn } from './store-reader.js';
import type { RenderedFigure } from './render.js';
import type { SweepOverview, FractionCounts, TimeQuantiles } from './queries.js';
import { wilsonInterval } from './wilson.js';
import { formatValue } from './figures/figure.js';

export interface PageContent {
  readonly name: string;
  readonly specHash: string | null;
  readonly specYaml: string | null;
  readonly overview: SweepOverview;
  readonly axes: readonly AxisColumn[];
  readonly figures: readonly RenderedFigure[];
  readonly byPrimary: { readonly axis: AxisColumn | null; readonly fractions: readonly FractionCounts[]; readonly tConv: readonly TimeQuantiles[] };
  readonly warnings: readonly string[];
  readonly generatedAt: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline form of an SVG: drops the XML namespace declarations (HTML parsers do not need them). */
export function inlineSvg(svg: string): string {
  return svg.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
}

const REGIME_NAMES: Record<number, string> = { 1: 'regime 1', 2: 'regime 2', 3: 'other' };

function percent(k: number, n: number): string {
  const w = wilsonInterval(k, n);
  return n === 0 ? '—' : `${(100 * w.fraction).toFixed(1)}% <small>[${(100 * w.low).toFixed(1)}, ${(100 * w.high).toFixed(1)}]</small>`;
}

function overviewTable(c: PageContent): string {
  const o = c.overview;
  const rows: [string, string][] = [
    ['Sweep', escapeHtml(c.name)],
    ['Spec hash', c.specHash === null ? '—' : `<code>${escapeHtml(c.specHash)}</code>`],
    ['Runs stored', String(o.runs)],
    ['Shards done / failed', o.shardsDone === null ? '—' : `${o.shardsDone} / ${o.shardsFailed ?? 0}`],
    ['Backends', o.backends.length === 0 ? '—' : escapeHtml(o.backends.join(', '))],
    ['Initial regimes', o.regimes.map((r) => `${REGIME_NAMES[r.regime] ?? r.regime}: ${r.n}`).join(', ') || '—'],
    [
      'Axes',
      c.axes.length === 0
        ? 'none (a single grid point)'
        : c.axes
            .map((a) => `${escapeHtml(axisLabel(a.path))} <code>${escapeHtml(a.path)}</code>: ` +
              (a.values.length > 0 ? a.values.map((v) => escapeHtml(formatValue(v))).join(', ') : `${a.distinct} values in [${formatValue(a.min)}, ${formatValue(a.max)}]`))
            .join('<br>'),
    ],
  ];
  return `<table class="overview">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function outcomeTable(c: PageContent): string {
  const { axis, fractions, tConv } = c.byPrimary;
  const head = axis === null ? 'All runs' : escapeHtml(axisLabel(axis.path));
  const median = (g: number | string | null): string => {
    const q = tConv.find((t) => t.x === g);
    if (q === undefined) return '—';
    return q.median === null ? `censored (&gt; ${formatValue(q.horizon)})` : formatValue(q.median);
  };
  const rows = fractions.slice(0, 60).map((f) =>
    `<tr><td>${f.group === null ? 'all' : escapeHtml(formatValue(f.group))}</td><td>${f.n}</td>` +
      `<td>${percent(f.converged, f.n)}</td><td>${median(f.group)}</td><td>${percent(f.improved, f.n)}</td>` +
      `<td>${percent(f.degraded, f.n)}</td><td>${percent(f.endsOnWorst, f.n)}</td><td>${percent(f.roseFirst, f.n)}</td></tr>`,
  );
  const more = fractions.length > 60 ? `<p>${fractions.length - 60} more rows omitted; see summary.csv.</p>` : '';
  return (
    `<table class="outcomes"><tr><th>${head}</th><th>Runs</th><th>Converged</th><th>Median time to converge</th>` +
    `<th>Ended improved</th><th>Ended degraded</th><th>Ended on worst pattern</th><th>Accuracy rose at first</th></tr>` +
    rows.join('') + `</table>${more}<p><small>Percentages with 95% Wilson intervals. Medians count runs that never converged as +∞.</small></p>`
  );
}

function figureSection(f: RenderedFigure): string {
  const id = escapeHtml(f.figure.id);
  return (
    `<section class="figure" id="${id}"><h2>${escapeHtml(f.figure.title)}</h2>` +
    `<div class="svg">${inlineSvg(f.svg)}</div>` +
    `<p>${escapeHtml(f.figure.caption)} <a href="${id}.png">PNG</a> · <a href="${id}.svg">SVG</a></p></section>`
  );
}

const STYLE = `body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}section.figure{margin:2em 0}.svg svg{max-width:100%;height:auto}pre{background:#f7f7f7;padding:1em;overflow:auto}
.warning{background:#fff4e0;border:1px solid #e0a040;padding:0.5em 1em}`;

export function renderPage(c: PageContent): string {
  const warnings = c.warnings.map((w) => `<p class="warning">${escapeHtml(w)}</p>`).join('');
  const spec = c.specYaml === null ? '' : `<details><summary>Sweep spec</summary><pre>${escapeHtml(c.specYaml)}</pre></details>`;
  const toc = c.figures.map((f) => `<li><a href="#${escapeHtml(f.figure.id)}">${escapeHtml(f.figure.title)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>patternsweep report: ${escapeHtml(c.name)}</title>
<style>${STYLE}</style></head><body>
<h1>patternsweep report: ${escapeHtml(c.name)}</h1>
<p><small>Generated ${escapeHtml(c.generatedAt)}. Model and statistics: docs/model.md §1–5 in the patternsweep repository (every statistic is defined in §5).</small></p>
${warnings}
${overviewTable(c)}
<h2>Outcomes</h2>
${outcomeTable(c)}
<ul>${toc}</ul>
${c.figures.map(figureSection).join('\n')}
${spec}
</body></html>
`;
}
