import {
  BENCHMARK_KINDS,
  type BenchmarkKind,
  type SeriesPoint,
  type TrendInput,
} from './trend-chart.js';

/**
 * An indicator's chart input from its series as read from the store: the partnership's own
 * values as `ourLabel`, each benchmark that has values, and the target. One place, so the
 * indicator's page and a board report draw the same chart.
 */
export function trendInputOf(
  indicator: Pick<TrendInput, 'unit' | 'polarity' | 'frequency'> & { name: string },
  series: Record<'ours' | BenchmarkKind, readonly SeriesPoint[]>,
  target: TrendInput['target'],
  ourLabel: string,
): TrendInput {
  return {
    indicatorName: indicator.name,
    unit: indicator.unit,
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    ours: { label: ourLabel, points: series.ours },
    benchmarks: BENCHMARK_KINDS.filter((kind) => series[kind].length > 0).map((kind) => ({
      kind,
      points: series[kind],
    })),
    target,
  };
}
