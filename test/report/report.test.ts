/**
 * `buildReport` and `patternsweep report` on a real small sweep (regime 2,
 * two axes, trajectories kept): the HTML opens offline, every figure is
 * written as SVG and as a PNG that decodes, has the reported size and is not blank.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { reportCommand } from '../../cli/commands/report.js';
import { parseCommandLine } from '../../cli/program.js';
import { buildReport, ReportError } from '../../report/index.js';
import { loadExample, removeTestSweep, runTestSweep } from '../examples/in-process-sweep.js';
import { decodePng, distinctColours, inkFraction, PNG_SIGNATURE } from './png.js';

/** regime2.yaml scaled down: 4 x 2 grid points, 2 replicates, 24 trajectory points. */
async function smallRegime2(): Promise<Record<string, any>> {
  const doc = await loadExample('regime2.yaml');
  doc.name = 'report-test';
  doc.backend = 'js';
  doc.replicates = 2;
  doc.grid = { 'model.initialPattern.gamma': [2, 3, 5, 8], 'model.successRate.rival': [0.6, 0.7] };
  doc.horizon = { tMax: 3e3, maxSteps: 100000 }; // gamma 8, p(r') 0.7 (T0 ~ 5.7e3) stays censored: figures must show it apart
  doc.keep = { trajectories: 24, statistics: 'all' };
  return doc;
}

/** Every http(s) URL in a text, except XML namespace names (www.w3.org). */
function externalUrls(text: string): string[] {
  return (text.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).filter((u) => !u.startsWith('http://www.w3.org/'));
}

t.test('report of a regime-2 sweep', async (t) => {
  const { dir, result } = await runTestSweep(await smallRegime2());
  t.teardown(() => removeTestSweep(dir));
  t.equal(result.runs, 16);

  const report = await buildReport(dir, { heatmaps: ['acc_final:gamma,model.successRate.rival'] });
  t.equal(report.html, join(dir, 'report', 'index.html'));
  const ids = report.figures.map((f) => f.id);
  t.same(ids, [
    'trajectories',
    't_escape-vs-model_initialPattern_gamma',
    'fractions-vs-model_initialPattern_gamma',
    'histogram-t_conv',
    'histogram-t_escape',
    'heatmap-acc_final-model_initialPattern_gamma-model_successRate_rival',
  ]);

  const html = readFileSync(report.html, 'utf8');
  t.same(externalUrls(html), [], 'no external URL in the HTML');
  t.notMatch(html, /<script/i, 'no script at all');
  t.notMatch(html, /xmlns/, 'inline SVGs carry no namespace URLs');
  t.equal((html.match(/<svg/g) ?? []).length, ids.length, 'every figure inlined as SVG');
  t.match(html, 'Time to escape the entanglement phase T0');
  t.match(html, /censored: \d+/, 'histogram caption counts censored runs');
  t.notMatch(html, /NaN|undefined|\[object/);

  for (const f of report.figures) {
    const svg = readFileSync(f.svg, 'utf8');
    t.match(svg, /^<svg/, `${f.id}.svg is an SVG`);
    t.same(externalUrls(svg), [], `${f.id}.svg has no external URL`);
    const file = readFileSync(f.png);
    t.ok(file.subarray(0, 8).equals(PNG_SIGNATURE), `${f.id}.png has the PNG signature`);
    const png = decodePng(file);
    t.equal(png.width, f.width, `${f.id}.png width`);
    t.equal(png.height, f.height, `${f.id}.png height`);
    // resvg renders at 2 px per SVG unit.
    const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    t.ok(Math.abs(png.width - 2 * svgWidth) <= 1, `${f.id}.png is twice the SVG width (${png.width} vs ${svgWidth})`);
    t.ok(png.width >= 400 && png.height >= 300, `${f.id}.png ${png.width}x${png.height}`);
    const ink = inkFraction(png);
    t.ok(ink > 0.02 && ink < 0.9, `${f.id}.png is not blank (ink ${ink.toFixed(3)})`);
    t.ok(distinctColours(png) >= 8, `${f.id}.png has several colours`);
  }
  // Trajectories of the two p(r') values are told apart by dash as well as colour (query -> figure).
  const trajectories = readFileSync(join(dir, 'report', 'trajectories.svg'), 'utf8');
  t.match(trajectories, /stroke-dasharray="6,3"/, 'p(r\') = 0.7 runs are dashed');
  t.match(trajectories, />p\(r'\)</, 'with a legend naming p(r\')');
  // Atomic writes leave no temporary (dot) files behind.
  t.same(readdirSync(join(dir, 'report')).filter((f) => f.startsWith('.')), []);

  t.test('the CLI command writes the same report and checks --heatmap', async (t) => {
    const out = join(dir, 'cli-report');
    const invocation = parseCommandLine(['report', dir, '--heatmap', 't_escape:gamma,model.successRate.rival', '--out', out]);
    t.equal(invocation.command, 'report');
    t.same(invocation.options.heatmap, [{ stat: 't_escape', x: 'gamma', y: 'model.successRate.rival' }]);
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
    let code: number;
    try {
      code = await reportCommand.execute({ ...invocation, options: { ...invocation.options, logLevel: 'silent' } });
    } finally {
      process.stdout.write = write;
    }
    t.equal(code, 0);
    t.match(written.join(''), /report: .*cli-report\/index\.html \(6 figures/);
    t.ok(existsSync(join(out, 'heatmap-t_escape-model_initialPattern_gamma-model_successRate_rival.png')));
    // gamma = 8, p(r') = 0.7 has T0 ~ 5.7e3 > tMax = 3e3: its cell is drawn grey and labelled, not dropped.
    const heatmap = readFileSync(join(out, 'heatmap-t_escape-model_initialPattern_gamma-model_successRate_rival.svg'), 'utf8');
    t.match(heatmap, />cens\.</, 'a censored cell is labelled');
    t.match(heatmap, /fill="#bbbbbb"/, 'and grey');
    t.throws(() => parseCommandLine(['report', dir, '--heatmap', 'speed:gamma,beta']), {
      name: 'CommandLineError',
      message: /heatmap.stat: "speed" is not valid/,
    });
  });

  t.test('an unknown heatmap axis is named with the allowed ones', async (t) => {
    await t.rejects(buildReport(dir, { heatmaps: ['acc_final:gamma,beta'], out: join(dir, 'bad') }), {
      name: 'ReportOptionError',
      field: 'heatmap[0].y',
      message: /"beta" is not valid; the sweep's axes are: model\.initialPattern\.gamma, model\.successRate\.rival/,
    });
  });
});

t.test('a folder without a store is a ReportError naming the file', async (t) => {
  const dir = t.testdir({});
  const error = await buildReport(dir).then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(error instanceof ReportError, 'a ReportError');
  t.match(error, { name: 'ReportError', code: 'REPORT_STORE_MISSING', message: /sweep\.duckdb does not exist; run `patternsweep run SPEC/ });
});
