/**
 * The check page: what the letter says, as a form to correct (findings removed, added, retyped),
 * then saved through the same command as the inspection form and the API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  FINDING_TYPES,
  FINDING_TYPE_LABELS,
  QUESTIONS,
  QUESTION_LABELS,
  followChoices,
  followedInspection,
  recordInspection,
  shortText,
} from '../../../inspections/index.js';
import { partnershipOverview } from '../../../overview/index.js';
import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import { field, FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { areaMatches, readImportForm, type ImportValues } from '../../import-form.js';
import { ADMIN, inspectionsUrl, labels } from '../shared.js';

/** The check page posts every finding back: hundreds of paragraphs at most. */
const CHECK_BODY_LIMIT = 4 * 1024 * 1024;

export const renderCheck = async (
  request: FastifyRequest,
  reply: FastifyReply,
  values: ImportValues,
  errors: FormErrors,
) => {
  const db = request.server.db;
  const tenant = tenantOf(request);
  const judging = values.kind === 'revisit' || values.kind === 'monitoring';
  const [{ local_authority: localAuthority }, choices, followed] = await Promise.all([
    partnershipOverview(db, tenant),
    judging ? followChoices(db, tenant) : Promise.resolve([]),
    judging && /^[0-9a-f-]{36}$/i.test(values.followsInspectionId)
      ? followedInspection(db, tenant, { follows_inspection_id: values.followsInspectionId })
      : Promise.resolve(undefined),
  ]);
  const judgeable = followed?.judgeable ?? [];
  const counts = FINDING_TYPES.map((type) => ({
    type,
    count: values.findings.filter((f) => f.type === type).length,
  })).filter((c) => c.count > 0);
  const option = (value: string, text: string, selected: string) => ({
    value,
    text,
    selected: value === selected,
  });
  return reply.page(
    'letters/pages/import-check/import-check.njk',
    {
      title: 'Check the inspection before you save it',
      values,
      labels,
      counts,
      localAuthority,
      areaMismatch: values.area !== '' && !areaMatches(values.area, localAuthority),
      action: `${inspectionsUrl(request)}/import/check`,
      judging,
      followItems: [
        option('', 'None', values.followsInspectionId),
        ...choices.map((i) => option(i.id, i.title, values.followsInspectionId)),
      ],
      findings: values.findings.map((f, i) => ({
        ...f,
        n: i + 1,
        typeItems: [
          option('', 'Choose a type', f.type),
          ...FINDING_TYPES.map((t) => option(t, FINDING_TYPE_LABELS[t], f.type)),
        ],
        questionItems: [
          option('', 'None, or not stated', f.question),
          ...QUESTIONS.map((q) => option(q, QUESTION_LABELS[q], f.question)),
        ],
        // A revisit's finding and the earlier finding it judges (proposed by its words).
        judgeItems: judgeable.length
          ? [
              option('', 'None', f.judgesFindingId),
              ...judgeable.map((j) =>
                option(
                  j.id,
                  `${FINDING_TYPE_LABELS[j.type]} ${j.position}: ${shortText(j.text)}`,
                  f.judgesFindingId,
                ),
              ),
            ]
          : [],
      })),
      newTypeItems: [
        option('', 'Choose a type', values.newFinding.type),
        ...FINDING_TYPES.map((t) => option(t, FINDING_TYPE_LABELS[t], values.newFinding.type)),
      ],
      newQuestionItems: [
        option('', 'None, or not stated', values.newFinding.question),
        ...QUESTIONS.map((q) => option(q, QUESTION_LABELS[q], values.newFinding.question)),
      ],
      backLink: `${inspectionsUrl(request)}/import`,
      ...errors.toView(),
    },
    errors.any ? 400 : 200,
  );
};

export function importCheckPage(app: FastifyInstance): void {
  const pages = typed(app);
  pages.post(
    '/p/:partnership/inspections/import/check',
    {
      config: ADMIN,
      bodyLimit: CHECK_BODY_LIMIT,
      schema: { params: paramsSchema(), body: FORM },
    },
    async (request, reply) => {
      const body = request.body;
      const mode = field(body, 'action') === 'update' ? 'update' : 'save';
      const errors = new FormErrors();
      const { values, input, findings } = readImportForm(body, errors, mode);
      if (mode === 'update' || !input || !findings)
        return renderCheck(request, reply, values, errors);
      // The same command as the inspection form and the API, with the findings in one go.
      const result = await recordInspection(commandContext(request), input, findings);
      if (result.kind === 'invalid') {
        // A finding's problem names it by place in the list: findings.2.judgesFindingId.
        for (const p of result.problems)
          errors.add(
            p.field.replace(/^findings\.(\d+)\./, (_m, i: string) => `finding-${Number(i) + 1}-`),
            p.text,
          );
        return renderCheck(request, reply, values, errors);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      const n = findings.length;
      return reply
        .flash(`Inspection imported with ${n} ${n === 1 ? 'finding' : 'findings'}.`)
        .redirect(`${inspectionsUrl(request)}/${result.value.id}`, 303);
    },
  );
}
