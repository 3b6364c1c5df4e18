/**
 * One risk: its details, ratings, mitigations and review history; and, for admins, recording a
 * review, adding or removing a mitigation, and closing or reopening it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import {
  addMitigation,
  changeRiskStatus,
  removeMitigation,
  reviewRisk,
  type RiskConflict,
} from '../../commands/risks.js';
import { MitigationInput, RiskReviewInput, RiskStatusChange } from '../../inputs.js';
import {
  findRisk,
  linkChoices,
  listMitigations,
  listReviews,
  loadMatrix,
  type RiskRow,
} from '../../risk-repository.js';
import { rate } from '../../risk-rules.js';
import { ADMIN, levelItems, ratingText, riskView, risksUrl } from '../shared.js';

type Forms = {
  review?: { values: Record<string, unknown>; errors: FormErrors };
  mitigation?: { values: Record<string, unknown>; errors: FormErrors };
};

async function render(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  row: RiskRow,
  forms: Forms = {},
) {
  const tenant = tenantOf(request);
  const today = todayInLondon();
  const [matrix, mitigations, reviews, choices] = await Promise.all([
    loadMatrix(app.db, tenant),
    listMitigations(app.db, tenant, row.id),
    listReviews(app.db, tenant, row.id),
    linkChoices(app.db, tenant),
  ]);
  const reviewValues = forms.review?.values ?? {
    likelihood: String(row.current_likelihood),
    impact: String(row.current_impact),
  };
  const failed = forms.review?.errors ?? forms.mitigation?.errors;
  return reply.page(
    'risks/pages/risk/risk.njk',
    {
      title: row.title,
      risk: riskView(matrix, row, today),
      matrix,
      mitigations,
      reviews: reviews.map((v) => ({
        ...v,
        rating: ratingText(matrix, rate(matrix, v.likelihood, v.impact)),
      })),
      reviewValues,
      likelihoodItems: levelItems(matrix, 'likelihood', reviewValues.likelihood),
      impactItems: levelItems(matrix, 'impact', reviewValues.impact),
      mitigationValues: forms.mitigation?.values ?? {},
      actions: choices.actions.map((a) => ({ id: a.id, title: `${a.plan_title}: ${a.title}` })),
      backLink: risksUrl(request),
      ...(failed?.toView() ?? {}),
    },
    failed ? 400 : 200,
  );
}

/** Changed by someone else first: both versions, and "Save my version" posts again on the current one. */
const staleRisk = (
  request: FastifyRequest,
  reply: FastifyReply,
  { current }: RiskConflict,
  retry: { path: 'reviews' | 'status'; asked: string; fields: Record<string, string> },
) =>
  renderConflict(reply, {
    what: 'risk',
    rows: [
      [
        'Current rating',
        `likelihood ${current.current_likelihood}, impact ${current.current_impact}`,
        retry.asked,
      ],
      ['Status', current.status, retry.path === 'status' ? retry.asked : current.status],
    ],
    retryAction: `${risksUrl(request)}/${current.id}/${retry.path}`,
    retryFields: { ...retry.fields, version: String(current.version) },
    backLink: `${risksUrl(request)}/${current.id}`,
  });

export function riskPages(app: FastifyInstance): void {
  const pages = typed(app);
  const one = '/p/:partnership/risks/:riskId';
  const params = paramsSchema('riskId');
  const load = (request: FastifyRequest, id: string) => findRisk(app.db, tenantOf(request), id);

  pages.get(one, { schema: { params } }, async (request, reply) => {
    const row = await load(request, request.params.riskId);
    if (!row) return reply.callNotFound();
    return render(app, request, reply, row);
  });

  pages.post(
    `${one}/reviews`,
    { config: ADMIN, schema: { params, body: FORM } },
    async (request, reply) => {
      const row = await load(request, request.params.riskId);
      if (!row) return reply.callNotFound();
      const form = readForm(RiskReviewInput, request.body, {
        dateLabels: { reviewedOn: 'the date of the review', nextReviewOn: 'the next review date' },
      });
      const result = await submitForm(form, RiskReviewInput, () =>
        reviewRisk(commandContext(request), row.id, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(`Review recorded: ${row.title}.`)
            .redirect(`${risksUrl(request)}/${row.id}`, 303);
        case 'invalid':
          return render(app, request, reply, row, {
            review: {
              values: form.values,
              errors: formErrors(form, result.problems, { order: RiskReviewInput }),
            },
          });
        case 'conflict':
          return staleRisk(request, reply, result.current, {
            path: 'reviews',
            asked: `likelihood ${String(form.input.likelihood)}, impact ${String(form.input.impact)}`,
            fields: retryFieldsOf(form.values),
          });
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  pages.post(
    `${one}/status`,
    { config: ADMIN, schema: { params, body: FORM } },
    async (request, reply) => {
      const row = await load(request, request.params.riskId);
      if (!row) return reply.callNotFound();
      const form = readForm(RiskStatusChange, request.body);
      const result = await changeRiskStatus(commandContext(request), row.id, form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(
              `${result.value.status === 'closed' ? 'Risk closed' : 'Risk reopened'}: ${row.title}.`,
            )
            .redirect(`${risksUrl(request)}/${row.id}`, 303);
        case 'invalid':
          // Only a tampered form gets here: the buttons send a valid status and version.
          return sendPageResult(reply, {
            kind: 'refused',
            message: result.problems[0]?.text ?? '',
          });
        case 'conflict':
          return staleRisk(request, reply, result.current, {
            path: 'status',
            asked: String(form.input.to),
            fields: { to: String(form.input.to) },
          });
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  pages.post(
    `${one}/mitigations`,
    { config: ADMIN, schema: { params, body: FORM } },
    async (request, reply) => {
      const row = await load(request, request.params.riskId);
      if (!row) return reply.callNotFound();
      const form = readForm(MitigationInput, request.body);
      const result = await addMitigation(commandContext(request), row.id, form.input);
      if (result.kind === 'ok')
        return reply
          .flash('Mitigation added.')
          .redirect(`${risksUrl(request)}/${row.id}#mitigations`, 303);
      if (result.kind === 'invalid')
        return render(app, request, reply, row, {
          mitigation: { values: form.values, errors: formErrors(form, result.problems) },
        });
      return sendPageResult(reply, result);
    },
  );

  pages.post(
    `${one}/mitigations/:mitigationId/delete`,
    { config: ADMIN, schema: { params: paramsSchema('riskId', 'mitigationId') } },
    async (request, reply) => {
      const { riskId, mitigationId } = request.params;
      const result = await removeMitigation(commandContext(request), riskId, mitigationId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Mitigation removed.')
        .redirect(`${risksUrl(request)}/${riskId}#mitigations`, 303);
    },
  );
}
