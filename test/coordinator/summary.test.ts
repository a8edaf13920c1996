/**
 * The summary table against values computed here in plain JavaScript from the
 * stored runs (mean, sample std, type-7 quantiles, Student-t and Wilson
 * intervals), with t quantiles from a printed table, not from the code under test.
 */
import t, { type Test } from 'tap';
import { ResultStore } from '../../coordinator/store.js';
import { studentT975 } from '../../coordinator/student-t.js';
import { writeSummaryTableSql } from '../../coordinator/summary.js';
import { syntheticLayout, syntheticShard, tempDir } from './fixtures.js';

/** t_{0.975, df} from a standard table. */
const T_TABLE: Record<number, number> = { 1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 9: 2.2622, 29: 2.0452 };
const Z = 1.959964;

t.test('studentT975 matches a printed t table', async (t) => {
  for (const [df, want] of Object.entries(T_TABLE)) t.ok(Math.abs(studentT975(Number(df)) - want) < 1e-4, `df ${df}`);
});

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}
/** Linear interpolation between order statistics (R type 7, numpy default). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const center = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / (1 + (Z * Z) / n);
  return [center - half, center + half];
}

function close(t: Test, got: unknown, want: number | null, what: string): void {
  if (want === null) {
    t.equal(got, null, what);
    return;
  }
  const ok = typeof got === 'number' && Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  t.ok(ok, `${what}: got ${String(got)}, want ${want}`);
}

t.test('per-point and --by summaries match an independent computation from the runs table', async (t) => {
  const dir = await tempDir(t);
  const replicates = 10;
  const s = syntheticLayout(replicates, 7);
  const store = await ResultStore.open({
    dir,
    layout: s.layout,
    specText: '',
    specJson: '{}',
    describe: s.describe,
  });
  t.teardown(() => store.close());
  for (let k = 0; k < s.layout.shardCount; k++) {
    const { start, end } = s.shardRange(k);
    await store.writeShard(syntheticShard(k, start, end), { worker: 'w', attempts: 1 });
  }
  await store.writeSummary();
  const runs = (await store.connection.runAndReadAll('SELECT * FROM runs ORDER BY idx')).getRowObjectsJS() as Record<
    string,
    unknown
  >[];
  const summary = (await store.connection.runAndReadAll('SELECT * FROM summary')).getRowObjectsJS() as Record<
    string,
    unknown
  >[];

  const checkGroup = (group: Record<string, unknown>[], rows: Record<string, unknown>[], label: string): void => {
    const byStat = new Map(rows.map((r) => [r.statistic as string, r]));
    const num = (col: string): number[] =>
      group.map((r) => r[col]).filter((v): v is number | bigint => v !== null).map(Number);
    // numeric statistics
    for (const stat of ['acc0', 'acc_final', 'pi_opt_final', 'steps_taken']) {
      const xs = num(stat);
      const row = byStat.get(stat)!;
      t.equal(row.kind, 'numeric');
      t.equal(Number(row.count), xs.length, `${label} ${stat} count`);
      close(t, row.mean, mean(xs), `${label} ${stat} mean`);
      close(t, row.std, std(xs), `${label} ${stat} std`);
      close(t, row.stderr, std(xs) / Math.sqrt(xs.length), `${label} ${stat} stderr`);
      close(t, row.median, quantile(xs, 0.5), `${label} ${stat} median`);
      close(t, row.p10, quantile(xs, 0.1), `${label} ${stat} p10`);
      close(t, row.p90, quantile(xs, 0.9), `${label} ${stat} p90`);
      const tq = T_TABLE[xs.length - 1] ?? studentT975(xs.length - 1);
      const half = tq * (std(xs) / Math.sqrt(xs.length));
      t.ok(Math.abs((row.ci_high as number) - (mean(xs) + half)) < 1e-4 * half, `${label} ${stat} ci_high`);
      t.ok(Math.abs((row.ci_low as number) - (mean(xs) - half)) < 1e-4 * half, `${label} ${stat} ci_low`);
    }
    // censored times: only finished runs, censored counted apart
    for (const [stat, flag] of [
      ['t_conv', 'converged'],
      ['t_escape', 'escaped'],
    ]) {
      const finished = group.filter((r) => r[flag] === true).map((r) => r[stat] as number);
      const row = byStat.get(stat)!;
      t.equal(row.kind, 'time');
      t.equal(Number(row.runs), group.length);
      t.equal(Number(row.count), finished.length, `${label} ${stat} finished`);
      t.equal(Number(row.censored), group.length - finished.length, `${label} ${stat} censored`);
      close(t, row.censored_fraction, (group.length - finished.length) / group.length, `${label} ${stat} censored_fraction`);
      close(t, row.mean, finished.length > 0 ? mean(finished) : null, `${label} ${stat} mean over finished`);
      if (finished.length > 0) close(t, row.median, quantile(finished, 0.5), `${label} ${stat} median`);
    }
    // fractions with Wilson intervals
    const fractions: Record<string, (r: Record<string, unknown>) => boolean> = {
      converged: (r) => r.converged === true,
      escaped: (r) => r.escaped === true,
      improved: (r) => (r.acc_final as number) > (r.acc0 as number),
      degraded: (r) => (r.acc_final as number) < (r.acc0 as number),
      ends_on_opt: (r) => r.ends_on_opt === true,
      ends_on_worst: (r) => r.ends_on_worst === true,
      diverged: (r) => r.diverged === true,
    };
    for (const [name, test] of Object.entries(fractions)) {
      const k = group.filter(test).length;
      const n = group.length;
      const row = byStat.get(name)!;
      t.equal(row.kind, 'fraction');
      close(t, row.mean, k / n, `${label} ${name} fraction`);
      const [lo, hi] = wilson(k, n);
      t.ok(Math.abs((row.ci_low as number) - lo) < 1e-6, `${label} ${name} wilson low`);
      t.ok(Math.abs((row.ci_high as number) - hi) < 1e-6, `${label} ${name} wilson high`);
    }
  };

  // per grid point
  const points = [...new Set(runs.map((r) => Number(r.point)))];
  t.equal(points.length, 6);
  for (const p of points) {
    checkGroup(
      runs.filter((r) => Number(r.point) === p),
      summary.filter((r) => Number(r.point) === p),
      `point ${p}`,
    );
  }
  t.same(
    Object.keys(summary[0]).slice(0, 4),
    ['point', 'beta', 'algorithm_rule', 'statistic'],
    'summary keys: point then axis columns',
  );

  // grouped by one axis, over the other axis and the replicates
  const byRule = await store.summarize(['algorithm.rule']);
  for (const rule of ['euler', 'adaptive']) {
    checkGroup(
      runs.filter((r) => r.algorithm_rule === rule),
      byRule.filter((r) => r.algorithm_rule === rule),
      `rule ${rule}`,
    );
  }
  t.equal(Number(byRule.find((r) => r.statistic === 'acc0')!.runs), 30);
});

t.test('the per-point summary table matches the former all-SQL one: bit for bit but quantiles and Wilson intervals (1e-14)', async (t) => {
  const dir = await tempDir(t);
  const s = syntheticLayout(9, 5);
  const store = await ResultStore.open({ dir, layout: s.layout, specText: '', specJson: '{}', describe: s.describe });
  t.teardown(() => store.close());
  const order = Array.from({ length: s.layout.shardCount }, (_, k) => k).reverse();
  for (const k of order) {
    const { start, end } = s.shardRange(k);
    await store.writeShard(syntheticShard(k, start, end), { worker: 'w', attempts: 1 });
  }
  await store.writeSummary();
  await writeSummaryTableSql(store.connection, store.summaryQuery(), 'summary_sql');
  // DuckDB's quantile_cont interpolates between the same two order statistics
  // but rounds differently from lo + (hi - lo)·frac in the last bits, and SQL
  // evaluates the Wilson interval's literals as DECIMAL: those columns are
  // compared to 1e-14 relative, everything else bit for bit.
  const QUANTILES = new Set(['median', 'p10', 'p90']);
  const WILSON = new Set(['ci_low', 'ci_high']);
  const bits = async (table: string) => {
    const r = await store.connection.runAndReadAll(`SELECT * FROM ${table}`);
    const view = new DataView(new ArrayBuffer(8));
    const columns = r.columnNames();
    const rows = r.getRowsJS();
    return {
      columns,
      types: r.columnTypes().map(String),
      exact: rows.map((row) =>
        row.map((v, c) => {
          if (QUANTILES.has(columns[c]) || (WILSON.has(columns[c]) && row[columns.indexOf('kind')] === 'fraction')) return 'approx';
          if (typeof v !== 'number') return `${typeof v}:${String(v)}`;
          view.setFloat64(0, v);
          return `f64:${view.getBigUint64(0).toString(16)}`;
        }),
      ),
      quantiles: rows.flatMap(
        (row) =>
          row.filter((_, c) => QUANTILES.has(columns[c]) || (WILSON.has(columns[c]) && row[columns.indexOf('kind')] === 'fraction')) as (
            | number
            | null
          )[],
      ),
    };
  };
  const want = await bits('summary_sql');
  const got = await bits('summary');
  t.same(got.columns, want.columns, 'same columns');
  t.same(got.types, want.types, 'same column types');
  t.equal(got.exact.length, 6 * 20);
  t.same(got.exact, want.exact, 'same rows, bit for bit, but the quantiles and Wilson intervals');
  const far = got.quantiles.filter((v, i) => {
    const w = want.quantiles[i];
    return v === null || w === null ? v !== w : Math.abs(v - w) > 1e-14 * Math.max(1, Math.abs(w));
  });
  t.same(far, [], 'quantiles and Wilson intervals within 1e-14');
  t.ok(got.quantiles.filter((v) => v !== null).length > 200, 'and there are quantiles to compare');
  const tables = (await store.connection.runAndReadAll(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).getRows().flat();
  t.notOk(tables.includes('point_aggregates'), 'the scratch table is dropped');
});

t.test('the per-point summary has the same bits for 1 and 4 DuckDB threads and ranges cut mid-way', async (t) => {
  const dir = await tempDir(t);
  // 6 points x 30000 replicates: each point spans several ranges' worth of chunks.
  const s = syntheticLayout(30000, 4096);
  const store = await ResultStore.open({ dir, layout: s.layout, specText: '', specJson: '{}', describe: s.describe });
  t.teardown(() => store.close());
  const batch = [];
  for (let k = s.layout.shardCount - 1; k >= 0; k--) {
    const { start, end } = s.shardRange(k);
    batch.push({ kind: 'result' as const, out: syntheticShard(k, start, end), meta: { worker: 'w', attempts: 1 } });
  }
  await store.commit(batch);
  const read = async () => (await store.connection.runAndReadAll('SELECT * FROM summary')).getRowsJS().map((r) => r.map(String).join('|'));
  const tables: string[][] = [];
  for (const threads of [1, 4]) {
    await store.connection.run(`SET threads = ${threads}`);
    await store.writeSummary();
    tables.push(await read());
  }
  t.equal(tables[0].length, 6 * 20);
  t.same(tables[1], tables[0], 'identical');
  const acc0 = tables[0].filter((r) => r.split('|')[3] === 'acc0').map((r) => r.split('|')[5]);
  t.same(acc0, ['30000', '30000', '30000', '30000', '30000', '30000'], 'every point whole (no point split across ranges)');
});
