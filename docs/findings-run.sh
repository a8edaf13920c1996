#!/usr/bin/env bash
# findings-run.sh — reproduces every number and figure of the README section "Findings".
#
# Usage (from anywhere; needs Node.js >= 20 and `npm ci` done once):
#     bash docs/findings-run.sh            # everything: about 3–4 min on 2 busy cores (rlif.yaml is ~2.5 min)
#     FINDINGS_OUT=/some/dir bash docs/findings-run.sh
#
# What it does:
#   1. builds dist/ (npm run build);
#   2. runs the example sweeps examples/{kl,regime1,regime2,regime2-growth,kl-regime2,rlif,sft,stochastic,two-pattern}.yaml and two small
#      extra sweeps whose specs are written below (regime2-exponent, regime2-wide)
#      into $FINDINGS_OUT/<name>, each followed by `patternsweep report`;
#   3. prints the numbers quoted in the README (SQL over each sweep.duckdb);
#   4. copies the figures quoted in the README to docs/figures/, and draws the growth-law figure
#      (measured T0 against K gamma^(R-1), docs/model.md eq. (29)).
# Every sweep is deterministic (counter-based randomness, docs/model.md §3): the numbers are the same on
# any machine, thread count or shard size.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${FINDINGS_OUT:-/tmp/findings}"
THREADS="${FINDINGS_THREADS:-2}"
cd "$ROOT"
mkdir -p "$OUT/specs" docs/figures

npm run build

pw() { node dist/cli/main.js "$@"; }

# ---------------------------------------------------------------- extra specs (beyond examples/)

# The two-pattern law (docs/model.md §4) is examples/two-pattern.yaml.

