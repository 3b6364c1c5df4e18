// What the timeliness page shows, worked out from an analysis: the figures as text, the tables
// and the charts. Pure: no I/O; the page only lays these out. No case reference appears here.
import { needLabel } from '../census/index.js';
import { renderTrendChart } from '../indicators/index.js';
import { periodInSentence, toPeriod } from '../indicators/index.js';
import {
  ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS,
  type BandCount,
  type EhcTimelinessAnalysis,
  type NationalTimelinessFigure,
  type Share,
  type TimelinessSummary,
} from './ehc-timeliness.js';
import { renderBarChart } from './timeliness-svg.js';

/** "55.1%", or "No plans" when nothing was counted. */
export function shareText(s: Share, none = 'No plans'): string {
  return s.share === null ? none : `${(s.share * 100).toFixed(1)}%`;
}

/** "12 of 20". */
export function countsText(s: Share): string {
  return `${s.numerator.toLocaleString('en-GB')} of ${s.denominator.toLocaleString('en-GB')}`;
}

export function weeksText(weeks: number | null): string {
  return weeks === null ? 'No plans' : `${weeks.toFixed(1)} weeks`;
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

const englandByYear = new Map<number, NationalTimelinessFigure>(
  ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS.map((f) => [f.year, f]),
);

export function englandFigure(year: number): NationalTimelinessFigure | undefined {
  return englandByYear.get(year);
}

/** The latest England figure we hold. */
export const LATEST_ENGLAND = ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS.reduce((a, b) =>
  b.year > a.year ? b : a,
);

function bandRows(bands: readonly BandCount[]) {
  return bands.map((b) => ({
    band: b.band,
    count: count(b.count),
    share: shareText(b.share, '–'),
  }));
}

function summaryRow(summary: TimelinessSummary) {
  return {
    issued: count(summary.issued),
    withException: count(summary.withException),
    excluding: shareText(summary.within20WeeksExcludingExceptions),
    excludingCounts: countsText(summary.within20WeeksExcludingExceptions),
    including: shareText(summary.within20WeeksIncludingExceptions),
    includingCounts: countsText(summary.within20WeeksIncludingExceptions),
    meanWeeks: weeksText(summary.meanWeeks),
    medianWeeks: weeksText(summary.medianWeeks),
  };
}

export type TimelinessView = ReturnType<typeof timelinessView>;

/** The page's figures, tables and charts for one case set. `label` names the set in captions. */
export function timelinessView(analysis: EhcTimelinessAnalysis, label: string) {
  const { summary, byIssueMonth, byPrimaryNeed, open } = analysis;

  const months = byIssueMonth.map((m) => {
    const year = Number(m.month.slice(0, 4));
    const england = englandFigure(year);
    return {
      month: m.month,
      label: periodInSentence(toPeriod(m.month, 'monthly')),
      ...summaryRow(m.summary),
      england: england ? `${england.percent.toFixed(1)}% (${year})` : 'Not available',
    };
  });
  const englandPoints = byIssueMonth.flatMap((m) => {
    const england = englandFigure(Number(m.month.slice(0, 4)));
    return england ? [{ period: m.month, value: england.percent }] : [];
  });
  const monthChart =
    byIssueMonth.length === 0
      ? null
      : renderTrendChart(
          {
            indicatorName:
              'EHC plans issued within 20 weeks, excluding exceptions, by month of issue',
            unit: 'percent',
            polarity: 'higher_is_better',
            frequency: 'monthly',
            ours: {
              label,
              points: byIssueMonth.map((m) => ({
                period: m.month,
                value:
                  m.summary.within20WeeksExcludingExceptions.share === null
                    ? null
                    : m.summary.within20WeeksExcludingExceptions.share * 100,
              })),
            },
            benchmarks:
              englandPoints.length > 0
                ? [
                    {
                      kind: 'england',
                      label: 'England, calendar year',
                      points: englandPoints,
                    },
                  ]
                : [],
          },
          { id: 'ehc-by-month-chart' },
        );

  return {
    headline: {
      ...summaryRow(summary),
      excludingShare: summary.within20WeeksExcludingExceptions,
      includingShare: summary.within20WeeksIncludingExceptions,
      withoutException: count(summary.within20WeeksExcludingExceptions.denominator),
    },
    england: {
      latest: LATEST_ENGLAND,
      latestText: `${LATEST_ENGLAND.percent.toFixed(1)}%`,
      figures: ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS.map((f) => ({
        year: f.year,
        percent: `${f.percent.toFixed(1)}%`,
      })),
    },
    bands: {
      rows: bandRows(summary.bands),
      chart: renderBarChart(
        summary.bands.map((b) => ({ label: b.band, count: b.count })),
        {
          id: 'ehc-bands-chart',
          title: `EHC plans issued by weeks from request to issue: ${label}`,
          noun: 'plans issued',
        },
      ),
    },
    months,
    monthChart,
    needs: byPrimaryNeed.map((n) => ({
      need: n.primaryNeed === null ? 'Not recorded' : needLabel(n.primaryNeed),
      ...summaryRow(n.summary),
    })),
    open: {
      asOf: open.asOf,
      count: count(open.count),
      past20Weeks: count(open.past20Weeks.numerator),
      past20WeeksShare: shareText(open.past20Weeks, '–'),
      past20WeeksWithoutException: count(open.past20WeeksWithoutException.numerator),
      withoutException: count(open.past20WeeksWithoutException.denominator),
      any: open.count > 0,
      anyPast20Weeks: open.past20Weeks.numerator > 0,
      bands: bandRows(open.bands),
    },
  };
}
