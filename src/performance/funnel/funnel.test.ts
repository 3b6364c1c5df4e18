import { describe, expect, it } from 'vitest';
import {
  adjustedLimits,
  analyseFunnel,
  classifyRate,
  estimateOverdispersion,
  exactLimits,
  flaggedUnitCsvRows,
  funnelCurve,
  winsorise,
  type FunnelAnalysis,
  type FunnelLimits,
  type FunnelUnitInput,
  type FunnelUnitResult,
} from './funnel.js';
import { binomialCdf, binomialQuantile, exactBinomialLimit } from './binomial.js';

function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectLimitsNear(actual: FunnelLimits, expected: number[], tolerance: number): void {
  const [lower998, lower95, upper95, upper998] = expected;
  expectNear(actual.lower998, lower998 ?? NaN, tolerance);
  expectNear(actual.lower95, lower95 ?? NaN, tolerance);
  expectNear(actual.upper95, upper95 ?? NaN, tolerance);
  expectNear(actual.upper998, upper998 ?? NaN, tolerance);
}

function byId(analysis: FunnelAnalysis, id: string): FunnelUnitResult {
  const found = analysis.units.find((u) => u.id === id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
}

function unit(id: string, numerator: number, denominator: number, name = id): FunnelUnitInput {
  return { id, name, numerator, denominator };
}

/**
 * Independent check: P(X ≤ k) by summing every term C(n, j) p^j q^(n−j) as exact BigInt
 * rationals (p = a/b), so no floating point or shared code is involved.
 */
function exactCdfByBruteForce(k: number, n: number, a: number, b: number): number {
  const bigN = BigInt(n);
  const bigA = BigInt(a);
  const bigRest = BigInt(b - a);
  let numerator = 0n;
  let choose = 1n;
  for (let j = 0n; j <= BigInt(k); j++) {
    if (j > 0n) choose = (choose * (bigN - j + 1n)) / j;
    numerator += choose * bigA ** j * bigRest ** (bigN - j);
  }
  const denominator = BigInt(b) ** bigN;
  // Keep 15 significant digits of the ratio.
  const scale = 10n ** 18n;
  return Number((numerator * scale) / denominator) / 1e18;
}

describe('binomial distribution', () => {
  it('agrees with an exact rational summation of the CDF', () => {
    const cases: [number, number, number, number][] = [
      // k, n, a, b  (p = a/b)
      [0, 20, 1, 10],
      [2, 20, 1, 10],
      [7, 20, 1, 4],
      [12, 200, 1, 10],
      [29, 200, 1, 10],
      [38, 200, 1, 4],
      [62, 200, 1, 4],
      [174, 2000, 1, 10],
      [243, 2000, 1, 10],
      [462, 2000, 1, 4],
      [538, 2000, 1, 4],
    ];
    for (const [k, n, a, b] of cases) {
      expectNear(binomialCdf(k, n, a / b), exactCdfByBruteForce(k, n, a, b), 1e-13);
    }
  });

  it('handles the ends of the range', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(0, 10, 0)).toBe(1);
    expect(binomialCdf(9, 10, 1)).toBe(0);
    expectNear(binomialCdf(0, 10, 0.3), 0.7 ** 10, 1e-15);
    // Far tail underflows to 0 rather than looping or returning NaN.
    expect(binomialCdf(0, 1_000_000, 0.5)).toBe(0);
    // Symmetric case: P(X ≤ n/2) = ½ + ½ P(X = n/2); P(X = 10) for n = 20 is 184756 / 2^20.
    expectNear(binomialCdf(10, 20, 0.5), 0.5 + 184756 / 2 ** 21, 1e-15);
  });
});

/*
 * Expected values computed independently in python3 with exact rationals:
 *
 *   from fractions import Fraction as Fr; from math import comb
 *   F = cumulative sums of comb(n, k) * p**k * (1 - p)**(n - k), p = Fr(1, 10) or Fr(1, 4)
 *   r = first k with F[k] >= prob;  alpha = (F[r] - prob) / (F[r] - F[r - 1])
 *   limit = float((r - alpha) / n)   (shown before clamping at 0)
 *
 * Columns: prob = 0.001, 0.025, 0.975, 0.999.
 */
