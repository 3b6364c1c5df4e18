// The indicator page's view model: the trend chart and its table (or why there is none), the
// summary sentence, and the latest period's values by locality, district and school.
import type { IndicatorPage } from '../../indicator-service.js';
import { parsePeriod, type Frequency } from '../../periods.js';
import { formatValue, summariseIndicator } from '../../rag.js';
import { BENCHMARK_KINDS, renderTrendChart, trendTable } from '../../trend-chart.js';
import { trendInputOf } from '../../trend-input.js';

/** The trend chart and its table, or a reason why there is none. */
export function chartOf(loaded: IndicatorPage, partnershipName: string) {
  const { indicator, series, target } = loaded;
  const input = trendInputOf(indicator, series, target, partnershipName);
  const hasValues = BENCHMARK_KINDS.some((k) => series[k].length > 0) || series.ours.length > 0;
  if (!hasValues) return { chart: null, table: null, summary: summariseOf(loaded) };
  try {
    return {
      chart: renderTrendChart(input, { id: `trend-${indicator.id}` }),
      table: trendTable(input),
      summary: summariseOf(loaded),
    };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { chart: null, table: null, chartError: error.message, summary: summariseOf(loaded) };
  }
}

function summariseOf(loaded: IndicatorPage): string {
  const { indicator, series, target } = loaded;
  try {
    return summariseIndicator({
      unit: indicator.unit,
      polarity: indicator.polarity,
      frequency: indicator.frequency,
      values: series.ours,
      target,
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return 'The values recorded cannot be summarised: a period could not be read.';
  }
}

function periodLabel(key: string | null, frequency: Frequency): string | null {
  if (key === null) return null;
  const parsed = parsePeriod(key, frequency);
  return parsed.ok ? parsed.period.label : key;
}

const BREAKDOWN_KINDS = [
  { kind: 'locality', title: 'By locality' },
  { kind: 'district', title: 'By district' },
  { kind: 'school', title: 'By school' },
] as const;

export function breakdownOf(loaded: IndicatorPage) {
  const { breakdown, indicator } = loaded;
  const show = (n: number | null) => (n === null ? 'No data' : formatValue(n, indicator.unit));
  const count = (n: number | null) =>
    n === null ? '' : new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
  return {
    period: periodLabel(breakdown[0]?.period_key ?? null, indicator.frequency),
    groups: BREAKDOWN_KINDS.map(({ kind, title }) => ({
      kind,
      title,
      rows: breakdown
        .filter((r) => r.kind === kind)
        .map((r) => ({
          ...r,
          valueText: show(r.value),
          numeratorText: count(r.numerator),
          denominatorText: count(r.denominator),
        })),
    })).filter((g) => g.rows.length > 0),
    hasCounts: breakdown.some((r) => r.numerator !== null || r.denominator !== null),
  };
}
