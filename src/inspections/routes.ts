import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateParts, field, FormErrors, type FormBody } from '../platform/web/forms.js';
import { renderConflict } from '../platform/web/conflict.js';
import { actorFor, paramsSchema, tenantOf } from '../platform/web/request.js';
import {
  findFinding,
  findInspection,
  listFindingAnswers,
  listFindings,
  listInspections,
  type FindingRow,
  type InspectionRow,
} from './inspection-repository.js';
import { readFindingForm, readInspectionForm } from './inspection-form.js';
import {
  addFinding,
  createInspection,
  editFinding,
  editInspection,
  findingRemovalProblem,
  InspectionRuleError,
  removeFinding,
  reorderFinding,
} from './inspection-service.js';
import * as rules from './inspection-rules.js';
import { inspectionRemovalProblem, removeInspection } from './removal-service.js';
import { deleteRoutes, type DeletePage } from '../platform/web/delete-page.js';

const ADMIN = { roles: ['admin'] as const };
const labels = {
  frameworks: rules.FRAMEWORK_LABELS,
  kinds: rules.INSPECTION_KIND_LABELS,
  types: rules.FINDING_TYPE_LABELS,
  typePlurals: rules.FINDING_TYPE_PLURALS,
  questions: rules.QUESTION_LABELS,
  outcomes: rules.OUTCOME_SHORT,
  outcomeText: rules.OUTCOME_TEXT,
};

function inspectionValues(i: InspectionRow) {
  return {
    framework: i.framework,
    kind: i.kind,
    onSiteStart: dateParts(i.on_site_start),
    onSiteEnd: dateParts(i.on_site_end),
    publishedOn: dateParts(i.published_on),
    team: i.team,
    outcome: i.outcome ? String(i.outcome) : '',
    wsoaRequired: i.wsoa_required === null ? '' : i.wsoa_required ? 'yes' : 'no',
    outcomeText: i.outcome_text,
    version: String(i.version),
  };
}

