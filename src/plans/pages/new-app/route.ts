/**
 * An accelerated progress plan in one step from a revisit: the findings it will answer, its
 * title and the submission date the DfE set; then the plan, with a priority for each finding.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deadlineRulesOf } from '../../../deadlines/index.js';
import { findInspection, inspectionTitle, listInspections } from '../../../inspections/index.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { acceleratedPlanFindings, createAcceleratedPlan } from '../../commands/accelerated-plan.js';
import { actionNumber } from '../../action-numbers.js';
import { listCarryOverCandidates } from '../../inclusion-repository.js';
import { AcceleratedPlanInput } from '../../inputs.js';
import { ADMIN, base, labels } from '../shared.js';

const DATE_LABELS = { submitBy: 'the date it must be submitted by' };

export function newAcceleratedPlanPage(app: App): void {
  app.get(
    '/p/:partnership/plans/new-app',
    {
      config: ADMIN,
      schema: {
        params: paramsSchema(),
        querystring: Type.Object({ revisit: Type.Optional(Type.String()) }),
      },
    },
    (request, reply) => {
      const revisitId = request.query.revisit ?? '';
      return render(app, request, reply, revisitId, {
        revisitId,
        title: 'Accelerated progress plan',
      });
    },
  );

  app.post(
    '/p/:partnership/plans/new-app',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(AcceleratedPlanInput, request.body, { dateLabels: DATE_LABELS });
      const result = await submitForm(form, AcceleratedPlanInput, () =>
        createAcceleratedPlan(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(
              'Accelerated progress plan created, with a priority for each weakness judged not to have made sufficient progress. Add their actions next.',
            )
            .redirect(`${base(request)}/${result.value.id}`, 303);
        case 'invalid':
          return render(
            app,
            request,
            reply,
            String(form.input.revisitId ?? ''),
            form.values,
            formErrors(form, result.problems, { order: AcceleratedPlanInput }),
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}

async function render(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  revisitId: string,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const tenant = tenantOf(request);
  // No revisit chosen yet: the revisits and monitoring inspections to make one from.
  if (revisitId === '') {
    const revisits = (await listInspections(app.db, tenant))
      .filter((i) => i.kind === 'revisit' || i.kind === 'monitoring')
      .map((i) => ({ id: i.id, title: inspectionTitle(i) }));
    return reply.page('plans/pages/new-app/choose-revisit.njk', {
      title: 'Create an accelerated progress plan',
      revisits,
      backLink: base(request),
    });
  }
  const isId = /^[0-9a-f-]{36}$/i.test(revisitId);
  const [revisit, answered] = isId
    ? await Promise.all([
        findInspection(app.db, tenant, revisitId),
        acceleratedPlanFindings(app.db, tenant, revisitId),
      ])
    : [undefined, undefined];
  if (!revisit || !answered) return reply.callNotFound();
  const [{ appReviewMonths }, candidates] = await Promise.all([
    deadlineRulesOf(app.db, tenant),
    listCarryOverCandidates(app.db, tenant, revisit.id),
  ]);
  const findings = 'findings' in answered ? answered.findings : [];
  return reply.page(
    'plans/pages/new-app/new-app.njk',
    {
      title: 'Create an accelerated progress plan',
      revisit: { id: revisit.id, title: inspectionTitle(revisit) },
      // Under each weakness, the unfinished actions of earlier plans that answered it: carried on
      // by reference unless unticked.
      findings: findings.map((f) => ({
        ...f,
        carry: candidates
          .filter((c) => c.judgement_id === f.id)
          .map((c) => ({ ...c, number: actionNumber(c) })),
      })),
      hasCarry: candidates.length > 0,
      labels,
      problem: 'problem' in answered ? answered.problem : null,
      reviewMonths: appReviewMonths.join(' and '),
      values: { carryActionIds: candidates.map((c) => c.id), ...values },
      backLink: `/p/${tenant.slug}/inspections/${revisit.id}`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}
