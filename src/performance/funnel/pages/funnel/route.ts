import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { loadCensusRates } from '../../../census/index.js';
import {
  count,
  describeMeasure,
  LEVELS,
  NEED_CHOICES,
  percent,
  queryString,
  RATE_QUERY,
  readRateQuery,
  type ReadRateQuery,
} from '../../../census/index.js';
import { FormErrors } from '../../../../platform/web/forms.js';
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import {
  analyseFunnel,
  flaggedUnitCsvRows,
  FUNNEL_CSV_HEADER,
  type FunnelAnalysis,
} from '../../funnel.js';
import { describeFunnel, renderFunnelSvg, type FunnelSvgOptions } from '../../funnel-svg.js';
import {
  limitsOf,
  orderForTable,
  overdispersionNote,
  splitByMinimum,
  unitsOfLevel,
} from './view.js';

const UNIT_WORDS = {
  school: ['school', 'schools'],
  district: ['district', 'districts'],
  locality: ['locality', 'localities'],
} as const;

type Loaded = {
  read: ReadRateQuery;
  label: string;
  censusDate: string;
  analysis: FunnelAnalysis;
  tooSmall: { name: string; denominator: number }[];
};

/** The funnel plot of a census's identification rates, and its flagged units as CSV. */
export function funnelPage(app: App): void {
  const load = async (
    request: FastifyRequest,
    censusId: string,
    query: Record<string, unknown>,
  ): Promise<Loaded | undefined> => {
    const read = readRateQuery(query);
    // The funnel compares units with the partnership's own rate; England's figure is not used.
    const { need, provision, denominator } = read.options;
    const loaded = await loadCensusRates(app.db, tenantOf(request), censusId, {
      need,
      provision,
      denominator,
    });
    if (!loaded) return undefined;
    const { included, tooSmall } = splitByMinimum(
      unitsOfLevel(loaded.rates, read.query.level),
      read.minPupils,
    );
    const analysis = analyseFunnel(included);
    return {
      read,
      label: loaded.census.label,
      censusDate: loaded.census.census_date,
      analysis,
      tooSmall: tooSmall.map((u) => ({ name: u.name, denominator: u.denominator })),
    };
  };

  const notFound = (reply: FastifyReply) => {
    reply.callNotFound();
    return reply;
  };

  app.get(
    '/p/:partnership/performance/census/:censusId/funnel',
    { schema: { params: paramsSchema('censusId'), querystring: RATE_QUERY } },
    async (request, reply) => {
      const loaded = await load(request, request.params.censusId, request.query);
      if (!loaded) return notFound(reply);
      const { read, analysis } = loaded;
      const tenant = tenantOf(request);
      const { censusId } = request.params;
      const base = `/p/${tenant.slug}/performance/census/${censusId}`;
      const errors = new FormErrors();
      for (const p of read.problems) if (p.field === 'minPupils') errors.add(p.field, p.text);
      const measure = describeMeasure(read.options);
      const [singular, plural] = UNIT_WORDS[read.query.level];
      const svgOptions: FunnelSvgOptions = {
        idPrefix: 'funnel',
        title: `Funnel plot: ${measure.short}, by ${singular}`,
        unitSingular: singular,
        unitPlural: plural,
        xLabel: read.options.denominator === 'all pupils' ? 'Pupils on roll' : 'Pupils with SEN',
        yLabel: `${read.options.need === 'any SEN' ? 'SEN' : read.options.need} (%)`,
      };
      const rows = orderForTable(analysis.units).map((u) => {
        const limits = limitsOf(u);
        return {
          name: u.name,
          id: u.id,
          numerator: count(u.numerator),
          denominator: count(u.denominator),
          rate: percent(u.rate),
          limits95: `${percent(limits.lower95)} to ${percent(limits.upper95)}`,
          limits998: `${percent(limits.lower998)} to ${percent(limits.upper998)}`,
          label: u.label,
          flagged: u.label !== 'Not significant',
        };
      });
      const shared = queryString(read.query, [
        'need',
        'provision',
        'denominator',
        'level',
        'minPupils',
      ]);
      return reply.page(
        'performance/funnel/pages/funnel/funnel.njk',
        {
          title: `${loaded.label}: funnel plot`,
          slug: tenant.slug,
          backLink: `${base}?${queryString(read.query, ['need', 'provision', 'denominator'])}`,
          censusDate: loaded.censusDate,
          query: read.query,
          needItems: NEED_CHOICES.map((c) => ({ ...c, selected: c.value === read.query.need })),
          levels: LEVELS,
          measure,
          singular,
          plural,
          svg: renderFunnelSvg(analysis, svgOptions),
          caption: describeFunnel(analysis, svgOptions),
          overdispersion: overdispersionNote(analysis),
          p0: percent(analysis.p0),
          limitsUsed: analysis.limitsUsed,
          rows,
          flaggedCount: rows.filter((r) => r.flagged).length,
          tooSmall: loaded.tooSmall.map((u) => ({ ...u, denominator: count(u.denominator) })),
          invalid: analysis.excluded.map((e) => ({
            name: e.unit.name,
            denominator: count(e.unit.denominator),
            message: e.message,
          })),
          minPupils: read.minPupils,
          csvUrl: `${base}/funnel.csv?${shared}`,
          ...errors.toView(),
        },
        errors.any ? 400 : 200,
      );
    },
  );

  app.get(
    '/p/:partnership/performance/census/:censusId/funnel.csv',
    { schema: { params: paramsSchema('censusId'), querystring: RATE_QUERY } },
    async (request, reply) => {
      const loaded = await load(request, request.params.censusId, request.query);
      if (!loaded) return notFound(reply);
      const rows = flaggedUnitCsvRows(loaded.analysis);
      const csv = stringify([[...FUNNEL_CSV_HEADER], ...rows]);
      const need = loaded.read.query.need.toLowerCase();
      const filename = `funnel-${loaded.censusDate}-${need}-${loaded.read.query.level}-flagged.csv`;
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .type('text/csv; charset=utf-8')
        .send(`\uFEFF${csv}`);
    },
  );
}
