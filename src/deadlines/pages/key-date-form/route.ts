/**
 * A date set by others: recording one, changing it, recording it as met, deleting it. The form
 * asks first whether it is a date or a rule counted from an event; the other half is ignored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { unrefusedDeleteRoutes } from '../../../platform/web/delete-page.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
  type ReadForm,
} from '../../../platform/web/form-input.js';
import { dateParts, type FormErrors } from '../../../platform/web/forms.js';
import {
  commandContext,
  paramOf,
  paramsSchema,
  tenantOf,
  typed,
} from '../../../platform/web/request.js';
import { inspectionTitle, listInspections } from '../../../inspections/index.js';
import {
  changeKeyDate,
  createKeyDate,
  recordKeyDateMet,
  removeKeyDate,
  type KeyDateConflict,
} from '../../commands/key-dates.js';
import { listPlanDates } from '../../deadline-repository.js';
import { KeyDateChange, KeyDateInput, KeyDateMet } from '../../key-date-inputs.js';
import { findKeyDate, type KeyDateRow } from '../../key-date-repository.js';
import { ADMIN, datesUrl, labels } from '../shared.js';

const DATE_LABELS = { dueOn: 'the date', metOn: 'the date it was met' };
const RULE_FIELDS = ['ruleCount', 'ruleUnit', 'ruleEvent'] as const;

/** The form's "when" answer decides which half counts: the other half is cleared. */
function readKeyDateForm(body: Record<string, string | string[]> | undefined, change: boolean) {
  const schema = change ? KeyDateChange : KeyDateInput;
  const form = readForm(schema, body, {
    dateLabels: DATE_LABELS,
    omit: change ? [] : ['version'],
  });
  const when = typeof body?.when === 'string' ? body.when : '';
  form.values.when = when;
  if (when === 'date') for (const f of RULE_FIELDS) form.input[f] = null;
  if (when === 'rule') {
    form.input.dueOn = null;
    form.problems = form.problems.filter((p) => p.field !== 'dueOn');
  }
  return { form, schema };
}

function valuesOf(row: KeyDateRow): Record<string, unknown> {
  return {
    title: row.title,
    source: row.source,
    planId: row.plan_id ?? '',
    inspectionId: row.inspection_id ?? '',
    when: row.due_on ? 'date' : 'rule',
    dueOn: dateParts(row.due_on),
    ruleCount: row.rule_count === null ? '' : String(row.rule_count),
    ruleUnit: row.rule_unit ?? '',
    ruleEvent: row.rule_event ?? '',
    version: String(row.version),
  };
}

export function keyDateFormPages(app: FastifyInstance): void {
  newKeyDatePage(app);
  editKeyDatePages(app);
  deleteKeyDatePage(app);
}

async function render(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  view: {
    values: Record<string, unknown>;
    errors?: FormErrors;
    row?: KeyDateRow;
    metValues?: Record<string, unknown>;
    metErrors?: FormErrors;
  },
) {
  const tenant = tenantOf(request);
  const [plans, inspections] = await Promise.all([
    listPlanDates(app.db, tenant),
    listInspections(app.db, tenant),
  ]);
  const failed = view.errors ?? view.metErrors;
  return reply.page(
    'deadlines/pages/key-date-form/key-date-form.njk',
    {
      title: view.row ? `Change: ${view.row.title}` : 'Add a date set by others',
      row: view.row,
      values: view.values,
      metValues: view.metValues ?? {
        metOn: dateParts(view.row?.met_on ?? null),
        metNote: view.row?.met_note ?? '',
      },
      plans: plans.map((p) => ({ id: p.id, title: p.title })),
      inspections: inspections.map((i) => ({ id: i.id, title: inspectionTitle(i) })),
      labels,
      backLink: datesUrl(request),
      ...(failed?.toView() ?? {}),
    },
    failed ? 400 : 200,
  );
}

function conflictPage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  form: ReadForm,
  { current }: KeyDateConflict,
  met = false,
) {
  const retry = retryFieldsOf(
    met ? { metNote: form.input.metNote, metOn: form.values.metOn } : form.values,
  );
  return renderConflict(reply, {
    what: 'date',
    rows: met
      ? [
          ['Met on', current.met_on ?? '', String(form.input.metOn ?? '')],
          ['Note', current.met_note, String(form.input.metNote ?? '')],
        ]
      : [
          ['What is due', current.title, String(form.input.title ?? '')],
          ['Date', current.due_on ?? '', String(form.input.dueOn ?? '')],
        ],
    retryAction: `${datesUrl(request)}/${id}${met ? '/met' : ''}`,
    retryFields: { ...retry, version: String(current.version) },
    backLink: `${datesUrl(request)}/${id}`,
  });
}

