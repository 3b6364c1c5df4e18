// England's figures for the census year: a small form of two optional percentages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, formErrors, readForm, sendPageResult } from '../../../../platform/web/form-input.js';
import { FormErrors } from '../../../../platform/web/forms.js';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { findCensus } from '../../census-service.js';
import { recordEngland } from '../../commands/england-figures.js';
import { EnglandFiguresInput } from '../../inputs.js';
import { ADMIN, censusBase, noCensus } from '../shared.js';

type EnglandValues = { senSupport: string; ehcPlan: string };

/** A stored percentage as the form shows it: "13.6", or "" when not recorded. */
const percentText = (value: number | null) => (value === null ? '' : String(value));

/** What was typed in a box, to show it again. */
const typedText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 20) : '');

const renderEngland = (
  request: FastifyRequest,
  reply: FastifyReply,
  census: { id: string; label: string; census_date: string },
  values: EnglandValues,
  errors = new FormErrors(),
) =>
  reply.page(
    'performance/census/pages/england/england.njk',
    {
      title: `England’s figures for ${census.label}`,
      slug: tenantOf(request).slug,
      census,
      backLink: `${censusBase(request)}/${census.id}`,
      action: `${censusBase(request)}/${census.id}/england`,
      values,
      ...errors.toView(),
    },
    errors.any ? 400 : 200,
  );

export function englandPage(app: App): void {
  app.get(
    '/p/:partnership/performance/census/:censusId/england',
    { config: ADMIN, schema: { params: paramsSchema('censusId') } },
    async (request, reply) => {
      const census = await findCensus(app.db, tenantOf(request), request.params.censusId);
      if (!census) return noCensus(reply, request);
      return renderEngland(request, reply, census, {
        senSupport: percentText(census.england_sen_support),
        ehcPlan: percentText(census.england_ehc_plan),
      });
    },
  );

  app.post(
    '/p/:partnership/performance/census/:censusId/england',
    { config: ADMIN, schema: { params: paramsSchema('censusId'), body: FORM } },
    async (request, reply) => {
      const { censusId } = request.params;
      const form = readForm(EnglandFiguresInput, request.body);
      const result = await recordEngland(commandContext(request), censusId, form.input);
      switch (result.kind) {
        case 'ok':
          reply.flash(
            result.value.saved
              ? `England’s figures for ‘${result.value.census.label}’ saved.`
              : `England’s figures for ‘${result.value.census.label}’ were already saved as they are.`,
          );
          return reply.redirect(`${censusBase(request)}/${censusId}`, 303);
        case 'invalid': {
          const census = await findCensus(app.db, tenantOf(request), censusId);
          if (!census) return noCensus(reply, request);
          const values = {
            senSupport: typedText(form.values.senSupport),
            ehcPlan: typedText(form.values.ehcPlan),
          };
          return renderEngland(request, reply, census, values, formErrors(form, result.problems));
        }
        case 'not-found':
          return noCensus(reply, request);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
