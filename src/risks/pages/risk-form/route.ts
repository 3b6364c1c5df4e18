/** Adding a risk, changing one (as of the version read, with the conflict page), deleting one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listMembers } from '../../../platform/directory/directory.js';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { unrefusedDeleteRoutes } from '../../../platform/web/delete-page.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { dateParts, type FormBody, type FormErrors } from '../../../platform/web/forms.js';
import {
  commandContext,
  paramOf,
  paramsSchema,
  tenantOf,
  typed,
} from '../../../platform/web/request.js';
import { listBoards } from '../../../governance/index.js';
import { changeRisk, createRisk, removeRisk } from '../../commands/risks.js';
import { RiskChange, RiskInput } from '../../inputs.js';
import { findRisk, linkChoices, loadMatrix, type RiskRow } from '../../risk-repository.js';
import { ADMIN, levelItems, risksUrl } from '../shared.js';

const DATE_LABELS = { reviewDue: 'the next review date', escalatedOn: 'the date it was escalated' };
const LEVELS = [
  'inherentLikelihood',
  'inherentImpact',
  'currentLikelihood',
  'currentImpact',
  'targetLikelihood',
  'targetImpact',
] as const;

/** The board choice that means "another body, named below": the page's alone, never the API's. */
const OTHER = 'other';

/** Reads the risk form: 'Another body' is no board, and then the body must be named. */
function readRiskForm(schema: typeof RiskInput | typeof RiskChange, body: FormBody | undefined) {
  const form = readForm(schema, body, { dateLabels: DATE_LABELS });
  if (form.input.escalatedToBoardId === OTHER) {
    form.input.escalatedToBoardId = null;
    if (!form.input.escalatedTo)
      form.problems.push({
        field: 'escalatedTo',
        text: 'Enter the name of the body it is escalated to, or select a board',
      });
  }
  return form;
}

function valuesOf(row: RiskRow): Record<string, unknown> {
  const level = (n: number | null) => (n === null ? '' : String(n));
  return {
    title: row.title,
    description: row.description,
    cause: row.cause,
    consequence: row.consequence,
    ownerUserId: row.owner_user_id ?? '',
    planId: row.plan_id ?? '',
    priorityId: row.priority_id ?? '',
    findingId: row.finding_id ?? '',
    actionId: row.action_id ?? '',
    inherentLikelihood: level(row.inherent_likelihood),
    inherentImpact: level(row.inherent_impact),
    currentLikelihood: level(row.current_likelihood),
    currentImpact: level(row.current_impact),
    targetLikelihood: level(row.target_likelihood),
    targetImpact: level(row.target_impact),
    reviewDue: dateParts(row.review_due),
    // A risk escalated to another body, or before boards were recorded, shows 'Another body'.
    escalatedToBoardId: row.escalated_to_board_id ?? (row.escalated_to ? OTHER : ''),
    escalatedTo: row.escalated_to,
    escalationReason: row.escalation_reason,
    escalatedOn: dateParts(row.escalated_on),
    version: String(row.version),
  };
}

async function render(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  view: { values: Record<string, unknown>; errors?: FormErrors; row?: RiskRow },
) {
  const tenant = tenantOf(request);
  const [matrix, members, choices, boards] = await Promise.all([
    loadMatrix(app.db, tenant),
    listMembers(app.db, tenant),
    linkChoices(app.db, tenant),
    listBoards(app.db, tenant),
  ]);
  const levels = Object.fromEntries(
    LEVELS.map((name) => [
      name,
      levelItems(matrix, name.endsWith('Likelihood') ? 'likelihood' : 'impact', view.values[name]),
    ]),
  );
  return reply.page(
    'risks/pages/risk-form/risk-form.njk',
    {
      title: view.row ? `Change: ${view.row.title}` : 'Add a risk',
      row: view.row,
      values: view.values,
      levels,
      members: members.filter((m) => !m.disabled_at).map((m) => ({ id: m.id, name: m.name })),
      choices: {
        plans: choices.plans,
        priorities: choices.priorities.map((p) => ({
          id: p.id,
          title: `${p.plan_title}: ${p.position}. ${p.title}`,
        })),
        findings: choices.findings.map((f) => ({
          id: f.id,
          title: f.text.length > 120 ? `${f.text.slice(0, 117)}…` : f.text,
        })),
        actions: choices.actions.map((a) => ({ id: a.id, title: `${a.plan_title}: ${a.title}` })),
      },
      boards: [
        ...boards.map((b) => ({ id: b.id, title: b.name })),
        { id: OTHER, title: 'Another body (name it below)' },
      ],
      backLink: view.row ? `${risksUrl(request)}/${view.row.id}` : risksUrl(request),
      action: view.row ? `${risksUrl(request)}/${view.row.id}/edit` : `${risksUrl(request)}/new`,
      ...(view.errors?.toView() ?? {}),
    },
    view.errors ? 400 : 200,
  );
}

