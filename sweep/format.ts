/** Text forms used in user-facing messages (spec errors, `patternsweep validate`). */

/** A value as the user wrote it: strings quoted, numbers short, lists inline. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.slice(0, 8).map(formatValue);
    if (value.length > 8) items.push(`… (${value.length} items)`);
    return `[${items.join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).slice(0, 6).map(([k, v]) => `${k}: ${formatValue(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Numbers as JS prints them, but `2.1e9` rather than `2100000000` for large ones. */
export function formatNumber(n: number): string {
  // Limits such as 2^32 and 2^53 - 1 read better as powers of two.
  for (let k = 20; k <= 53; k++) {
    if (n === 2 ** k) return `2^${k}`;
    if (n === 2 ** k - 1) return `2^${k} - 1`;
  }
  if (Number.isFinite(n) && Math.abs(n) >= 1e6) return formatCount(n);
  return String(n);
}

/** Large counts in short exponent form: 2100000000 -> `2.1e9`, 1e8 -> `1e8`, 96 -> `96`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) < 1e6) return String(n);
  const [mantissa, exponent] = n.toExponential(3).split('e');
  const m = mantissa.replace(/\.?0+$/, '');
  return `${m}e${exponent.replace('+', '')}`;
}

/** Dotted path with list indices in brackets: ['grid', 'beta', 2] -> `grid.beta[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Seconds as a rough human duration. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return '< 1 s';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}
