/** Nearest-rank percentile of a list of numbers; undefined for an empty list. */
export function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(a, b) {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/**
 * A 95% bootstrap interval for median(a) ÷ median(b), where a[i] and b[i] were measured in the
 * same round: rounds are drawn again with replacement, pairs kept together. Seeded, so the same
 * runs always give the same interval. Undefined with fewer than three complete rounds.
 */
export function ratioInterval(a, b, { resamples = 2000, seed = 1 } = {}) {
  const pairs = a.map((value, i) => [value, b[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && y > 0);
  if (pairs.length < 3) return undefined;
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ratios = [];
  for (let r = 0; r < resamples; r += 1) {
    const drawn = pairs.map(() => pairs[Math.floor(random() * pairs.length)]);
    ratios.push(median(drawn.map(([x]) => x)) / median(drawn.map(([, y]) => y)));
  }
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}