const PROBS = [0.001, 0.025, 0.975, 0.999] as const;
const EXACT_REFERENCE: { n: number; p0: number; r: number[]; limits: number[] }[] = [
  {
    n: 20,
    p0: 0.1,
    r: [0, 0, 5, 7],
    limits: [-0.0495887368330015, -0.03971842082503755, 0.2284676070299244, 0.3351718216852828],
  },
  {
    n: 20,
    p0: 0.25,
    r: [0, 2, 9, 11],
    limits: [-0.03423315723993914, 0.050513366426387867, 0.42942484457680996, 0.5489256103958385],
  },
  {
    n: 200,
    p0: 0.1,
    r: [8, 12, 29, 34],
    limits: [0.0378515074020755, 0.057690722023731864, 0.14097171436988654, 0.16856726385269516],
  },
  {
    n: 200,
    p0: 0.25,
    r: [32, 38, 62, 70],
    limits: [0.15660069379999658, 0.18862067809142613, 0.30874685427754645, 0.34533278035719295],
  },
  {
    n: 2000,
    p0: 0.1,
    r: [160, 174, 227, 243],
    limits: [0.07960007445395686, 0.08678797124275062, 0.11308706065719759, 0.12103489130971126],
  },
  {
    n: 2000,
    p0: 0.25,
    r: [441, 462, 538, 561],
    limits: [0.22018961407049198, 0.23089011571983498, 0.26884778309276985, 0.2800147652435521],
  },
];