export async function inspectionRoutes(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/inspections`;
  const title = (i: InspectionRow) => rules.inspectionTitle(i);

  app.get(
    '/p/:partnership/inspections',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const inspections = await listInspections(app.db, tenantOf(request));
      return reply.page('inspections/list.njk', {
        title: 'Inspections',
        inspections: inspections.map((i) => ({ ...i, title: title(i) })),
        labels,
      });
    },
  );

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
    id?: string,
  ) =>
    reply.page(
      'inspections/form.njk',
      {
        title: id ? 'Change inspection details' : 'Record an inspection',
        values,
        id,
        labels,
        backLink: id ? `${base(request)}/${id}` : base(request),
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );

  app.get(
    '/p/:partnership/inspections/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, {}),
  );

  app.post(
    '/p/:partnership/inspections/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const errors = new FormErrors();
      const { values, input } = readInspectionForm(request.body as FormBody, errors);
      if (!input) return renderForm(request, reply, values, errors);
      const created = await createInspection(app.db, actorFor(request), tenantOf(request), input);
      return reply
        .flash('Inspection recorded. Now add its findings.')
        .redirect(`${base(request)}/${created.id}`, 303);
    },
  );

  const renderShow = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const tenant = tenantOf(request);
    const inspection = await findInspection(app.db, tenant, id);
    if (!inspection) return reply.callNotFound();
    const [findings, answers] = await Promise.all([
      listFindings(app.db, tenant, id),
      listFindingAnswers(app.db, tenant, id),
    ]);
    // Each finding with the plans' priorities (and so actions) that answer it.
    const groups = rules.FINDING_TYPES.map((type) => ({
      type,
      findings: findings
        .filter((f) => f.type === type)
        .map((f) => ({ ...f, answers: answers.filter((a) => a.finding_id === f.id) })),
    })).filter((g) => g.findings.length > 0);
    return reply.page(
      'inspections/show.njk',
      {
        title: title(inspection),
        inspection,
        groups,
        findingCount: findings.length,
        labels,
        values: extra.values ?? {},
        backLink: base(request),
        ...extra,
      },
      status,
    );
  };

  app.get(
    '/p/:partnership/inspections/:inspectionId',
    { schema: { params: paramsSchema('inspectionId') } },
    (request, reply) =>
      renderShow(request, reply, (request.params as { inspectionId: string }).inspectionId),
  );

  app.get(
    '/p/:partnership/inspections/:inspectionId/edit',
    { config: ADMIN, schema: { params: paramsSchema('inspectionId') } },
    async (request, reply) => {
      const { inspectionId } = request.params as { inspectionId: string };
      const inspection = await findInspection(app.db, tenantOf(request), inspectionId);
      if (!inspection) return reply.callNotFound();
      return renderForm(request, reply, inspectionValues(inspection), undefined, inspectionId);
    },
  );

  app.post(
    '/p/:partnership/inspections/:inspectionId/edit',
    { config: ADMIN, schema: { params: paramsSchema('inspectionId') } },
    async (request, reply) => {
      const { inspectionId } = request.params as { inspectionId: string };
      const errors = new FormErrors();
      const { values, input } = readInspectionForm(request.body as FormBody, errors);
      if (!input) return renderForm(request, reply, values, errors, inspectionId);
      const result = await editInspection(
        app.db,
        actorFor(request),
        tenantOf(request),
        inspectionId,
        input,
        Number(values.version),
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') {
        return renderConflict(reply, {
          what: 'inspection',
          rows: [
            [
              'Framework',
              labels.frameworks[result.current.framework],
              labels.frameworks[input.framework],
            ],
            ['Kind', labels.kinds[result.current.kind], labels.kinds[input.kind]],
            ['Published', result.current.published_on ?? '', input.publishedOn ?? ''],
            ['Team', result.current.team, input.team],
          ],
          retryAction: `${base(request)}/${inspectionId}/edit`,
          retryFields: { ...flatten(values), version: String(result.current.version) },
          backLink: `${base(request)}/${inspectionId}`,
        });
      }
      return reply
        .flash('Inspection details saved.')
        .redirect(`${base(request)}/${inspectionId}`, 303);
    },
  );

  app.post(
    '/p/:partnership/inspections/:inspectionId/findings',
    { config: ADMIN, schema: { params: paramsSchema('inspectionId') } },
    async (request, reply) => {
      const { inspectionId } = request.params as { inspectionId: string };
      const errors = new FormErrors();
      const { values, input } = readFindingForm(request.body as FormBody, errors);
      if (!input)
        return renderShow(request, reply, inspectionId, { values, ...errors.toView() }, 400);
      const created = await addFinding(
        app.db,
        actorFor(request),
        tenantOf(request),
        inspectionId,
        input,
      );
      if (!created) return reply.callNotFound();
      return reply
        .flash(`${rules.FINDING_TYPE_LABELS[input.type]} added.`)
        .redirect(`${base(request)}/${inspectionId}#finding-${created.id}`, 303);
    },
  );

  const renderFinding = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string> | undefined,
    errors?: FormErrors,
  ) => {
    const { inspectionId, findingId } = request.params as {
      inspectionId: string;
      findingId: string;
    };
    const tenant = tenantOf(request);
    const [inspection, finding] = await Promise.all([
      findInspection(app.db, tenant, inspectionId),
      findFinding(app.db, tenant, inspectionId, findingId),
    ]);
    if (!inspection || !finding) return reply.callNotFound();
    const shown = values ?? {
      type: finding.type,
      question: finding.question ?? '',
      text: finding.text,
      sufficientProgress:
        finding.sufficient_progress === null ? '' : finding.sufficient_progress ? 'yes' : 'no',
      version: String(finding.version),
    };
    return reply.page(
      'inspections/finding-form.njk',
      {
        title: 'Change finding',
        inspection,
        finding,
        values: shown,
        labels,
        backLink: `${base(request)}/${inspectionId}`,
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  const findingParams = { schema: { params: paramsSchema('inspectionId', 'findingId') } };
  app.get(
    '/p/:partnership/inspections/:inspectionId/findings/:findingId/edit',
    { config: ADMIN, ...findingParams },
    (request, reply) => renderFinding(request, reply, undefined),
  );

  app.post(
    '/p/:partnership/inspections/:inspectionId/findings/:findingId/edit',
    { config: ADMIN, ...findingParams },
    async (request, reply) => {
      const { inspectionId, findingId } = request.params as {
        inspectionId: string;
        findingId: string;
      };
      const errors = new FormErrors();
      const { values, input } = readFindingForm(request.body as FormBody, errors);
      if (!input) return renderFinding(request, reply, values, errors);
      const result = await editFinding(
        app.db,
        actorFor(request),
        tenantOf(request),
        inspectionId,
        findingId,
        input,
        Number(values.version),
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') {
        return renderConflict(reply, {
          what: 'finding',
          rows: [
            ['Type', labels.types[result.current.type], labels.types[input.type]],
            ['Text', result.current.text, input.text],
          ],
          retryAction: `${base(request)}/${inspectionId}/findings/${findingId}/edit`,
          retryFields: { ...values, version: String(result.current.version) },
          backLink: `${base(request)}/${inspectionId}`,
        });
      }
      return reply
        .flash('Finding saved.')
        .redirect(`${base(request)}/${inspectionId}#finding-${findingId}`, 303);
    },
  );

  // Deleting: a page that says what goes (or why it cannot), then the POST, through the same
  // service functions as the API so the rules and the audit are the same.
  const inspectionDeletePage = (
    request: FastifyRequest,
    inspection: InspectionRow,
    findings: number,
    problem: string | null,
  ): DeletePage => ({
    title: problem ? 'You cannot delete this inspection' : `Delete this inspection?`,
    what: 'this inspection',
    summary: [
      ['Inspection', title(inspection)],
      ['Framework', labels.frameworks[inspection.framework]],
      ['Findings', String(findings)],
    ],
    goes: [],
    problem,
    action: `${base(request)}/${inspection.id}/delete`,
    buttonText: 'Delete inspection',
    backLink: `${base(request)}/${inspection.id}`,
    backText: 'Back to the inspection',
  });

  const inspectionParams = { schema: { params: paramsSchema('inspectionId') } };
  deleteRoutes(app, '/p/:partnership/inspections/:inspectionId/delete', {
    options: { config: ADMIN, ...inspectionParams },
    load: async (request) => {
      const { inspectionId } = request.params as { inspectionId: string };
      const tenant = tenantOf(request);
      const [inspection, findings] = await Promise.all([
        findInspection(app.db, tenant, inspectionId),
        listFindings(app.db, tenant, inspectionId),
      ]);
      return inspection ? { inspection, findings: findings.length } : undefined;
    },
    problem: (request, { inspection }) =>
      inspectionRemovalProblem(app.db, tenantOf(request), inspection.id),
    page: (request, { inspection, findings }, problem) =>
      inspectionDeletePage(request, inspection, findings, problem),
    remove: (request, { inspection }) =>
      removeInspection(app.db, actorFor(request), tenantOf(request), inspection.id),
    isRefusal: (error): error is InspectionRuleError => error instanceof InspectionRuleError,
    done: (request, { inspection }) => ({
      message: `${title(inspection)} deleted.`,
      redirect: base(request),
    }),
  });

  const findingDeletePage = (
    request: FastifyRequest,
    inspection: InspectionRow,
    finding: FindingRow,
    problem: string | null,
  ): DeletePage => ({
    title: problem ? 'You cannot delete this finding' : 'Delete this finding?',
    caption: title(inspection),
    what: 'this finding',
    summary: [
      ['Type', labels.types[finding.type]],
      ['Finding', finding.text],
      ['Plan priorities that answer it', String(finding.priority_count)],
    ],
    goes: [],
    problem,
    action: `${base(request)}/${inspection.id}/findings/${finding.id}/delete`,
    buttonText: 'Delete finding',
    backLink: `${base(request)}/${inspection.id}#finding-${finding.id}`,
    backText: 'Back to the inspection',
  });

  const loadFindingForDelete = async (request: FastifyRequest) => {
    const { inspectionId, findingId } = request.params as {
      inspectionId: string;
      findingId: string;
    };
    const tenant = tenantOf(request);
    const [inspection, finding] = await Promise.all([
      findInspection(app.db, tenant, inspectionId),
      findFinding(app.db, tenant, inspectionId, findingId),
    ]);
    return inspection && finding ? { inspection, finding } : undefined;
  };

  deleteRoutes(app, '/p/:partnership/inspections/:inspectionId/findings/:findingId/delete', {
    options: { config: ADMIN, ...findingParams },
    load: loadFindingForDelete,
    problem: (_request, { finding }) => findingRemovalProblem(finding),
    page: (request, { inspection, finding }, problem) =>
      findingDeletePage(request, inspection, finding, problem),
    remove: (request, { inspection, finding }) =>
      removeFinding(app.db, actorFor(request), tenantOf(request), inspection.id, finding.id),
    isRefusal: (error): error is InspectionRuleError => error instanceof InspectionRuleError,
    done: (request, { inspection, finding }) => ({
      message: `${labels.types[finding.type]} deleted.`,
      redirect: `${base(request)}/${inspection.id}`,
    }),
  });

  app.post(
    '/p/:partnership/inspections/:inspectionId/findings/:findingId/move',
    { config: ADMIN, ...findingParams },
    async (request, reply) => {
      const { inspectionId, findingId } = request.params as {
        inspectionId: string;
        findingId: string;
      };
      const direction = field(request.body as FormBody, 'direction') === 'up' ? 'up' : 'down';
      await reorderFinding(
        app.db,
        actorFor(request),
        tenantOf(request),
        inspectionId,
        findingId,
        direction,
      );
      return reply.redirect(`${base(request)}/${inspectionId}#finding-${findingId}`, 303);
    },
  );
}

/** Form values with date parts spread back into `name-day` fields, for the conflict page's retry form. */
function flatten(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v && typeof v === 'object')
      for (const [part, value] of Object.entries(v)) out[`${k}-${part}`] = String(value);
    else out[k] = String(v ?? '');
  }
  return out;
}
