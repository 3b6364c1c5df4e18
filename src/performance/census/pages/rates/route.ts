// A saved census's identification rates by school, district and locality, with England's figure.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FormErrors } from '../../../../platform/web/forms.js';
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { NEED_NAMES } from '../../census.js';
import {
  count,
  describeMeasure,
  NEED_CHOICES,
  percent,
  points,
  queryString,
  RATE_QUERY,
  readRateQuery,
} from '../../census-query.js';
import { loadCensusRates, type CensusRates } from '../../census-service.js';
import { UNASSIGNED_ID, type RateUnit } from '../../identification-rates.js';
import { censusBase, SOURCE_LABELS } from '../shared.js';

/** A stored percentage as the rates page shows it: "13.6%", or "not recorded". */
const shownPercent = (value: number | null) => (value === null ? 'not recorded' : `${value}%`);

function renderRates(
  request: FastifyRequest,
  reply: FastifyReply,
  censusId: string,
  loaded: CensusRates,
  read: ReturnType<typeof readRateQuery>,
) {
  const tenant = tenantOf(request);
  const { census, rates, englandFrom } = loaded;
  const errors = new FormErrors();
  for (const p of read.problems) if (p.field === 'england') errors.add(p.field, p.text);
  const measure = describeMeasure(read.options);
  const row = (unit: RateUnit) => ({
    name: unit.name,
    id: unit.id,
    unassigned: unit.id === UNASSIGNED_ID,
    numerator: count(unit.numerator),
    denominator: count(unit.denominator),
    rate: percent(unit.rate),
    vsPartnership:
      unit.rate === null || rates.partnership.rate === null
        ? '–'
        : points(unit.rate - rates.partnership.rate),
    vsEngland: points(unit.differenceFromEngland),
  });
  const base = `${censusBase(request)}/${censusId}`;
  return reply.page(
    'performance/census/pages/rates/rates.njk',
    {
      title: `${census.label}: identification rates`,
      slug: tenant.slug,
      census: { ...census, sourceLabel: SOURCE_LABELS[census.source] },
      backLink: censusBase(request),
      query: read.query,
      needItems: NEED_CHOICES.map((c) => ({ ...c, selected: c.value === read.query.need })),
      measure,
      partnership: row(rates.partnership),
      england: rates.england
        ? {
            rate: percent(rates.england.rate),
            difference: points(rates.england.difference),
            from: englandFrom,
          }
        : null,
      recordedEngland:
        census.england_sen_support === null && census.england_ehc_plan === null
          ? null
          : {
              senSupport: shownPercent(census.england_sen_support),
              ehcPlan: shownPercent(census.england_ehc_plan),
            },
      isAdmin: tenant.role === 'admin',
      englandUrl: `${base}/england`,
      districts: rates.districts.map(row),
      localities: rates.localities.map(row),
      schools: rates.schools.map(row),
      notRecorded: count(rates.notRecorded),
      hasNotRecorded: rates.notRecorded > 0,
      singleNeed: read.options.need !== 'any SEN',
      needName: read.options.need === 'any SEN' ? null : NEED_NAMES[read.options.need],
      notInGeography: rates.unassigned.notInGeography.length,
      geographySchools: loaded.geographySchools,
      funnelUrl: `${base}/funnel?${queryString(read.query, ['need', 'provision', 'denominator'])}`,
      ...errors.toView(),
    },
    errors.any ? 400 : 200,
  );
}

export function ratesPage(app: App): void {
  app.get(
    '/p/:partnership/performance/census/:censusId',
    { schema: { params: paramsSchema('censusId'), querystring: RATE_QUERY } },
    async (request, reply) => {
      const { censusId } = request.params;
      const read = readRateQuery(request.query);
      const loaded = await loadCensusRates(
        app.db,
        tenantOf(request),
        censusId,
        read.options,
        read.query.england === '',
      );
      if (!loaded) {
        reply.callNotFound();
        return reply;
      }
      return renderRates(request, reply, censusId, loaded, read);
    },
  );
}
