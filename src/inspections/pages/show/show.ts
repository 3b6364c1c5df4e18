/**
 * One inspection with its findings grouped by type (and the plans' priorities that answer each),
 * the form to add a finding, and moving a finding up or down among those of its type.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import { field } from '../../../platform/web/forms.js';
import {
  actorFor,
  commandContext,
  paramsSchema,
  tenantOf,
  typed,
} from '../../../platform/web/request.js';
import { recordFinding } from '../../commands/findings.js';
import {
  findInspection,
  listFindingAnswers,
  listFindings,
  listFollowers,
} from '../../inspection-repository.js';
import { followedInspection, judgementsOf, shortText } from '../../judgements.js';
import {
  FINDING_TYPE_LABELS,
  FINDING_TYPES,
  inspectionTitle,
  JUDGED_TYPES,
} from '../../inspection-rules.js';
import { reorderFinding } from '../../inspection-service.js';
import { orderedErrors, readFindingForm } from '../forms.js';
import { ADMIN, inspectionsUrl, labels } from '../shared.js';

export function showPage(app: FastifyInstance): void {
  const pages = typed(app);

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
    const [findings, answers, followed, followers, judgements] = await Promise.all([
      listFindings(app.db, tenant, id),
      listFindingAnswers(app.db, tenant, id),
      followedInspection(app.db, tenant, inspection),
      listFollowers(app.db, tenant, id),
      judgementsOf(app.db, tenant, id),
    ]);
    // Each finding with the plans' priorities (and so actions) that answer it, the finding it
    // judges (a revisit's) and how later inspections judged it: letter → plan → judgement.
    const groups = FINDING_TYPES.map((type) => ({
      type,
      findings: findings
        .filter((f) => f.type === type)
        .map((f) => ({
          ...f,
          answers: answers.filter((a) => a.finding_id === f.id),
          judges: followed?.judgeable.find((j) => j.id === f.judges_finding_id),
          judgedBy: judgements.get(f.id) ?? [],
        })),
    })).filter((g) => g.findings.length > 0);
    return reply.page(
      'inspections/pages/show/show.njk',
      {
        title: inspectionTitle(inspection),
        inspection,
        groups,
        findingCount: findings.length,
        // What an APP made from it would answer (the same rule as the plan's coverage).
        insufficient: findings.filter(
          (f) => f.sufficient_progress === false && JUDGED_TYPES.includes(f.type),
        ).length,
        followed,
        followers: followers.map((i) => ({ id: i.id, title: inspectionTitle(i) })),
        judgeable: (followed?.judgeable ?? []).map((f) => ({ ...f, short: shortText(f.text) })),
        labels,
        values: extra.values ?? {},
        backLink: inspectionsUrl(request),
        ...extra,
      },
      status,
    );
  };

  pages.get(
    '/p/:partnership/inspections/:inspectionId',
    { schema: { params: paramsSchema('inspectionId') } },
    (request, reply) => renderShow(request, reply, request.params.inspectionId),
  );

  pages.post(
    '/p/:partnership/inspections/:inspectionId/findings',
    { config: ADMIN, schema: { params: paramsSchema('inspectionId'), body: FORM } },
    async (request, reply) => {
      const { inspectionId } = request.params;
      const read = readFindingForm(request.body);
      const result = read.input
        ? await recordFinding(commandContext(request), inspectionId, read.form.input)
        : undefined;
      if (!result || result.kind === 'invalid') {
        const errors = result ? orderedErrors(read.form, [], result.problems) : read.errors;
        return renderShow(
          request,
          reply,
          inspectionId,
          { values: read.values, ...errors.toView() },
          400,
        );
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash(`${FINDING_TYPE_LABELS[result.value.type]} added.`)
        .redirect(`${inspectionsUrl(request)}/${inspectionId}#finding-${result.value.id}`, 303);
    },
  );

  pages.post(
    '/p/:partnership/inspections/:inspectionId/findings/:findingId/move',
    {
      config: ADMIN,
      schema: { params: paramsSchema('inspectionId', 'findingId'), body: FORM },
    },
    async (request, reply) => {
      const { inspectionId, findingId } = request.params;
      const direction = field(request.body, 'direction') === 'up' ? 'up' : 'down';
      await reorderFinding(
        app.db,
        actorFor(request),
        tenantOf(request),
        inspectionId,
        findingId,
        direction,
      );
      return reply.redirect(`${inspectionsUrl(request)}/${inspectionId}#finding-${findingId}`, 303);
    },
  );
}
