/**
 * The binomial distribution as the funnel's exact limits need it: probabilities, tails and
 * quantiles computed in log space so large units neither overflow nor underflow. Pure.
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(k!) for small k, summed directly: exact enough and avoids a log-gamma approximation. */
const SMALL_LOG_FACTORIALS: number[] = (() => {
  const table = [0];
  for (let k = 1; k <= 15; k++) table.push((table[k - 1] ?? 0) + Math.log(k));
  return table;
})();

/**
 * Stirling's error ln(k!) − [(k + ½)ln k − k + ln √(2π)] for integer k ≥ 1. Working with this
 * remainder (Loader 2000) rather than differences of huge log-factorials keeps the binomial
 * probability accurate to near double precision even at n = 10^6.
 */
function stirlingError(k: number): number {
  if (k <= 15) {
    return (SMALL_LOG_FACTORIALS[k] ?? 0) - (k + 0.5) * Math.log(k) + k - LN_SQRT_2PI;
  }
  const k2 = k * k;
  // Series 1/12k − 1/360k³ + 1/1260k⁵ − 1/1680k⁷ + 1/1188k⁹; next term < 2e-16 for k > 15.
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / k2) / k2) / k2) / k2) / k;
}

/** x ln(x/m) + m − x, without cancellation when x ≈ m. */
function deviancePart(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    // With v = (x − m)/(x + m): x ln(x/m) + m − x = (x − m)v + 2x Σ_{j≥1} v^(2j+1)/(2j+1).
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let power = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      power *= v2;
      const next = sum + power / (2 * j + 1);
      if (next === sum) return sum;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln P(X = k) for X ~ Binomial(n, p); k and n integers. */
function logBinomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const q = 1 - p;
  const logC =
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    deviancePart(k, n * p) -
    deviancePart(n - k, n * q);
  return logC - 0.5 * (Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n));
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  return Math.exp(logBinomialPmf(k, n, p));
}

/** Terms smaller than this fraction of the running sum no longer change a double. */
const NEGLIGIBLE = 1e-17;

/**
 * P(X ≤ k) for X ~ Binomial(n, p). Sums probabilities outward from k into whichever tail k sits
 * in, so the work is O(√(np(1−p))) terms, not O(n), and small tails keep full relative accuracy.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  assertTrials(n);
  assertProbability(p, 'p');
  if (k < 0) return 0;
  if (k >= n) return 1;
  k = Math.floor(k);
  if (p === 0) return 1;
  if (p === 1) return 0;
  return k <= n * p ? lowerTail(k, n, p) : 1 - upperTailAbove(k, n, p);
}

/** P(X ≤ k), summed downward from k. */
function lowerTail(k: number, n: number, p: number): number {
  const q = 1 - p;
  let term = binomialPmf(k, n, p);
  let sum = term;
  for (let j = k; j > 0 && term > sum * NEGLIGIBLE; j--) {
    term *= (j * q) / ((n - j + 1) * p);
    sum += term;
  }
  return sum;
}

/** P(X > k), summed upward from k + 1. */
function upperTailAbove(k: number, n: number, p: number): number {
  const q = 1 - p;
  let term = binomialPmf(k + 1, n, p);
  let sum = term;
  for (let j = k + 1; j < n && term > sum * NEGLIGIBLE; j++) {
    term *= ((n - j) * p) / ((j + 1) * q);
    sum += term;
  }
  return sum;
}

/**
 * Rough standard normal quantile (Abramowitz & Stegun 26.2.23, error < 5e-4): only a starting
 * point for the exact binomial search, never a result.
 */
function approximateNormalQuantile(prob: number): number {
  const tail = Math.min(prob, 1 - prob);
  const t = Math.sqrt(-2 * Math.log(tail));
  const z =
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  return prob < 0.5 ? -z : z;
}

export interface BinomialQuantile {
  /** Smallest r with P(X ≤ r) ≥ prob. */
  r: number;
  /** P(X ≤ r). */
  cdf: number;
  /** P(X = r) = P(X ≤ r) − P(X ≤ r − 1). */
  pmf: number;
}

/** Smallest r with P(X ≤ r) ≥ prob, X ~ Binomial(n, p), 0 < prob < 1. */
export function binomialQuantile(n: number, p: number, prob: number): BinomialQuantile {
  assertTrials(n);
  assertProbability(p, 'p');
  if (!(prob > 0 && prob < 1)) throw new RangeError(`prob must be strictly between 0 and 1`);
  if (p === 0) return { r: 0, cdf: 1, pmf: 1 };
  if (p === 1) return { r: n, cdf: 1, pmf: 1 };

  // Start from the normal approximation with a skewness (Cornish–Fisher) and continuity
  // correction: usually within a step or two, so the walk below is short.
  const sd = Math.sqrt(n * p * (1 - p));
  const z = approximateNormalQuantile(prob);
  const guess = n * p + sd * z + ((z * z - 1) * (1 - 2 * p)) / 6 - 0.5;
  let r = Math.min(n, Math.max(0, Math.round(guess)));
  let cdf = binomialCdf(r, n, p);
  let pmf = binomialPmf(r, n, p);

  while (cdf < prob && r < n) {
    r += 1;
    pmf = binomialPmf(r, n, p);
    cdf += pmf;
  }
  while (r > 0 && cdf - pmf >= prob) {
    cdf -= pmf;
    r -= 1;
    pmf = binomialPmf(r, n, p);
  }
  return { r, cdf, pmf };
}

/**
 * Exact binomial control limit, as a proportion, for a unit of size n around p0 at cumulative
 * probability `prob` (0.001, 0.025, 0.975 or 0.999 for the usual funnel).
 *
 * Convention (Spiegelhalter 2005, as used by PHE): r_p = smallest r with P(X ≤ r) ≥ prob; then
 * α = (P(X ≤ r_p) − prob) / (P(X ≤ r_p) − P(X ≤ r_p − 1)) and the limit is (r_p − α)/n. That is,
 * the inverse of the CDF joined linearly between the points (r, P(X ≤ r)), which gives smooth
 * funnels instead of steps. Because each point's probability is spread over (r − 1, r], the
 * limits sit 1/(2n) below a symmetric pair: lower(p0) + upper(1 − p0) = 1 − 1/n. Limits below 0
 * (small n) are clamped to 0, so a rate of 0 is then inside.
 */
export function exactBinomialLimit(n: number, p0: number, prob: number): number {
  // p0 of 0 or 1 allows no variation at all: every limit is p0, so a unit at p0 is on (inside) it.
  if (p0 === 0 || p0 === 1) return p0;
  const { r, cdf, pmf } = binomialQuantile(n, p0, prob);
  const alpha = pmf > 0 ? Math.min(1, Math.max(0, (cdf - prob) / pmf)) : 0;
  return clampProportion((r - alpha) / n);
}

export function clampProportion(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function assertTrials(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1`);
}

export function assertProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what} must be between 0 and 1`);
}
