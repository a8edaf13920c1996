/** The dashboard's HTML: a shell the page script (client.ts) fills from the JSON API. */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderDashboardPage(name: string): string {
  const title = escapeHtml(name);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>patternsweep: ${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/vega.min.js"></script>
<script src="/assets/vega-lite.min.js"></script>
<script src="/assets/vega-embed.min.js"></script>
</head><body>
<header><h1>patternsweep · <span id="sweep-name">${title}</span></h1><span id="state" class="badge">loading</span></header>
<section id="progress">
  <div class="bar" aria-hidden="true"><div id="bar-fill"></div></div>
  <dl class="numbers">
    <div><dt>Shards stored</dt><dd id="progress-shards">—</dd></div>
    <div><dt>Runs stored</dt><dd id="progress-runs">—</dd></div>
    <div><dt>Failed shards</dt><dd id="progress-failed">—</dd></div>
    <div><dt id="rate-label">Runs/s</dt><dd id="progress-rate">—</dd></div>
    <div><dt>ETA</dt><dd id="progress-eta">—</dd></div>
    <div><dt>Elapsed</dt><dd id="progress-elapsed">—</dd></div>
  </dl>
  <p id="completeness"></p>
</section>
<section id="workers" hidden><h2>Workers</h2><table id="workers-table"></table></section>
<section id="failed" hidden><h2>Failed shards</h2><table id="failed-table"></table></section>
<section id="explore"><h2>Figure</h2>
  <form id="controls" onsubmit="return false">
    <label>Statistic <select id="ctl-stat"></select></label>
    <label>x axis <select id="ctl-x"></select></label>
    <label>y axis <select id="ctl-y"></select></label>
    <label id="ctl-series-label">Lines by <select id="ctl-series"></select></label>
    <span id="ctl-fixed"></span>
  </form>
  <div id="figure"></div>
  <p id="figure-caption"></p>
</section>
<section id="drill" hidden>
  <h2 id="drill-title"></h2>
  <p id="drill-summary"></p>
  <div class="drill-figures"><div id="drill-histogram"></div><div id="drill-trajectories"></div></div>
  <table id="drill-runs"></table>
</section>
<details id="spec"><summary>Sweep spec</summary><pre id="spec-yaml"></pre></details>
<script src="/assets/dashboard.js"></script>
</body></html>
`;
}
