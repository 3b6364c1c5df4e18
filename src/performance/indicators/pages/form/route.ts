// Adding an indicator and changing it (admins): the form, then the create and change commands.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listMembers } from '../../../../platform/directory/directory.js';
import { FORM, sendPageResult } from '../../../../platform/web/form-input.js';
import type { FormErrors } from '../../../../platform/web/forms.js';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { changeIndicator, createIndicator } from '../../commands/indicators.js';
import * as repo from '../../indicator-repository.js';
import { indicatorLinkIds, linkChoices } from '../../indicator-service.js';
import { IndicatorChange, IndicatorInput } from '../../inputs.js';
import { ADMIN, indicatorParams, labels, perf } from '../shared.js';
import { renderIndicatorConflict } from './conflict.js';
import {
  codeTakenErrors,
  indicatorFormErrors,
  indicatorFormValues,
  readIndicatorFields,
  submitIndicatorForm,
} from './form-fields.js';

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors?: FormErrors,
  indicatorId?: string,
) {
  const db = request.server.db;
  const tenant = tenantOf(request);
  const [people, choices] = await Promise.all([listMembers(db, tenant), linkChoices(db, tenant)]);
  return reply.page(
    'performance/indicators/pages/form/form.njk',
    {
      title: indicatorId ? 'Change indicator' : 'Add an indicator',
      values,
      indicatorId,
      people: people.filter((p) => !p.disabled_at),
      ...choices,
      labels,
      backLink: indicatorId
        ? `${perf(request)}/indicators/${indicatorId}`
        : `${perf(request)}/indicators`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}

export function formPage(app: App): void {
  app.get(
    '/p/:partnership/performance/indicators/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, { actionIds: [], findingIds: [] }),
  );

  app.post(
    '/p/:partnership/performance/indicators/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readIndicatorFields(request.body);
      const result = await submitIndicatorForm(form, IndicatorInput, () =>
        createIndicator(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Indicator added.')
            .redirect(`${perf(request)}/indicators/${result.value.id}`, 303);
        case 'invalid':
          return renderForm(
            request,
            reply,
            form.values,
            indicatorFormErrors(form, result.problems),
          );
        case 'refused':
          // The one refusal: a code another indicator has.
          return renderForm(request, reply, form.values, codeTakenErrors(form, result.message));
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  app.get(
    '/p/:partnership/performance/indicators/:indicatorId/edit',
    { config: ADMIN, ...indicatorParams },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const tenant = tenantOf(request);
      const [indicator, links] = await Promise.all([
        repo.findIndicator(app.db, tenant, indicatorId),
        indicatorLinkIds(app.db, tenant, indicatorId),
      ]);
      if (!indicator) return reply.callNotFound();
      return renderForm(
        request,
        reply,
        indicatorFormValues(indicator, links),
        undefined,
        indicatorId,
      );
    },
  );

  app.post(
    '/p/:partnership/performance/indicators/:indicatorId/edit',
    { config: ADMIN, schema: { params: paramsSchema('indicatorId'), body: FORM } },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const form = readIndicatorFields(request.body);
      const result = await submitIndicatorForm(form, IndicatorChange, () =>
        changeIndicator(commandContext(request), indicatorId, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Indicator saved.')
            .redirect(`${perf(request)}/indicators/${indicatorId}`, 303);
        case 'invalid': {
          const errors = indicatorFormErrors(form, result.problems);
          return renderForm(request, reply, form.values, errors, indicatorId);
        }
        case 'refused': {
          const errors = codeTakenErrors(form, result.message);
          return renderForm(request, reply, form.values, errors, indicatorId);
        }
        case 'conflict':
          return renderIndicatorConflict(reply, {
            current: result.current,
            values: form.values,
            body: request.body,
            indicatorId,
            base: perf(request),
          });
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
