/**
 * The dashboard page's script and style, served as /assets/dashboard.js and
 * /assets/dashboard.css. Plain ES5-style browser JavaScript (no build step, no
 * framework): it polls /api/progress once a second while the sweep runs,
 * redraws the figure (vega-embed, SVG renderer) when a shard lands, and opens
 * a grid point's runs when one of its marks is clicked. Every figure mark
 * carries an aria description "point=N; axis=value; ...; mean stat=V; n=K",
 * which the browser test reads.
 */

export const DASHBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var TIME_STATS = ['t_conv', 't_escape'];
  var LOG_SPAN = 20;
  var s = { info: null, progress: null, points: null, stat: null, x: null, y: null, series: null, fixed: {}, lastDone: -1, view: null, drill: null, polling: true };

  function api(path) {
    return fetch(path).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error && body.error.message) || ('HTTP ' + r.status));
        return body;
      });
    });
  }

  // Numbers as people read them: 12,345 and 2.4×10⁵, never 2.4e+5 (the report's rule, report/figures/figure.ts).
  var SUP = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
  function num(v, digits) {
    if (v === null || v === undefined) return '—';
    if (typeof v !== 'number') return String(v);
    if (!isFinite(v)) return v > 0 ? '∞' : '−∞';
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a >= 1e4 || a < 1e-2) {
      var e = Math.floor(Math.log10(a) + 1e-9);
      if (a / Math.pow(10, e) >= 9.95) e += 1;
      var m = Number((v / Math.pow(10, e)).toPrecision(digits || 3));
      return (m === 1 ? '' : m + '×') + '10' + String(e).replace(/./g, function (c) { return SUP[c] || c; });
    }
    return Number(v.toPrecision(digits || 4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  }
  // The same rule as a Vega expression, for axis and legend labels (minor log ticks Vega leaves blank stay blank).
  function labelExpr() {
    var v = 'datum.value';
    var raw = 'floor(log(abs(' + v + ')) / LN10 + 1e-9)';
    var ex = '(' + raw + ' + (abs(' + v + ') / pow(10, ' + raw + ') >= 9.95 ? 1 : 0))';
    var sup = "replace(format(" + ex + ", 'd'), /[\u2212-]/g, '⁻')";
    '0123456789'.split('').forEach(function (c) { sup = 'replace(' + sup + ', /' + c + "/g, '" + SUP[c] + "')"; });
    var mant = 'format(' + v + ' / pow(10, ' + ex + "), '.2~r')";
    var power = '(' + mant + " == '1' ? '' : " + mant + " + '×') + '10' + " + sup;
    return "datum.label == '' ? '' : (" + v + " == 0 ? '0' : (abs(" + v + ') >= 1e4 || abs(' + v + ') < 1e-2) ? ' + power + " : format(" + v + ", ',.3~r'))";
  }
  var LABEL_EXPR = labelExpr();

  function duration(sec) {
    if (sec === null || sec === undefined || !isFinite(sec)) return '—';
    sec = Math.round(sec);
    if (sec < 60) return sec + ' s';
    if (sec < 3600) return Math.floor(sec / 60) + ' min ' + (sec % 60) + ' s';
    return Math.floor(sec / 3600) + ' h ' + Math.floor((sec % 3600) / 60) + ' min';
  }

  function axisBy(column) {
    for (var i = 0; i < s.info.axes.length; i++) if (s.info.axes[i].column === column) return s.info.axes[i];
    return null;
  }
  function shortName(axis) { return axis.path; }
  function varying() {
    return s.info.axes.filter(function (a) { return a.source === 'sample' || a.values.length > 1; });
  }
  function isLog(axis) {
    if (axis.kind !== 'numeric') return false;
    var lo = axis.source === 'sample' ? axis.low : Math.min.apply(null, axis.values);
    var hi = axis.source === 'sample' ? axis.high : Math.max.apply(null, axis.values);
    return lo > 0 && hi / lo >= LOG_SPAN;
  }

  function option(select, value, text, selected) {
    var o = document.createElement('option');
    o.value = value; o.textContent = text; if (selected) o.selected = true;
    select.appendChild(o);
  }

  function setupControls() {
    var info = s.info;
    var stat = $('ctl-stat');
    var preferred = ['t_escape', 't_conv', 'acc_final', 'pi_opt_final'].filter(function (x) { return info.statistics.indexOf(x) >= 0; });
    s.stat = preferred[0] || info.statistics[0];
    info.statistics.forEach(function (name) { option(stat, name, name, name === s.stat); });
    var vary = varying();
    s.x = vary.length > 0 ? vary[0].column : null;
    s.y = vary.length > 1 ? vary[1].column : '';
    s.series = '';
    fillAxisSelects();
    stat.onchange = function () { s.stat = stat.value; refreshFigure(true); };
    $('ctl-x').onchange = function () { s.x = $('ctl-x').value; if (s.y === s.x) s.y = ''; fillAxisSelects(); refreshFigure(true); };
    $('ctl-y').onchange = function () { s.y = $('ctl-y').value; fillAxisSelects(); refreshFigure(true); };
    $('ctl-series').onchange = function () { s.series = $('ctl-series').value; fillAxisSelects(); refreshFigure(true); };
  }

  function fillAxisSelects() {
    var vary = varying();
    var x = $('ctl-x'), y = $('ctl-y'), series = $('ctl-series');
    [x, y, series].forEach(function (el) { el.innerHTML = ''; });
    if (vary.length === 0) option(x, '', '(a single grid point)', true);
    vary.forEach(function (a) { option(x, a.column, shortName(a), a.column === s.x); });
    option(y, '', 'none: lines', s.y === '');
    vary.forEach(function (a) { if (a.column !== s.x) option(y, a.column, shortName(a) + ': heatmap', a.column === s.y); });
    option(series, '', 'none', s.series === '');
    vary.forEach(function (a) {
      if (a.column !== s.x && a.source === 'grid' && a.values.length <= 12) option(series, a.column, shortName(a), a.column === s.series);
    });
    if (s.y !== '') s.series = '';
    $('ctl-series-label').hidden = s.y !== '';
    // Every other varying grid axis is held at one value: points of different set-ups are never pooled.
    var fixed = $('ctl-fixed');
    fixed.innerHTML = '';
    vary.forEach(function (a) {
      if (a.column === s.x || a.column === s.y || a.column === s.series || a.source === 'sample') return;
      if (!(a.column in s.fixed)) s.fixed[a.column] = a.values[0];
      var label = document.createElement('label');
      label.textContent = shortName(a) + ' = ';
      var sel = document.createElement('select');
      sel.id = 'ctl-fix-' + a.column;
      a.values.forEach(function (v, i) { option(sel, String(i), num(v), v === s.fixed[a.column]); });
      sel.onchange = function () { s.fixed[a.column] = a.values[Number(sel.value)]; refreshFigure(true); };
      label.appendChild(sel);
      fixed.appendChild(label);
    });
  }

  function heldFixed(point) {
    var vary = varying();
    for (var i = 0; i < vary.length; i++) {
      var a = vary[i];
      if (a.column === s.x || a.column === s.y || a.column === s.series || a.source === 'sample') continue;
      if (point.axes[a.column] !== s.fixed[a.column]) return false;
    }
    return true;
  }

  function describe(p) {
    var parts = s.info.axes.map(function (a) { return a.path + '=' + p.axes[a.column]; });
    return 'point=' + p.point + '; ' + parts.join('; ') + '; ' + p.aggregate + ' ' + s.stat + '=' +
      (p.value === null ? (p.censored > 0 ? 'censored' : 'none') : String(p.value)) + '; n=' + p.n;
  }

  function positionFor(axis, field, title) {
    if (axis.source === 'sample' || (axis.kind === 'numeric' && isLog(axis))) {
      var enc = { field: field, type: 'quantitative', title: title, scale: isLog(axis) ? { type: 'log', nice: false } : { zero: false }, axis: { labelExpr: LABEL_EXPR } };
      return enc;
    }
    if (axis.kind === 'numeric') return { field: field, type: 'quantitative', title: title, scale: { zero: false, padding: 10 }, axis: { labelExpr: LABEL_EXPR } };
    return { field: field, type: 'nominal', title: title };
  }

  function figureSpec() {
    var info = s.info, stat = s.stat, time = TIME_STATS.indexOf(stat) >= 0;
    var xAxis = s.x ? axisBy(s.x) : null;
    var yAxis = s.y ? axisBy(s.y) : null;
    var pts = s.points.points.filter(heldFixed);
    var aggregate = time ? 'median' : 'mean';
    var valueTitle = aggregate + ' ' + stat + (time ? ' (log scale)' : '');
    var rows = pts.map(function (p) {
      var r = { point: p.point, value: p.value, low: p.low, high: p.high, n: p.n, censored: p.censored, desc: describe(p), status: p.value === null ? (p.censored > 0 ? 'censored median' : 'no value') : 'stored' };
      info.axes.forEach(function (a) { r[a.column] = p.axes[a.column]; });
      return r;
    });
    var valueLegend = { labelExpr: LABEL_EXPR, title: valueTitle };
    var colourScale = time ? { type: 'log', scheme: 'viridis' } : { scheme: 'viridis' };
    var logValue = time && rows.some(function (r) { return r.value !== null && r.value > 0; });
    var config = { font: 'DejaVu Sans, Verdana, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } };
    if (!xAxis) {
      return { spec: { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 300, height: 60, data: { values: rows },
        mark: { type: 'text', fontSize: 18 }, encoding: { text: { field: 'value', type: 'quantitative' }, description: { field: 'desc' } }, config: config },
        caption: 'A single grid point: ' + aggregate + ' ' + stat + '.' };
    }
    if (yAxis && xAxis.source === 'grid' && yAxis.source === 'grid') {
      // Heatmap over two grid axes: every cell of the grid, those not stored yet drawn hatched grey.
      var have = {};
      rows.forEach(function (r) { have[r[s.x] + '|' + r[s.y]] = true; });
      var missing = [];
      xAxis.values.forEach(function (xv) {
        yAxis.values.forEach(function (yv) {
          if (!have[xv + '|' + yv]) { var m = { desc: 'not stored yet: ' + xAxis.path + '=' + xv + '; ' + yAxis.path + '=' + yv, status: 'not stored yet' }; m[s.x] = xv; m[s.y] = yv; missing.push(m); }
        });
      });
      var xs = xAxis.values.map(function (v) { return v; });
      var ys = yAxis.values.slice().reverse();
      var cell = Math.max(16, Math.min(56, Math.floor(520 / Math.max(xs.length, ys.length, 1))));
      var xEnc = { field: s.x, type: 'ordinal', sort: xs, title: xAxis.path, axis: { labelExpr: xAxis.kind === 'numeric' ? LABEL_EXPR : 'datum.label' } };
      var yEnc = { field: s.y, type: 'ordinal', sort: ys, title: yAxis.path, axis: { labelExpr: yAxis.kind === 'numeric' ? LABEL_EXPR : 'datum.label' } };
      var stored = rows.filter(function (r) { return r.value !== null && (!logValue || r.value > 0); });
      var special = rows.filter(function (r) { return !(r.value !== null && (!logValue || r.value > 0)); }).map(function (r) {
        var c = Object.assign({}, r); if (r.value !== null) c.status = 'median 0'; return c; });
      var layers = [];
      if (missing.length > 0) layers.push({ data: { values: missing }, mark: { type: 'rect', fill: '#eeeeee', stroke: '#cccccc', strokeDash: [2, 2] }, encoding: { x: xEnc, y: yEnc, description: { field: 'desc' }, tooltip: [{ field: 'desc', title: 'cell' }] } });
      if (special.length > 0) layers.push({ data: { values: special }, mark: { type: 'rect', cursor: 'pointer' }, encoding: { x: xEnc, y: yEnc, fill: { field: 'status', type: 'nominal', title: null, scale: { range: ['#bbbbbb', '#d6404e'] } }, description: { field: 'desc' }, tooltip: [{ field: 'desc', title: 'cell' }] } });
      if (stored.length > 0) layers.push({ data: { values: stored }, mark: { type: 'rect', cursor: 'pointer' }, encoding: { x: xEnc, y: yEnc, color: { field: 'value', type: 'quantitative', scale: logValue ? colourScale : { scheme: 'viridis' }, legend: valueLegend }, description: { field: 'desc' }, tooltip: [{ field: 'value', title: aggregate, format: '.6~g' }, { field: 'n', title: 'runs' }, { field: 'censored' }, { field: 'point' }] } });
      return { spec: { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: cell * xs.length, height: cell * ys.length, layer: layers, resolve: { scale: { color: 'independent', fill: 'independent' } }, config: config },
        caption: 'Heatmap of the ' + aggregate + ' of ' + stat + ' per grid point' + (time ? ' (runs that never reached the event count as +∞; grey = censored median)' : '') +
          '. ' + stored.length + ' of ' + (xs.length * ys.length) + ' cells stored' + (missing.length > 0 ? '; dashed grey cells are not computed yet' : '') + '. Click a cell for its runs.' };
    }
    if (yAxis) {
      // A sampled axis among x, y: each grid point is one dot, coloured by its value (no binning).
      return { spec: { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 520, height: 360, data: { values: rows.filter(function (r) { return r.value !== null; }) },
        mark: { type: 'point', filled: true, size: 40, cursor: 'pointer' },
        encoding: { x: positionFor(xAxis, s.x, xAxis.path), y: positionFor(yAxis, s.y, yAxis.path), color: { field: 'value', type: 'quantitative', scale: logValue ? colourScale : { scheme: 'viridis' }, legend: valueLegend }, description: { field: 'desc' }, tooltip: [{ field: 'value', format: '.6~g' }, { field: 'n' }, { field: 'point' }] }, config: config },
        caption: 'One dot per grid point (sampled axes are drawn as they were sampled, not binned), coloured by the ' + aggregate + ' of ' + stat + '.' };
    }
    var seriesAxis = s.series ? axisBy(s.series) : null;
    var yEncL = { field: 'value', type: 'quantitative', title: valueTitle, scale: logValue ? { type: 'log', nice: false } : { zero: false }, axis: { labelExpr: LABEL_EXPR } };
    var xEncL = positionFor(xAxis, s.x, xAxis.path);
    var colour = seriesAxis ? { field: s.series, type: 'nominal', title: seriesAxis.path, sort: seriesAxis.values } : { value: '#4c78a8' };
    var drawn = rows.filter(function (r) { return r.value !== null && (!logValue || r.value > 0); });
    var sampled = xAxis.source === 'sample' || s.info.axes.some(function (a) { return a.source === 'sample'; });
    var layersL = [
      { mark: sampled ? { type: 'point', filled: true, cursor: 'pointer' } : { type: 'line', point: { filled: true, size: 50, cursor: 'pointer' } }, encoding: { x: xEncL, y: yEncL, color: colour, description: { field: 'desc' }, tooltip: [{ field: 'value', format: '.6~g' }, { field: 'n', title: 'runs' }, { field: 'point' }] } },
    ];
    var withInterval = drawn.filter(function (r) { return r.low !== null && r.high !== null && (!logValue || r.low > 0); });
    if (withInterval.length > 0) layersL.unshift({ data: { values: withInterval }, mark: { type: 'rule', strokeWidth: 2, opacity: 0.5 }, encoding: { x: xEncL, y: { field: 'low', type: 'quantitative', scale: yEncL.scale }, y2: { field: 'high' }, color: colour } });
    return { spec: { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 560, height: 320, data: { values: drawn }, layer: layersL, config: config },
      caption: (sampled ? 'One dot per grid point' : 'One line per value of ' + (seriesAxis ? seriesAxis.path : 'nothing else')) + ': the ' + aggregate + ' of ' + stat +
        ' over the runs of each point' + (withInterval.length > 0 ? '; bars are 95% Student-t intervals, drawn only where a point has more than one run' : '') +
        (rows.length > drawn.length ? '; ' + (rows.length - drawn.length) + ' point(s) without a value (censored median, or 0 on a log axis) are not drawn' : '') + '.' };
  }

  function heldText() {
    var parts = [];
    varying().forEach(function (a) {
      if (a.column === s.x || a.column === s.y || a.column === s.series || a.source === 'sample') return;
      parts.push(a.path + ' = ' + num(s.fixed[a.column]));
    });
    return parts.length > 0 ? ' Held fixed: ' + parts.join(', ') + '.' : '';
  }

  function render() {
    if (!s.points) return Promise.resolve();
    var built = figureSpec();
    $('figure-caption').textContent = built.caption + heldText() + (s.points.truncated ? ' Only the first ' + s.points.points.length + ' points are shown.' : '');
    if (s.view) { s.view.finalize(); s.view = null; }
    return vegaEmbed('#figure', built.spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } }).then(function (result) {
      s.view = result.view;
      result.view.addEventListener('click', function (_event, item) {
        if (item && item.datum && typeof item.datum.point === 'number') openPoint(item.datum.point);
      });
      $('figure').setAttribute('data-points', String(built.spec.layer ? s.points.points.length : 0));
      $('figure').setAttribute('data-rendered-done', String(s.lastDone));
    });
  }

  function refreshFigure(controlsChanged) {
    return api('/api/points?stat=' + encodeURIComponent(s.stat)).then(function (p) {
      s.points = p;
      return render();
    });
  }

  function table(el, columns, rows) {
    el.innerHTML = '';
    var head = document.createElement('tr');
    columns.forEach(function (c) { var th = document.createElement('th'); th.textContent = c; head.appendChild(th); });
    el.appendChild(head);
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      columns.forEach(function (c) { var td = document.createElement('td'); var v = r[c]; td.textContent = typeof v === 'number' ? num(v, 6) : (v === null || v === undefined ? '—' : String(v)); tr.appendChild(td); });
      el.appendChild(tr);
    });
  }

  function openPoint(point) {
    return api('/api/point?id=' + point).then(function (d) {
      s.drill = point;
      var section = $('drill');
      section.hidden = false;
      section.setAttribute('data-point', String(point));
      var first = d.runs[0] || {};
      $('drill-title').textContent = 'Grid point ' + point + ': ' + s.info.axes.map(function (a) { return a.path + ' = ' + num(first[a.column]); }).join(', ');
      $('drill-summary').textContent = d.totalRuns + ' run(s) stored' + (d.runs.length < d.totalRuns ? ', the first ' + d.runs.length + ' listed' : '') +
        (s.info.trajectoryPoints > 0 ? '; trajectories of up to 20 runs drawn' : '; the spec keeps no trajectories') + '.';
      $('drill-runs').setAttribute('data-runs', String(d.totalRuns));
      var cols = ['idx', 'replicate'].concat(s.info.statistics);
      table($('drill-runs'), cols, d.runs);
      var values = d.runs.map(function (r) { return { v: r[s.stat] }; }).filter(function (r) { return typeof r.v === 'number' && isFinite(r.v); });
      var jobs = [];
      if (values.length > 1) {
        jobs.push(vegaEmbed('#drill-histogram', { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', title: s.stat + ' over the runs of this point', width: 320, height: 180, data: { values: values },
          mark: 'bar', encoding: { x: { field: 'v', type: 'quantitative', bin: { maxbins: 20 }, title: s.stat, axis: { labelExpr: LABEL_EXPR } }, y: { aggregate: 'count', type: 'quantitative', title: 'runs' } } }, { renderer: 'svg', actions: false }));
      } else {
        $('drill-histogram').textContent = values.length === 1 ? s.stat + ' = ' + num(values[0].v, 8) + ' (one run: no histogram)' : 'no finite ' + s.stat + ' at this point';
      }
      if (d.trajectories.length > 0) {
        var tr = [];
        d.trajectories.forEach(function (t) { if (t.time > 0) { tr.push({ run: t.idx, time: t.time, value: t.acc, what: 'accuracy' }); tr.push({ run: t.idx, time: t.time, value: t.pi_opt, what: 'π(r*)' }); } });
        jobs.push(vegaEmbed('#drill-trajectories', { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', title: 'Trajectories', data: { values: tr },
          facet: { row: { field: 'what', type: 'nominal', title: null } },
          spec: { width: 320, height: 120, mark: { type: 'line', strokeWidth: 1.2, opacity: 0.8 }, encoding: { x: { field: 'time', type: 'quantitative', scale: { type: 'log' }, title: 'time t (log scale)', axis: { labelExpr: LABEL_EXPR } }, y: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: null }, detail: { field: 'run', type: 'nominal' }, color: { field: 'run', type: 'nominal', legend: null } } } }, { renderer: 'svg', actions: false }));
      } else {
        $('drill-trajectories').textContent = '';
      }
      return Promise.all(jobs).then(function () { section.setAttribute('data-ready', 'true'); section.scrollIntoView(); });
    });
  }

  function showProgress(p) {
    s.progress = p;
    var st = $('state');
    st.textContent = p.state === 'running' ? 'running' : p.state === 'complete' ? 'complete' : 'stopped';
    st.className = 'badge ' + p.state;
    st.setAttribute('data-state', p.state);
    var shards = $('progress-shards');
    shards.textContent = p.doneShards.toLocaleString('en-US') + ' / ' + p.totalShards.toLocaleString('en-US');
    shards.setAttribute('data-done', String(p.doneShards));
    shards.setAttribute('data-total', String(p.totalShards));
    var runs = $('progress-runs');
    runs.textContent = p.doneRuns.toLocaleString('en-US') + ' / ' + p.totalRuns.toLocaleString('en-US');
    runs.setAttribute('data-done', String(p.doneRuns));
    $('progress-failed').textContent = String(p.failedShards);
    $('rate-label').textContent = p.rateWindowSeconds > 0 ? 'Runs/s (last ' + p.rateWindowSeconds + ' s)' : 'Runs/s';
    $('progress-rate').textContent = p.runsPerSecond === null ? '—' : num(p.runsPerSecond, 3);
    $('progress-eta').textContent = p.state === 'running' ? duration(p.etaSeconds) : '—';
    $('progress-elapsed').textContent = duration(p.elapsedSeconds);
    $('bar-fill').style.width = (p.totalShards > 0 ? (100 * p.doneShards) / p.totalShards : 100).toFixed(1) + '%';
    var missing = p.totalShards - p.doneShards;
    $('completeness').textContent = p.state === 'complete'
      ? 'Complete: all ' + p.totalRuns.toLocaleString('en-US') + ' runs are stored.'
      : (p.state === 'running' ? 'Running: ' : 'Stopped (not running): ') + p.doneRuns.toLocaleString('en-US') + ' of ' + p.totalRuns.toLocaleString('en-US') +
        ' runs stored; ' + missing.toLocaleString('en-US') + ' shard(s) not stored yet' + (p.failedShards > 0 ? ', ' + p.failedShards + ' failed' : '') +
        '. Figures show stored points only.';
    var w = $('workers');
    if (p.workers !== null) {
      w.hidden = false;
      table($('workers-table'), ['id', 'host', 'threads', 'busy', 'shardsDone', 'shardsFailed', 'heartbeat'], p.workers.map(function (x) { return Object.assign({}, x, { heartbeat: duration(x.ageSeconds) + ' ago' }); }));
    }
  }

  function showFailed(f) {
    $('failed').hidden = f.shards.length === 0;
    table($('failed-table'), ['shard', 'start', 'end', 'attempts', 'worker', 'error'], f.shards);
  }

  function tick() {
    return api('/api/progress').then(function (p) {
      showProgress(p);
      var jobs = [];
      if (p.doneShards !== s.lastDone || p.failedShards !== (s.lastFailed || 0)) {
        s.lastDone = p.doneShards;
        s.lastFailed = p.failedShards;
        jobs.push(refreshFigure(false));
        jobs.push(api('/api/failed').then(showFailed));
      }
      return Promise.all(jobs).then(function () {
        if (p.state === 'running') setTimeout(loop, 1000);
      });
    });
  }
  function loop() { tick().catch(function (e) { $('completeness').textContent = 'Lost contact with the coordinator (' + e.message + '); the sweep may have ended. Reload, or run patternsweep serve DIR.'; }); }

  api('/api/info').then(function (info) {
    s.info = info;
    $('spec-yaml').textContent = info.specYaml;
    setupControls();
    loop();
  }).catch(function (e) { $('completeness').textContent = 'Could not load the sweep: ' + e.message; });
})();
`;

export const DASHBOARD_CSS = `body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:0 1em 3em;color:#222}
header{display:flex;align-items:center;gap:1em}h1{font-size:1.4em;font-weight:normal}
.badge{padding:2px 10px;border-radius:10px;background:#ddd;font-size:0.9em}.badge.running{background:#cfe3ff}.badge.complete{background:#cdeccd}.badge.stopped{background:#ffe2b8}
.bar{height:10px;background:#eee;border-radius:5px;overflow:hidden}#bar-fill{height:100%;width:0;background:#4c78a8;transition:width .3s}
dl.numbers{display:flex;flex-wrap:wrap;gap:1.5em;margin:0.8em 0}dl.numbers div{min-width:8em}dt{font-size:0.8em;color:#666}dd{margin:0;font-size:1.2em}
table{border-collapse:collapse;margin:0.5em 0;font-size:0.85em}th,td{border:1px solid #ddd;padding:2px 6px;text-align:right}th{background:#f4f4f4}
#controls{display:flex;flex-wrap:wrap;gap:1em;margin:0.5em 0}#controls label{font-size:0.9em}#ctl-fixed{display:flex;gap:1em}
#figure-caption,#drill-summary{font-size:0.9em;color:#444;max-width:900px}.drill-figures{display:flex;flex-wrap:wrap;gap:2em}
#drill{border-top:2px solid #4c78a8;margin-top:1.5em}pre{background:#f7f7f7;padding:1em;overflow:auto}
`;