const ONE = '/p/:partnership/dates/:keyDateId';
const PARAMS = paramsSchema('keyDateId');

function newKeyDatePage(app: FastifyInstance): void {
  const pages = typed(app);
  pages.get(
    '/p/:partnership/dates/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => render(app, request, reply, { values: { when: 'date' } }),
  );

  pages.post(
    '/p/:partnership/dates/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const { form, schema } = readKeyDateForm(request.body, false);
      const result = await submitForm(form, schema, () =>
        createKeyDate(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply.flash(`Date added: ${result.value.title}.`).redirect(datesUrl(request), 303);
        case 'invalid':
          return render(app, request, reply, {
            values: form.values,
            errors: formErrors(form, result.problems),
          });
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}

/** Changing a date, and recording it as met. */
function editKeyDatePages(app: FastifyInstance): void {
  const pages = typed(app);
  const one = ONE;
  const params = PARAMS;
  pages.get(one, { config: ADMIN, schema: { params } }, async (request, reply) => {
    const row = await findKeyDate(app.db, tenantOf(request), request.params.keyDateId);
    if (!row) return reply.callNotFound();
    return render(app, request, reply, { values: valuesOf(row), row });
  });

  pages.post(one, { config: ADMIN, schema: { params, body: FORM } }, async (request, reply) => {
    const { keyDateId } = request.params;
    const row = await findKeyDate(app.db, tenantOf(request), keyDateId);
    if (!row) return reply.callNotFound();
    const { form, schema } = readKeyDateForm(request.body, true);
    const result = await submitForm(form, schema, () =>
      changeKeyDate(commandContext(request), keyDateId, form.input),
    );
    switch (result.kind) {
      case 'ok':
        return reply.flash(`Date saved: ${result.value.title}.`).redirect(datesUrl(request), 303);
      case 'invalid':
        return render(app, request, reply, {
          values: form.values,
          errors: formErrors(form, result.problems),
          row,
        });
      case 'conflict':
        return conflictPage(request, reply, keyDateId, form, result.current);
      default:
        return sendPageResult(reply, result);
    }
  });

  pages.post(
    `${one}/met`,
    { config: ADMIN, schema: { params, body: FORM } },
    async (request, reply) => {
      const { keyDateId } = request.params;
      const row = await findKeyDate(app.db, tenantOf(request), keyDateId);
      if (!row) return reply.callNotFound();
      const form = readForm(KeyDateMet, request.body, { dateLabels: DATE_LABELS });
      const result = await submitForm(form, KeyDateMet, () =>
        recordKeyDateMet(commandContext(request), keyDateId, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(
              result.value.met_on
                ? `Recorded as met: ${result.value.title}.`
                : `No longer recorded as met: ${result.value.title}.`,
            )
            .redirect(datesUrl(request), 303);
        case 'invalid':
          return render(app, request, reply, {
            values: valuesOf(row),
            row,
            metValues: form.values,
            metErrors: formErrors(form, result.problems),
          });
        case 'conflict':
          return conflictPage(request, reply, keyDateId, form, result.current, true);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}

function deleteKeyDatePage(app: FastifyInstance): void {
  const one = ONE;
  const params = PARAMS;
  unrefusedDeleteRoutes<KeyDateRow>(app, `${one}/delete`, {
    options: { config: ADMIN, schema: { params } },
    load: (request) => findKeyDate(app.db, tenantOf(request), paramOf(request, 'keyDateId')),
    page: (request, row) => ({
      title: `Delete: ${row.title}`,
      what: 'this date',
      summary: [
        ['What is due', row.title],
        ['Set by', labels.sources[row.source]],
      ],
      goes: ['The date and whether it was met. The audit log keeps a record of it.'],
      action: `${datesUrl(request)}/${row.id}/delete`,
      buttonText: 'Delete date',
      backLink: `${datesUrl(request)}/${row.id}`,
      backText: 'Back to the date',
    }),
    remove: async (request, row) =>
      (await removeKeyDate(commandContext(request), row.id)).kind === 'ok',
    done: (request, row) => ({
      message: `Date deleted: ${row.title}.`,
      redirect: datesUrl(request),
    }),
  });
}
