/**
 * Words for statistics and sweep axes, so that figure titles and axis labels
 * read as sentences ("Time to escape the entanglement phase T0"), not as
 * column names ("t_escape"). Names follow docs/model.md §4–5.
 */
import type { StatName } from '../model/stats.js';

export const STAT_LABELS: Readonly<Record<StatName, string>> = {
  acc0: 'Initial accuracy ACC(0)',
  acc_final: 'Final accuracy',
  acc_peak: 'Peak accuracy',
  t_peak: 'Time of peak accuracy',
  drop: 'Accuracy drop from peak to end',
  d_acc0: 'Initial rate of change of accuracy dACC/dt',
  pi_opt_final: 'Final probability of the optimal pattern π(r*)',
  t_conv: 'Time to converge, π(r*) ≥ 1 − ε',
  converged: 'Fraction converged',
  t_escape: 'Time to escape the entanglement phase T0',
  escaped: 'Fraction escaped the entanglement phase',
  regime: 'Regime of the initial condition',
  final_argmax: 'Most likely pattern at the end',
  ends_on_opt: 'Fraction ending on the optimal pattern',
  ends_on_worst: 'Fraction ending on the worst pattern',
  entropy_final: 'Final pattern entropy',
  kl_ref_final: 'Final KL divergence to the reference policy',
  steps_taken: 'Training or integrator steps taken',
  t_final: 'Time reached at the end',
  diverged: 'Fraction diverged',
};

/** Statistics that are times: shown on log axes, aggregated by censored-aware quantiles. */
export const TIME_STATS: readonly StatName[] = ['t_peak', 't_conv', 't_escape', 't_final'];

/** Flag statistics: their mean is a fraction. */
export const FLAG_STATS: readonly StatName[] = ['converged', 'escaped', 'ends_on_opt', 'ends_on_worst', 'diverged'];

/** Known sweep axes (dotted spec paths, docs/spec.md) in words. */
const AXIS_LABELS: Readonly<Record<string, string>> = {
  beta: 'KL penalty weight β',
  reward: 'Reward',
  epsilon: 'Convergence threshold ε',
  seed: 'Seed',
  'model.patterns': 'Number of reasoning patterns R',
  'model.answers': 'Number of answers A',
  'model.train': 'Trained layers',
  'model.initialPattern.gamma': 'Initial imbalance γ of the optimal pattern',
  'model.initialPattern.rival': 'Initial probability of the rival pattern',
  'model.initialPattern.optimal': 'Initial probability of the optimal pattern',
  'model.referencePattern.gamma': 'Reference imbalance γ',
  'model.referencePattern.rival': 'Reference probability of the rival pattern',
  'model.referencePattern.optimal': 'Reference probability of the optimal pattern',
  'model.successRate.optimal': 'Success rate of the optimal pattern p(r*)',
  'model.successRate.rival': "Success rate of the rival pattern p(r')",
  'model.successRate.rest': 'Success rate of the other patterns',
  'model.successRate.uniform[0]': 'Lowest success rate: p ~ U[low, high]',
  'model.successRate.uniform[1]': 'Highest success rate: p ~ U[low, high]',
  'algorithm.rule': 'Training rule',
  'algorithm.stepSize': 'Step size (learning rate)',
  'algorithm.tolerance': 'Integrator tolerance',
  'algorithm.rollouts': 'Rollouts per step',
  'horizon.tMax': 'Time horizon',
  'horizon.maxSteps': 'Step cap',
  'sft.steps': 'SFT warm-start steps',
  'sft.rate': 'SFT learning rate',
  'sft.target': 'SFT target',
};

/** Words for an axis; unknown paths become "Initial pattern › foo bar" from their camelCase segments. */
export function axisLabel(path: string): string {
  const known = AXIS_LABELS[path];
  if (known !== undefined) return known;
  const words = path
    .split('.')
    .filter((segment) => segment !== 'model' && segment !== 'algorithm')
    .map((segment) => segment.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase());
  const text = words.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Short names of known axes, for legends, titles and table headers. */
const AXIS_SHORT_LABELS: Readonly<Record<string, string>> = {
  beta: 'β',
  epsilon: 'ε',
  'model.patterns': 'R',
  'model.answers': 'A',
  'model.initialPattern.gamma': 'γ',
  'model.referencePattern.gamma': 'γ_ref',
  'model.initialPattern.rival': "π₀(r')",
  'model.initialPattern.optimal': 'π₀(r*)',
  'model.successRate.rival': "p(r')",
  'model.successRate.optimal': 'p(r*)',
  'model.successRate.rest': 'p(other)',
  'model.successRate.uniform[0]': 'low of p ~ U[low, high]',
  'model.successRate.uniform[1]': 'high of p ~ U[low, high]',
  'algorithm.rule': 'rule',
  'algorithm.stepSize': 'step size',
  'algorithm.rollouts': 'rollouts',
  'sft.steps': 'SFT steps',
  'sft.rate': 'SFT rate',
};

/** A short form of an axis for legends and titles (a symbol for known axes, else the words of its last segment). */
export function axisShortLabel(path: string): string {
  const known = AXIS_SHORT_LABELS[path];
  if (known !== undefined) return known;
  const full = axisLabel(path);
  return full.length <= 28 ? full : axisLabel(path.split('.').pop() ?? path);
}

/** Symbols of the statistics used on crowded axes (the full words go in the figure title). */
export const STAT_SYMBOLS: Readonly<Partial<Record<StatName, string>>> = {
  t_conv: 'Time to converge',
  t_escape: 'T0',
  t_peak: 'Time of peak accuracy',
  t_final: 'Time reached',
  pi_opt_final: 'π(r*) at the end',
  entropy_final: 'entropy H(π) at the end',
  kl_ref_final: 'KL(π ‖ π_ref) at the end',
};

/** "Time to converge" -> "time to converge" inside a sentence (symbols such as "T0" or "ACC" keep their case). */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