# regime2.yaml with the number of patterns R also gridded and gamma doubling from 2 to 64:
# the local log-log slope of T0 against gamma, per R.
cat > "$OUT/specs/regime2-exponent.yaml" <<'EOF'
name: regime2-exponent
seed: 42
replicates: 1
backend: auto
model:
  patterns: 7
  answers: 2
  successRate: { optimal: 0.9, rival: 0.7, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
  referencePattern: initial
  train: pattern
reward: rlvr
beta: 0
algorithm:
  rule: adaptive
  stepSize: 0.01
  tolerance: 1.0e-7
horizon: { tMax: 1.0e+30, maxSteps: 1000000 }
epsilon: 0.01
grid:
  model.patterns: [4, 7, 10]
  model.successRate.rival: [0.6, 0.7, 0.8]
  model.initialPattern.gamma: { logspace: [2, 64, 6] }
shardSize: 18
keep: { trajectories: 0, statistics: all }
EOF

# regime2.yaml (R = 7) with gamma from 2 to 1000 and no time horizon in the way.
cat > "$OUT/specs/regime2-wide.yaml" <<'EOF'
name: regime2-wide-gamma
seed: 42
replicates: 1
backend: auto
model:
  patterns: 7
  answers: 2
  successRate: { optimal: 0.9, rival: 0.7, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
  referencePattern: initial
  train: pattern
reward: rlvr
beta: 0
algorithm:
  rule: adaptive
  stepSize: 0.01
  tolerance: 1.0e-7
horizon: { tMax: 1.0e+30, maxSteps: 1000000 }
epsilon: 0.01
grid:
  model.initialPattern.gamma: { logspace: [2, 1000, 19] }
  model.successRate.rival: [0.6, 0.7, 0.8]
shardSize: 8
keep: { trajectories: 64, statistics: all }
EOF

# ---------------------------------------------------------------- runs and reports

for x in kl regime1 regime2 regime2-growth kl-regime2 sft stochastic rlif two-pattern; do
  pw run "examples/$x.yaml" --out "$OUT/$x" --threads "$THREADS" --fresh --progress none
  if [ "$x" = kl-regime2 ]; then pw report "$OUT/$x" --heatmap pi_opt_final:model.initialPattern.gamma,beta
  else pw report "$OUT/$x"; fi
done
for x in regime2-exponent regime2-wide; do
  pw run "$OUT/specs/$x.yaml" --out "$OUT/$x" --threads "$THREADS" --fresh --progress none
  pw report "$OUT/$x"
done

# ---------------------------------------------------------------- numbers

# q DIR SQL: run SQL on DIR/sweep.duckdb (read-only) and print one JSON object per row.
q() {
  node --input-type=module -e "
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(process.argv[1] + '/sweep.duckdb', { access_mode: 'READ_ONLY' });
const c = await db.connect();
const r = await c.runAndReadAll(process.argv[2]);
for (const o of r.getRowObjectsJson()) console.log(JSON.stringify(o));
" "$1" "$2"
}
# 95% Wilson score interval of k successes out of n (z = 1.959964), as the summary table uses.
WILSON="
create temp macro wlo(k, n) as ((k/n + 1.959963984540054^2/(2*n)) - 1.959963984540054*sqrt(k/n*(1-k/n)/n + 1.959963984540054^2/(4*n*n))) / (1 + 1.959963984540054^2/n);
create temp macro whi(k, n) as ((k/n + 1.959963984540054^2/(2*n)) + 1.959963984540054*sqrt(k/n*(1-k/n)/n + 1.959963984540054^2/(4*n*n))) / (1 + 1.959963984540054^2/n);"

echo; echo '== KL optimum (Prop. 5.2): final pi(r*), entropy, KL vs the closed form pi_ref exp(p/beta)/Z'
q "$OUT/kl" "
with pat(i, p, ref) as (values (0, 0.9, 0.1), (1, 0.6, 0.4), (2, 0.3, 0.25), (3, 0.2, 0.15), (4, 0.1, 0.1)),
w as (select r.beta, pat.i, pat.ref, pat.ref * exp(pat.p / r.beta) as u from runs r, pat),
opt as (select beta, i, ref, u / sum(u) over (partition by beta) as pi from w),
cf as (select beta, max(pi) filter (where i = 0) as pi_opt,
              -sum(pi * ln(pi)) as entropy, sum(pi * ln(pi / ref)) as kl from opt group by beta)
select r.beta, r.pi_opt_final, cf.pi_opt as closed_form, abs(r.pi_opt_final - cf.pi_opt) as err_pi_opt,
       abs(r.entropy_final - cf.entropy) as err_entropy, abs(r.kl_ref_final - cf.kl) as err_kl, r.steps_taken
from runs r join cf using (beta) order by r.beta"

echo; echo '== Regime 1 (Thm 5.3): eps * t_conv, log-log slope of t_conv against eps, regimes and drops'
q "$OUT/regime1" "select model_initialPattern_optimal as q0, list(round(epsilon * t_conv, 3) order by epsilon) as eps_times_tconv,
  regr_slope(ln(t_conv), ln(epsilon)) as slope_all, regr_slope(ln(t_conv), ln(epsilon)) filter (where epsilon <= 0.0011) as slope_eps_le_1e3
  from runs group by q0 order by q0"
q "$OUT/regime1" "select count(*) as runs, count(*) filter (where regime = 1) as regime1, count(*) filter (where converged) as converged,
  max(drop) as max_drop, min(d_acc0) as min_dacc0 from runs"

echo; echo '== Regime 2 (Thm 5.4): T0 = t_escape against gamma, local log-log slopes'
for d in regime2 regime2-wide; do
  q "$OUT/$d" "select pr, count(*) as runs, count(*) filter (where regime = 2) as regime2, count(*) filter (where escaped) as escaped,
    min(t) as t0_min, max(t) as t0_max, list(round(s, 2) order by g) as local_slopes from (
      select model_successRate_rival as pr, model_initialPattern_gamma as g, regime, escaped, t_escape as t,
        (ln(t_escape) - lag(ln(t_escape)) over w) / (ln(model_initialPattern_gamma) - lag(ln(model_initialPattern_gamma)) over w) as s
      from runs window w as (partition by model_successRate_rival order by model_initialPattern_gamma))
    group by pr order by pr"
done
q "$OUT/regime2-exponent" "select R, pr, list(round(s, 2) order by g) as local_slopes_per_doubling, max(t) as t0_at_gamma_64 from (
    select model_patterns as R, model_successRate_rival as pr, model_initialPattern_gamma as g, t_escape as t,
      (ln(t_escape) - lag(ln(t_escape)) over w) / ln(2) as s
    from runs window w as (partition by model_patterns, model_successRate_rival order by model_initialPattern_gamma))
  group by R, pr order by R, pr"

echo; echo "== Regime-2 growth law (docs/model.md eq. (29)): T0 gamma^-(R-1) / K per R and p(r'), gamma = 3 .. 3000"
node --input-type=module -e "
import { DuckDBInstance } from '@duckdb/node-api';
const { regimeTwoGrowthConstant } = await import(process.argv[2] + '/dist/model/closed-forms.js');
const db = await DuckDBInstance.create(process.argv[1] + '/sweep.duckdb', { access_mode: 'READ_ONLY' });
const c = await db.connect();
const rows = (await c.runAndReadAll('select model_patterns as R, model_successRate_rival as pr, list(model_initialPattern_gamma order by model_initialPattern_gamma) as g, list(t_escape order by model_initialPattern_gamma) as t, count(*) filter (where regime = 2) as regime2, count(*) filter (where escaped) as escaped from runs group by all order by R, pr')).getRowObjectsJson();
for (const r of rows) {
  const R = Number(r.R), K = regimeTwoGrowthConstant({ patterns: R, optimal: 0.9, rival: Number(r.pr), rest: 0.1, rivalShare: 0.7 });
  const ratios = r.g.map((g, i) => (Number(r.t[i]) / (K * Number(g) ** (R - 1))).toFixed(4));
  console.log(JSON.stringify({ R, rival: Number(r.pr), K: Number(K.toPrecision(4)), regime2: Number(r.regime2), escaped: Number(r.escaped), ratio_to_K: ratios }));
}
" "$OUT/regime2-growth" "$ROOT"

echo; echo '== KL weight in regime 2 (docs/model.md §4.4): T0, final pi(r*) against pi_beta (eq. (22)), final argmax, beta_c (eq. (30))'
q "$OUT/kl-regime2" "
with p(i, p) as (values (0, 0.9), (1, 0.7), (2, 0.1), (3, 0.1), (4, 0.1), (5, 0.1), (6, 0.1)),
ref as (select r.idx, r.beta, r.model_initialPattern_gamma as g, p.i, p.p,
          case when p.i = 0 then 0.3 / g when p.i = 1 then 0.7 else (0.3 - 0.3 / g) / 5 end as ref from runs r, p),
w as (select idx, i, p, ref, ln(ref) + p / beta as e from ref where beta > 0),
cf as (select idx, sum(case when i = 0 then exp(e - m) end) / sum(exp(e - m)) as pi_beta_opt,
          sum(p * exp(e - m)) / sum(exp(e - m)) as acc_beta
        from (select *, max(e) over (partition by idx) as m from w) group by idx)
select r.model_initialPattern_gamma as gamma, r.beta, r.t_escape as t0, r.escaped, r.final_argmax, round(r.pi_opt_final, 6) as pi_opt_final,
  round(cf.pi_beta_opt, 6) as pi_beta_opt, abs(r.pi_opt_final - cf.pi_beta_opt) as err_pi_beta, round(cf.acc_beta, 4) as acc_beta,
  0.2 / ln(0.7 * r.model_initialPattern_gamma / 0.3) as beta_c, r.t_final, r.steps_taken
from runs r left join cf using (idx) order by gamma, r.beta"

echo; echo '== RLIF (Thm 5.6): fractions with 95% Wilson intervals, per R and low'
q "$OUT/rlif" "$WILSON
select low, R, n,
  round(rose / n, 4) as rose_at_first, round(wlo(rose, n), 4) as rose_lo, round(whi(rose, n), 4) as rose_hi,
  round(imp / n, 4) as improved, round(wlo(imp, n), 4) as improved_lo, round(whi(imp, n), 4) as improved_hi,
  round(deg / n, 4) as degraded, round(worst / n, 4) as ends_on_worst, round(wlo(worst, n), 4) as worst_lo, round(whi(worst, n), 4) as worst_hi,
  round(opt / n, 4) as ends_on_opt, round(rf / n, 4) as rose_then_degraded, round(wlo(rf, n), 4) as rf_lo, round(whi(rf, n), 4) as rf_hi
from (select model_successRate_uniform_0_ as low, model_patterns as R, count(*)::double as n,
        sum((d_acc0 > 0)::int)::double as rose, sum((acc_final > acc0)::int)::double as imp,
        sum((acc_final < acc0)::int)::double as deg, sum(ends_on_worst::int)::double as worst,
        sum(ends_on_opt::int)::double as opt, sum((d_acc0 > 0 and acc_final < acc0)::int)::double as rf
      from runs group by all) order by low, R"
echo '-- the paper setting: low = 0, R in {1000, 10000} pooled'
q "$OUT/rlif" "$WILSON
select n, imp, round(imp / n, 4) as improved, round(wlo(imp, n), 4) as improved_lo, round(whi(imp, n), 4) as improved_hi,
  deg, round(deg / n, 4) as degraded, round(wlo(deg, n), 4) as degraded_lo, round(whi(deg, n), 4) as degraded_hi, worst
from (select count(*)::double as n, sum((acc_final > acc0)::int)::double as imp, sum((acc_final < acc0)::int)::double as deg,
        sum(ends_on_worst::int) as worst from runs where model_successRate_uniform_0_ = 0 and model_patterns >= 1000)"

echo; echo '== Two patterns: time to pi(r*) = 1/2 against the closed form -G(q0)/(2 Delta) and 1/(2 Delta q0)'
q "$OUT/two-pattern" "select model_successRate_rival as p1, model_initialPattern_optimal as q0, t_conv,
  t_conv / (-(1 / (1 - q0) - 1 / q0 + 2 * ln(q0 / (1 - q0))) / (2 * (0.9 - p1))) - 1 as rel_err_closed_form,
  t_conv * 2 * (0.9 - p1) * q0 as ratio_to_1_over_2dq0
  from runs order by p1, q0"

echo; echo '== SFT warm start: regime, ACC(0), T0 and t_conv per SFT steps and rate'
q "$OUT/sft" "select sft_rate, sft_steps, regime, round(acc0, 4) as acc0, t_escape, t_conv from runs order by sft_rate, sft_steps"

echo; echo '== Stochastic rules vs flow: t_conv and converged per rule (summary table)'
q "$OUT/stochastic" "select algorithm_rule, statistic, runs, count, censored, mean, ci_low, ci_high, median, std
  from summary where statistic in ('t_conv', 'converged', 'ends_on_opt', 'acc_final') order by algorithm_rule, statistic"

# ---------------------------------------------------------------- figures

cp "$OUT/kl/report/final-policy-vs-beta.png"                           docs/figures/kl-final-policy.png
cp "$OUT/regime1/report/t_conv-vs-epsilon.png"                         docs/figures/regime1-tconv-vs-eps.png
cp "$OUT/regime2/report/t_escape-vs-model_initialPattern_gamma.png"    docs/figures/regime2-t0-vs-gamma.png
cp "$OUT/regime2-exponent/report/t_escape-vs-model_initialPattern_gamma.png" docs/figures/regime2-t0-exponent.png
cp "$OUT/rlif/report/fractions-vs-model_patterns.png"                  docs/figures/rlif-fractions.png
cp "$OUT/two-pattern/report/t_conv-vs-model_initialPattern_optimal.png" docs/figures/two-pattern-escape.png
cp "$OUT/sft/report/t_escape-vs-sft_steps.png"                         docs/figures/sft-t0-vs-steps.png
cp "$OUT/stochastic/report/histogram-t_conv.png"                       docs/figures/stochastic-tconv.png
cp "$OUT/kl-regime2/report/t_escape-vs-model_initialPattern_gamma.png" docs/figures/kl-regime2-t0.png
cp "$OUT/kl-regime2/report/heatmap-pi_opt_final-model_initialPattern_gamma-beta.png" docs/figures/kl-regime2-final-pi-opt.png

# The growth-law figure: measured T0 gamma^-(R-1) with the theory K dashed, and the ratio to K.
node --input-type=module -e "$(cat <<'NODE'
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
const dist = process.argv[2];
const { regimeTwoGrowthConstant } = await import(dist + '/model/closed-forms.js');
const { renderFigure } = await import(dist + '/report/render.js');
const { FIGURE_CONFIG } = await import(dist + '/report/figures/figure.js');
const db = await DuckDBInstance.create(process.argv[1] + '/sweep.duckdb', { access_mode: 'READ_ONLY' });
const c = await db.connect();
const rows = (await c.runAndReadAll(`select model_patterns as R, model_successRate_rival as pr, model_initialPattern_gamma as g, t_escape as t
  from runs where escaped order by R, pr, g`)).getRowObjectsJson();
const data = [], theory = [];
for (const r of rows) {
  const R = Number(r.R), pr = Number(r.pr), g = Number(r.g), t = Number(r.t);
  const K = regimeTwoGrowthConstant({ patterns: R, optimal: 0.9, rival: pr, rest: 0.1, rivalShare: 0.7 });
  data.push({ gamma: g, R: `R = ${R}`, rival: `p(r') = ${pr}`, scaled: t / g ** (R - 1), ratio: t / (K * g ** (R - 1)) });
  if (!theory.some((x) => x.R === `R = ${R}` && x.rival === `p(r') = ${pr}`)) theory.push({ R: `R = ${R}`, rival: `p(r') = ${pr}`, K });
}
const x = { field: 'gamma', type: 'quantitative', scale: { type: 'log', domain: [2, 5000] }, title: 'γ (log scale)' };
const colour = { field: 'R', type: 'nominal', title: 'patterns', sort: ['R = 4', 'R = 7', 'R = 10'], scale: { scheme: 'category10' } };
const shape = { field: 'rival', type: 'nominal', title: "rival p(r')" };
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  config: FIGURE_CONFIG,
  title: 'Regime 2: T0 against the growth law K γ^(R−1) (docs/model.md eq. (29))',
  hconcat: [
    { width: 360, height: 300, layer: [
      { data: { values: theory }, mark: { type: 'rule', strokeDash: [5, 4] }, encoding: { y: { field: 'K', type: 'quantitative' }, color: colour } },
      { data: { values: data }, mark: { type: 'line', point: true }, encoding: { x, y: { field: 'scaled', type: 'quantitative', scale: { type: 'log' }, title: 'T0 · γ^−(R−1) (log); dashed: theory K' }, color: colour, shape, detail: { field: 'rival' } } },
    ] },
    { width: 360, height: 300, layer: [
      { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [5, 4], color: 'black' }, encoding: { y: { field: 'one', type: 'quantitative' } } },
      { data: { values: data }, mark: { type: 'line', point: true }, encoding: { x, y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'T0 / (K γ^(R−1)) (log); theory = 1' }, color: colour, shape, detail: { field: 'rival' } } },
    ] },
  ],
};
const figure = { id: 'regime2-growth-law', title: spec.title, caption: '', spec };
const rendered = await renderFigure(figure, { scale: 2, fontFiles: [] });
writeFileSync(process.argv[3], rendered.png);
console.log('wrote', process.argv[3]);
NODE
)" "$OUT/regime2-growth" "$ROOT/dist" docs/figures/regime2-growth-law.png
echo; echo "figures copied to docs/figures/; sweeps and reports in $OUT"
