/**
 * The indicators a board report shows: those linked to the reported plans' actions or findings,
 * each with where it stands and its trend chart (the same SVG as the indicator's page). Four
 * queries, however many indicators.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import * as repo from './indicator-repository.js';
import { groupSeries, statusOf, targetsByIndicator, type SeriesMap } from './indicator-service.js';
import { currentTarget } from './indicator-status.js';
import { formatValue } from './rag.js';
import { BENCHMARK_KINDS, renderTrendChart, type TrendInput } from './trend-chart.js';
import { trendInputOf } from './trend-input.js';

export type ReportIndicator = {
  id: string;
  name: string;
  /** "46.4% (2023)", or null with no value yet. */
  latest: string | null;
  previous: string | null;
  changeText: string | null;
  directionText: string | null;
  rag: 'red' | 'amber' | 'green' | null;
  targetText: string | null;
  /** The trend chart as SVG, with its title for alternative text; null without values. */
  chart: { svg: string; title: string } | null;
};

async function linkedIndicatorIds(
  q: Queryable,
  tenant: Tenant,
  actionIds: readonly string[],
  findingIds: readonly string[],
): Promise<Set<string>> {
  const rows = await q.query<{ indicator_id: string }>(
    `SELECT indicator_id FROM indicator_actions WHERE partnership_id = $1 AND action_id = ANY($2::uuid[])
     UNION
     SELECT indicator_id FROM indicator_findings WHERE partnership_id = $1 AND finding_id = ANY($3::uuid[])`,
    [tenant.partnershipId, [...actionIds], [...findingIds]],
  );
  return new Set(rows.map((r) => r.indicator_id));
}

/** XML text back to plain text: the chart's title and description escaped once, in the SVG. */
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (svg: string, tag: 'title' | 'desc') =>
  unescapeXml(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(svg)?.[1] ?? '');
/** What the chart shows in words, for Word's alternative text: its title and description. */
const chartTitleOf = (svg: string) =>
  [textOf(svg, 'title'), textOf(svg, 'desc')].filter(Boolean).join('. ');

export async function indicatorsForReport(
  q: Queryable,
  tenant: Tenant,
  links: { actionIds: readonly string[]; findingIds: readonly string[] },
  today: string,
): Promise<ReportIndicator[]> {
  const [linked, indicators, series, targets] = await Promise.all([
    linkedIndicatorIds(q, tenant, links.actionIds, links.findingIds),
    repo.listIndicators(q, tenant, { archived: false }),
    repo.listSeries(q, tenant, null),
    repo.listAllTargets(q, tenant),
  ]);
  const bySeries = groupSeries(series);
  const byTargets = targetsByIndicator(targets);
  return indicators
    .filter((i) => linked.has(i.id))
    .map((indicator) => {
      const s = bySeries.get(indicator.id);
      const target = currentTarget(
        (byTargets.get(indicator.id) ?? []).map((t) => ({ value: t.value, dueOn: t.due_on })),
        today,
      );
      const status = statusOf(indicator, s, target);
      const shown = (v: typeof status.latest) =>
        v ? `${formatValue(v.value, indicator.unit)} (${v.period.label})` : null;
      return {
        id: indicator.id,
        name: indicator.name,
        latest: shown(status.latest),
        previous: shown(status.previous),
        changeText: status.changeText,
        directionText: status.directionText,
        rag: status.rag,
        targetText: status.targetText,
        chart: chartOf(indicator, s, target, tenant.partnershipName),
      };
    });
}

function chartOf(
  indicator: repo.IndicatorRow,
  s: ReturnType<SeriesMap['get']>,
  target: TrendInput['target'],
  partnershipName: string,
): ReportIndicator['chart'] {
  if (!s || (s.ours.length === 0 && BENCHMARK_KINDS.every((k) => s[k].length === 0))) return null;
  try {
    const svg = renderTrendChart(trendInputOf(indicator, s, target, partnershipName), {
      id: `report-trend-${indicator.id}`,
    });
    return { svg, title: chartTitleOf(svg) };
  } catch (error) {
    // A period that cannot be read leaves the indicator without a chart, as on its page.
    if (error instanceof RangeError) return null;
    throw error;
  }
}