describe('exact binomial limits', () => {
  for (const { n, p0, r, limits } of EXACT_REFERENCE) {
    it(`matches the independent quantiles for n = ${n}, p0 = ${p0}`, () => {
      PROBS.forEach((prob, i) => {
        const quantile = binomialQuantile(n, p0, prob);
        expect(quantile.r).toBe(r[i]);
        // The defining property, checked with the brute-force CDF (p0 = 1/10 or 1/4 exactly).
        const b = p0 === 0.1 ? 10 : 4;
        expect(exactCdfByBruteForce(quantile.r, n, 1, b)).toBeGreaterThanOrEqual(prob);
        if (quantile.r > 0) {
          expect(exactCdfByBruteForce(quantile.r - 1, n, 1, b)).toBeLessThan(prob);
        }
        expectNear(exactBinomialLimit(n, p0, prob), Math.max(0, limits[i] ?? NaN), 1e-12);
      });
      expectLimitsNear(
        exactLimits(n, p0),
        limits.map((l) => Math.max(0, l)),
        1e-12,
      );
    });
  }

  it('agrees with a direct-sum quantile over a grid of small n and p0', () => {
    // Straightforward reference: add up P(X = k) from k = 0 with the ratio recurrence.
    const directQuantile = (n: number, p: number, prob: number): number => {
      let term = (1 - p) ** n;
      let cdf = term;
      let k = 0;
      // Exact ties (e.g. n = 3, p = 0.9: P(X = 0) = 0.001 exactly) go to the smaller r, as the
      // definition P(X ≤ r) ≥ prob says, whatever the last bit of rounding did.
      while (cdf < prob * (1 - 1e-12) && k < n) {
        term *= ((n - k) * p) / ((k + 1) * (1 - p));
        k += 1;
        cdf += term;
      }
      return k;
    };
    for (const n of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]) {
      for (const p of [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
        if ((1 - p) ** n < 1e-250) continue; // the reference would underflow
        for (const prob of PROBS) {
          expect(binomialQuantile(n, p, prob).r, `n=${n} p=${p} prob=${prob}`).toBe(
            directQuantile(n, p, prob),
          );
        }
      }
    }
  });

  it('mirrors under p0 → 1 − p0: r flips to n − r, and limits sum to 1 − 1/n', () => {
    for (const n of [20, 200, 2000]) {
      for (const p0 of [0.1, 0.25]) {
        for (const prob of PROBS) {
          const r = binomialQuantile(n, p0, prob).r;
          expect(binomialQuantile(n, 1 - p0, 1 - prob).r).toBe(n - r);
          const lower = exactBinomialLimit(n, p0, prob);
          const mirroredUpper = exactBinomialLimit(n, 1 - p0, 1 - prob);
          if (lower > 0) expectNear(lower + mirroredUpper, 1 - 1 / n, 1e-9);
        }
      }
    }
  });

  it('narrows around p0 as n grows and nests 95% inside 99.8%', () => {
    let previousWidth = Infinity;
    for (const n of [10, 50, 200, 1000, 5000, 20000]) {
      const limits = exactLimits(n, 0.12);
      expect(limits.lower998).toBeLessThanOrEqual(limits.lower95);
      expect(limits.lower95).toBeLessThan(0.12);
      expect(limits.upper95).toBeGreaterThan(0.12);
      expect(limits.upper95).toBeLessThanOrEqual(limits.upper998);
      const width = limits.upper998 - limits.lower998;
      expect(width).toBeLessThan(previousWidth);
      previousWidth = width;
    }
  });

  it('gives the hand-computed limits for n = 1', () => {
    // X ~ Bernoulli(0.1): P(X ≤ 0) = 0.9. Upper 95%: r = 1, α = (1 − 0.975)/0.1 = 0.25, limit 0.75;
    // upper 99.8%: α = 0.001/0.1 = 0.01, limit 0.99; lower limits −α < 0 are clamped to 0.
    expectLimitsNear(exactLimits(1, 0.1), [0, 0, 0.75, 0.99], 1e-12);
  });

  it('collapses the limits onto p0 when p0 is 0 or 1 (no variation possible)', () => {
    expect(exactLimits(50, 0)).toEqual({ lower998: 0, lower95: 0, upper95: 0, upper998: 0 });
    expect(exactLimits(50, 1)).toEqual({ lower998: 1, lower95: 1, upper95: 1, upper998: 1 });
    expect(binomialQuantile(50, 1, 0.025)).toEqual({ r: 50, cdf: 1, pmf: 1 });
  });

  it('is fast and right for n = 1,000,000', () => {
    // Reference: python3 direct Kahan summation of exp(lgamma(...)) terms over k = 0..n.
    const reference: [number, number[], number[]][] = [
      [
        0.1,
        [99074, 99412, 100588, 100928],
        [0.09907357070361592, 0.09941188982473331, 0.10058786795592199, 0.10092770902821346],
      ],
      [
        0.25,
        [248663, 249152, 250849, 251339],
        [0.24866210352963752, 0.2491510476778261, 0.2508484263535663, 0.2513383219157991],
      ],
    ];
    const started = performance.now();
    for (const [p0, rs, limits] of reference) {
      PROBS.forEach((prob, i) => {
        expect(binomialQuantile(1_000_000, p0, prob).r).toBe(rs[i]);
        expectNear(exactBinomialLimit(1_000_000, p0, prob), limits[i] ?? NaN, 1e-9);
      });
    }
    for (const p0 of [1e-6, 0.5, 0.999999]) exactLimits(1_000_000, p0);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('overdispersion', () => {
  it('winsorises 10% at each tail to the 10th and 90th percentiles', () => {
    // Eleven values 0..10: the 10th/90th percentiles (linear interpolation) are 1 and 9.
    expect(winsorise([5, 0, 1, 2, 3, 4, 6, 7, 8, 9, 10])).toEqual([
      5, 1, 1, 2, 3, 4, 6, 7, 8, 9, 9,
    ]);
    expect(winsorise([])).toEqual([]);
  });

  it('computes φ and τ² for two units by hand', () => {
    // Two schools of 100 pupils at 40% and 60%, p0 = 50%.
    // z = ±(asin √0.4 − asin √0.5)·2·√100 = ±2.013579…; with two values the 10th percentile is
    // z₁ + 0.1·(z₂ − z₁) = −0.8·2.013579…, so both winsorised values are ±1.610863…
    // φ = 1.610863…² = 2.594880…; w = 4n = 400 each, Σw − Σw²/Σw = 800 − 320000/800 = 400;
    // τ² = (2φ − 1)/400 = 0.010474…
    const z = (Math.asin(Math.sqrt(0.6)) - Math.asin(Math.sqrt(0.5))) * 20;
    const phi = (0.8 * z) ** 2;
    const result = analyseFunnel([unit('a', 40, 100), unit('b', 60, 100)]);
    expect(result.p0).toBe(0.5);
    expectNear(z, 2.013579, 1e-6);
    expectNear(result.overdispersion.phi, phi, 1e-12);
    expectNear(result.overdispersion.phi, 2.59488, 1e-5);
    expectNear(result.overdispersion.tau2, (2 * phi - 1) / 400, 1e-14);
    expectNear(result.overdispersion.tau2, 0.01047, 1e-5);
    expect(result.overdispersion.detected).toBe(true);
  });

  /*
   * Ten schools, deliberately spread out. Computed independently in python3 (/tmp script, not
   * shared code): z from math.asin; percentiles from statistics.quantiles(z, n=10,
   * method='inclusive') (linear interpolation); exact limits with fractions.Fraction and p0 =
   * Fraction(450, 5650).
   */
  const spreadOut = [
    unit('a', 12, 210, 'Ash Grove Primary'),
    unit('b', 30, 180, 'Beech Hill Primary'),
    unit('c', 95, 1200, 'Cedar Academy'),
    unit('d', 4, 90, 'Damson Lane Infants'),
    unit('e', 60, 640, 'Elm Park School'),
    unit('f', 41, 420, 'Fir Tree Primary'),
    unit('h', 70, 1500, 'Hawthorn High'),
    unit('j', 25, 260, 'Juniper Juniors'),
    unit('l', 33, 350, 'Larch Primary'),
    unit('m', 80, 800, 'Maple Federation'),
  ];

  it('matches an independent calculation of φ and τ² and labels with widened limits', () => {
    const result = analyseFunnel(spreadOut);
    expectNear(result.p0 ?? NaN, 450 / 5650, 1e-15);
    expectNear(result.overdispersion.phi, 2.0760568526023335, 1e-12);
    expectNear(result.overdispersion.tau2, 0.0006214247840776887, 1e-15);
    expect(result.overdispersion.detected).toBe(true);
    expect(result.limitsUsed).toBe('overdispersion-adjusted');

    const beech = byId(result, 'b');
    const hawthorn = byId(result, 'h');
    expectNear(beech.zScore, 3.607158, 1e-6);
    expectNear(hawthorn.zScore, -5.295322, 1e-6);
    // Beech Hill: 16.67% is above the exact 99.8% limit (14.55%) but only above the widened 95%.
    expectLimitsNear(beech.exactLimits, [0.022101, 0.039577, 0.118735, 0.145479], 1e-6);
    expectLimitsNear(beech.adjustedLimits, [0.021613, 0.038781, 0.133462, 0.169752], 1e-6);
    expect(beech.label).toBe('High (0.025)');
    expect(classifyRate(beech.rate, beech.exactLimits)).toBe('High (0.001)');
    // Hawthorn: 4.67% is below the exact 99.8% limit but only below the widened 95% limit.
    expectLimitsNear(hawthorn.exactLimits, [0.058527, 0.065877, 0.093275, 0.101706], 1e-6);
    expectLimitsNear(hawthorn.adjustedLimits, [0.039217, 0.052455, 0.111922, 0.132697], 1e-6);
    expect(hawthorn.label).toBe('Low (0.025)');
    expect(result.units.filter((u) => u.label === 'Not significant')).toHaveLength(8);
    for (const u of result.units) expect(u.limitsUsed).toBe('overdispersion-adjusted');

    // Asking for exact limits explicitly overrides the default.
    const exact = analyseFunnel(spreadOut, { labelWith: 'exact' });
    expect(byId(exact, 'b').label).toBe('High (0.001)');
    expect(byId(exact, 'h').label).toBe('Low (0.001)');
  });

  it('finds no overdispersion when all units are identical', () => {
    const result = analyseFunnel([unit('a', 10, 100), unit('b', 10, 100), unit('c', 10, 100)]);
    expect(result.overdispersion).toEqual({ phi: 0, tau2: 0, detected: false });
    expect(result.limitsUsed).toBe('exact');
    for (const u of result.units) expect(u.label).toBe('Not significant');
    // With τ² = 0 the adjusted limits are the plain arcsine-scale normal limits.
    const y0 = Math.asin(Math.sqrt(0.1));
    expectNear(
      result.units[0]?.adjustedLimits.upper95 ?? NaN,
      Math.sin(y0 + 1.959963984540054 / 20) ** 2,
      1e-15,
    );
  });

  it('keeps adjusted limits inside [0, 1] when the angle leaves [0, π/2]', () => {
    const nearZero = adjustedLimits(5, 0.01, 0.5);
    expect(nearZero.lower998).toBe(0);
    const nearOne = adjustedLimits(5, 0.99, 0.5);
    expect(nearOne.upper998).toBe(1);
    // Without clamping, sin² would fold back below 1.
    expect(nearOne.upper95).toBe(1);
  });

  it('needs at least two units to estimate τ²', () => {
    expect(estimateOverdispersion([5], [100])).toEqual({ phi: 25, tau2: 0, detected: false });
    expect(estimateOverdispersion([], [])).toEqual({ phi: 0, tau2: 0, detected: false });
  });
});

describe('worked example: ten schools, pupils with MLD out of pupils on roll', () => {
  /*
   * Σr = 542, Σn = 5650, so p0 = 9.593%. Computed independently in python3 (exact limits with
   * fractions.Fraction; φ with statistics.quantiles(method='inclusive')): φ = 0.48389 < 1, so
   * τ² = 0, no overdispersion, and labels use the exact binomial limits.
   *
   *  School               r     n     rate    99.8% lo  95% lo   95% hi   99.8% hi  label
   *  Ash Grove Primary    21   210  10.000%   3.6489%  5.5451% 13.5292% 16.1473%  Not significant
   *  Beech Hill Primary   31   180  17.222%   3.2237%  5.2110% 13.8254% 16.6786%  High (0.001)
   *  Cedar Academy       118  1200   9.833%   7.0219%  7.9180% 11.2484% 12.2726%  Not significant
   *  Damson Lane Infants   1    90   1.111%   0.9012%  3.4110% 15.5117% 19.8211%  Low (0.025)
   *  Elm Park School      60   640   9.375%   6.1063%  7.2915% 11.8555% 13.2822%  Not significant
   *  Fir Tree Primary     41   420   9.762%   5.3142%  6.7453% 12.3768% 14.1838%  Not significant
   *  Hawthorn High       130  1500   8.667%   7.2876%  8.0942% 11.0752% 11.9848%  Not significant
   *  Juniper Juniors      27   260  10.385%   4.2429%  5.9593% 13.1240% 15.4672%  Not significant
   *  Larch Primary        33   350   9.429%   4.9263%  6.4700% 12.6465% 14.6301%  Not significant
   *  Maple Federation     80   800  10.000%   6.4599%  7.5366% 11.6177% 12.8863%  Not significant
   */
  const schools = [
    unit('100001', 21, 210, 'Ash Grove Primary'),
    unit('100002', 31, 180, 'Beech Hill Primary'),
    unit('100003', 118, 1200, 'Cedar Academy'),
    unit('100004', 1, 90, 'Damson Lane Infants'),
    unit('100005', 60, 640, 'Elm Park School'),
    unit('100006', 41, 420, 'Fir Tree Primary'),
    unit('100007', 130, 1500, 'Hawthorn High'),
    unit('100008', 27, 260, 'Juniper Juniors'),
    unit('100009', 33, 350, 'Larch Primary'),
    unit('100010', 80, 800, 'Maple Federation'),
  ];
  const expected: [string, number, number[], string][] = [
    ['100001', 0.1, [0.036489, 0.055451, 0.135292, 0.161473], 'Not significant'],
    ['100002', 0.172222, [0.032237, 0.05211, 0.138254, 0.166786], 'High (0.001)'],
    ['100003', 0.098333, [0.070219, 0.07918, 0.112484, 0.122726], 'Not significant'],
    ['100004', 0.011111, [0.009012, 0.03411, 0.155117, 0.198211], 'Low (0.025)'],
    ['100005', 0.09375, [0.061063, 0.072915, 0.118555, 0.132822], 'Not significant'],
    ['100006', 0.097619, [0.053142, 0.067453, 0.123768, 0.141838], 'Not significant'],
    ['100007', 0.086667, [0.072876, 0.080942, 0.110752, 0.119848], 'Not significant'],
    ['100008', 0.103846, [0.042429, 0.059593, 0.13124, 0.154672], 'Not significant'],
    ['100009', 0.094286, [0.049263, 0.0647, 0.126465, 0.146301], 'Not significant'],
    ['100010', 0.1, [0.064599, 0.075366, 0.116177, 0.128863], 'Not significant'],
  ];

  it('gives the rates, limits and labels in the table', () => {
    const result = analyseFunnel(schools);
    expect(result.p0).toBe(542 / 5650);
    expect(result.p0Source).toBe('data');
    expectNear(result.overdispersion.phi, 0.4838906675810781, 1e-12);
    expect(result.overdispersion.tau2).toBe(0);
    expect(result.limitsUsed).toBe('exact');
    expect(result.units.map((u) => u.id)).toEqual(expected.map(([id]) => id));
    result.units.forEach((u, i) => {
      const [, rate, limits, label] = expected[i] ?? ['', NaN, [], ''];
      expectNear(u.rate, rate, 1e-6);
      expectLimitsNear(u.exactLimits, limits, 1e-6);
      expect(u.label).toBe(label);
      expect(u.limitsUsed).toBe('exact');
    });
  });

  it('exports only the flagged schools as CSV rows (percentages, 2 dp)', () => {
    const rows = flaggedUnitCsvRows(analyseFunnel(schools));
    expect(rows).toEqual([
      [
        '100002',
        'Beech Hill Primary',
        31,
        180,
        17.22,
        3.22,
        5.21,
        13.83,
        16.68,
        'Exact binomial',
        'High (0.001)',
      ],
      [
        '100004',
        'Damson Lane Infants',
        1,
        90,
        1.11,
        0.9,
        3.41,
        15.51,
        19.82,
        'Exact binomial',
        'Low (0.025)',
      ],
    ]);
  });

  it('compares with a fixed target rate when given one', () => {
    // Against a target of 6% every school is above it, which the overdispersion estimate absorbs
    // (wide adjusted limits); the exact limits still single out Beech Hill.
    const result = analyseFunnel(schools, { targetRate: 0.06 });
    expect(result.p0).toBe(0.06);
    expect(result.p0Source).toBe('target');
    expect(result.overdispersion.detected).toBe(true);
    expectNear(
      byId(result, '100002').zScore,
      (Math.asin(Math.sqrt(31 / 180)) - Math.asin(Math.sqrt(0.06))) * 2 * Math.sqrt(180),
      1e-12,
    );
    const exact = analyseFunnel(schools, { targetRate: 0.06, labelWith: 'exact' });
    expect(byId(exact, '100002').label).toBe('High (0.001)');
    // python3 (fractions) exact limits at 6%: Damson Lane 1/90 = 1.11% vs lower 95% 1.074%;
    // Hawthorn 130/1500 = 8.67% vs upper 99.8% 7.943%.
    expect(byId(exact, '100004').label).toBe('Not significant');
    expect(byId(exact, '100007').label).toBe('High (0.001)');
  });
});

describe('edge cases', () => {
  it('excludes n = 0 and invalid figures with a reason instead of throwing', () => {
    const result = analyseFunnel([
      unit('ok', 3, 30),
      unit('empty', 0, 0),
      unit('fraction', 1.5, 10),
      unit('negative', -1, 10),
      unit('too-many', 11, 10),
      unit('nan', Number.NaN, 10),
      unit('ok', 2, 20),
    ]);
    expect(result.units.map((u) => u.id)).toEqual(['ok']);
    expect(result.excluded.map((e) => [e.unit.id, e.reason])).toEqual([
      ['empty', 'zero-denominator'],
      ['fraction', 'invalid-number'],
      ['negative', 'invalid-number'],
      ['too-many', 'numerator-exceeds-denominator'],
      ['nan', 'invalid-number'],
      ['ok', 'duplicate-id'],
    ]);
    for (const e of result.excluded) expect(e.message).not.toBe('');
    expect(result.p0).toBe(0.1);
  });

  it('returns an empty analysis when nothing can be analysed', () => {
    const result = analyseFunnel([unit('empty', 0, 0)]);
    expect(result.p0).toBeNull();
    expect(result.units).toEqual([]);
    expect(result.excluded).toHaveLength(1);
    expect(funnelCurve(result)).toEqual([]);
    expect(analyseFunnel([]).p0).toBeNull();
  });

  it('rejects an impossible target rate', () => {
    expect(() => analyseFunnel([unit('a', 1, 2)], { targetRate: 1.2 })).toThrow(RangeError);
  });

  it('handles r = 0 and r = n', () => {
    const result = analyseFunnel([
      unit('none-small', 0, 10),
      unit('none-big', 0, 2000),
      unit('all-small', 10, 10),
      ...Array.from({ length: 20 }, (_, i) => unit(`typical-${i}`, 100, 1000)),
    ]);
    // For n = 10 around ~10% the lower limits are clamped at 0; a rate of 0 sits on them: inside.
    expect(byId(result, 'none-small').exactLimits.lower95).toBe(0);
    expect(byId(result, 'none-small').label).toBe('Not significant');
    expect(byId(result, 'none-big').label).toBe('Low (0.001)');
    expect(byId(result, 'all-small').label).toBe('High (0.001)');
    for (const u of result.units) {
      for (const limits of [u.exactLimits, u.adjustedLimits]) {
        for (const value of Object.values(limits)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('counts a rate exactly on a limit as inside', () => {
    const limits = { lower998: 0.1, lower95: 0.2, upper95: 0.3, upper998: 0.4 };
    expect(classifyRate(0.1, limits)).toBe('Low (0.025)');
    expect(classifyRate(0.2, limits)).toBe('Not significant');
    expect(classifyRate(0.3, limits)).toBe('Not significant');
    expect(classifyRate(0.4, limits)).toBe('High (0.025)');
    expect(classifyRate(0.0999, limits)).toBe('Low (0.001)');
    expect(classifyRate(0.4001, limits)).toBe('High (0.001)');
  });

  it('handles n = 1 units and a single unit', () => {
    const single = analyseFunnel([unit('only', 1, 1)]);
    expect(single.p0).toBe(1);
    expect(single.overdispersion.tau2).toBe(0);
    expect(single.units[0]?.label).toBe('Not significant');

    const one = analyseFunnel([unit('tiny', 0, 1), unit('big', 100, 1000)]);
    expect(one.units[0]?.label).toBe('Not significant');
    expect(one.units[0]?.denominator).toBe(1);

    const alone = analyseFunnel([unit('solo', 17, 240)]);
    expect(alone.units).toHaveLength(1);
    expect(alone.overdispersion).toEqual({ phi: 0, tau2: 0, detected: false });
    expect(alone.units[0]?.label).toBe('Not significant');
  });

  it('analyses very large units quickly', () => {
    const started = performance.now();
    const result = analyseFunnel([
      unit('a', 100_400, 1_000_000),
      unit('b', 99_000, 1_000_000),
      unit('c', 50_000, 500_000),
      unit('d', 10_300, 100_000),
    ]);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.units).toHaveLength(4);
    expect(result.units.every((u) => Number.isFinite(u.exactLimits.upper998))).toBe(true);
  });
});

describe('funnelCurve', () => {
  it('spans the smallest to the largest denominator with increasing, unique sizes', () => {
    const analysis = analyseFunnel([unit('a', 3, 12), unit('b', 50, 400), unit('c', 300, 3000)]);
    const curve = funnelCurve(analysis);
    expect(curve[0]?.denominator).toBe(12);
    expect(curve[curve.length - 1]?.denominator).toBe(3000);
    expect(curve.length).toBeGreaterThan(60);
    expect(curve.length).toBeLessThanOrEqual(100);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]?.denominator ?? 0).toBeGreaterThan(curve[i - 1]?.denominator ?? Infinity);
    }
    const p0 = analysis.p0 ?? NaN;
    const at = curve.find((point) => point.denominator === 400);
    if (at) expect(at.exact).toEqual(exactLimits(400, p0));
    for (const point of curve) {
      expect(point.adjusted).toEqual(
        adjustedLimits(point.denominator, p0, analysis.overdispersion.tau2),
      );
    }
  });

  it('honours an explicit range and point count', () => {
    const analysis = analyseFunnel([unit('a', 5, 50)]);
    const curve = funnelCurve(analysis, { minDenominator: 1, maxDenominator: 10, points: 400 });
    expect(curve.map((point) => point.denominator)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('flaggedUnitCsvRows', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    const analysis = analyseFunnel([
      unit('=1+1', 90, 100, '=HYPERLINK("http://example.com")'),
      ...Array.from({ length: 20 }, (_, i) => unit(`u${i}`, 10, 100)),
    ]);
    const [row] = flaggedUnitCsvRows(analysis);
    expect(row?.[0]).toBe("'=1+1");
    expect(row?.[1]).toBe('\'=HYPERLINK("http://example.com")');
  });
});