export function riskFormPages(app: FastifyInstance): void {
  const pages = typed(app);
  const params = paramsSchema('riskId');
  pages.get(
    '/p/:partnership/risks/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) =>
      render(app, request, reply, { values: { ownerUserId: request.user?.id ?? '' } }),
  );

  pages.post(
    '/p/:partnership/risks/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readRiskForm(RiskInput, request.body);
      const result = await submitForm(form, RiskInput, () =>
        createRisk(commandContext(request), form.input),
      );
      if (result.kind === 'ok')
        return reply
          .flash(`Risk added: ${result.value.title}.`)
          .redirect(`${risksUrl(request)}/${result.value.id}`, 303);
      if (result.kind === 'invalid')
        return render(app, request, reply, {
          values: form.values,
          errors: formErrors(form, result.problems, { order: RiskInput }),
        });
      return sendPageResult(reply, result);
    },
  );

  const edit = '/p/:partnership/risks/:riskId/edit';
  pages.get(edit, { config: ADMIN, schema: { params } }, async (request, reply) => {
    const row = await findRisk(app.db, tenantOf(request), request.params.riskId);
    if (!row) return reply.callNotFound();
    return render(app, request, reply, { values: valuesOf(row), row });
  });

  pages.post(edit, { config: ADMIN, schema: { params, body: FORM } }, async (request, reply) => {
    const { riskId } = request.params;
    const row = await findRisk(app.db, tenantOf(request), riskId);
    if (!row) return reply.callNotFound();
    const form = readRiskForm(RiskChange, request.body);
    const result = await submitForm(form, RiskChange, () =>
      changeRisk(commandContext(request), riskId, form.input),
    );
    switch (result.kind) {
      case 'ok':
        return reply
          .flash(`Risk saved: ${result.value.title}.`)
          .redirect(`${risksUrl(request)}/${riskId}`, 303);
      case 'invalid':
        return render(app, request, reply, {
          values: form.values,
          errors: formErrors(form, result.problems, { order: RiskChange }),
          row,
        });
      case 'conflict': {
        const { current } = result.current;
        return renderConflict(reply, {
          what: 'risk',
          rows: [
            ['Title', current.title, String(form.input.title ?? '')],
            ['Description', current.description, String(form.input.description ?? '')],
            ['Review due', current.review_due ?? '', String(form.input.reviewDue ?? '')],
          ],
          retryAction: `${risksUrl(request)}/${riskId}/edit`,
          retryFields: { ...retryFieldsOf(form.values), version: String(current.version) },
          backLink: `${risksUrl(request)}/${riskId}`,
        });
      }
      default:
        return sendPageResult(reply, result);
    }
  });

  unrefusedDeleteRoutes<RiskRow>(app, '/p/:partnership/risks/:riskId/delete', {
    options: { config: ADMIN, schema: { params } },
    load: (request) => findRisk(app.db, tenantOf(request), paramOf(request, 'riskId')),
    page: (request, row) => ({
      title: `Delete: ${row.title}`,
      what: 'this risk',
      summary: [
        ['Risk', row.title],
        ['Owner', row.owner_name ?? 'No owner'],
      ],
      goes: [
        'The risk, its mitigations and its review history. The audit log keeps a record of it.',
        'To keep it on record but no longer active, close it instead.',
      ],
      action: `${risksUrl(request)}/${row.id}/delete`,
      buttonText: 'Delete risk',
      backLink: `${risksUrl(request)}/${row.id}`,
      backText: 'Back to the risk',
    }),
    remove: async (request, row) =>
      (await removeRisk(commandContext(request), row.id)).kind === 'ok',
    done: (request, row) => ({
      message: `Risk deleted: ${row.title}.`,
      redirect: risksUrl(request),
    }),
  });
}
