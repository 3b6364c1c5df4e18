/**
 * Board reports and monitoring packs: the list (all, or one meeting's), the form that writes one,
 * the report as a page (printable), as Word, and "Write again with today's figures". Members
 * read; admins write.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findMeetingChoice, meetingChoices } from '../../../governance/index.js';
import { paginationItems } from '../../../platform/web/pagination.js';
import { fileNameSlug } from '../../../platform/web/file-name.js';
import { field, type FormErrors } from '../../../platform/web/forms.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { listPlans, PLAN_STATUS_LABELS } from '../../../plans/index.js';
import {
  DEFAULT_SECTIONS,
  DEFAULT_TITLES,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  SECTION_LABELS,
  SECTIONS,
  type ReportKind,
} from '../../board-report-rules.js';
import { generateReport, regenerateReport } from '../../commands/reports.js';
import { toDocx } from '../../docx.js';
import { ReportInput } from '../../inputs.js';
import { sendDocx } from '../send-docx.js';
import { findReport, laterReports, listReports } from '../../report-repository.js';

const ADMIN = { roles: ['admin'] as const };
const DATE_LABELS = {
  periodFrom: 'the start of the period',
  periodTo: 'the end of the period',
};
const reportsPath = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/reports`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isKind = (k: unknown): k is ReportKind => REPORT_KINDS.includes(k as ReportKind);

/** The first and last day of the month before `today`: the period a monthly board report covers. */
function lastMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}
const parts = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

async function renderForm(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  view: { values: Record<string, unknown>; errors?: FormErrors },
) {
  const tenant = tenantOf(request);
  const [plans, meetings] = await Promise.all([
    listPlans(app.db, tenant),
    meetingChoices(app.db, tenant, todayInLondon()),
  ]);
  const kind: ReportKind = isKind(view.values.kind) ? view.values.kind : 'board';
  const chosen = (name: string) => {
    const v = view.values[name];
    return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [];
  };
  return reply.page(
    'reports/pages/board-reports/form.njk',
    {
      title: `Write a ${REPORT_KIND_LABELS[kind].charAt(0).toLowerCase()}${REPORT_KIND_LABELS[kind].slice(1)}`,
      kind,
      values: view.values,
      kindItems: REPORT_KINDS.map((k) => ({
        value: k,
        text: REPORT_KIND_LABELS[k],
        checked: k === kind,
      })),
      planItems: plans.map((p) => ({
        value: p.id,
        text: p.title,
        hint: { text: `${PLAN_STATUS_LABELS[p.status]}, ${p.action_count} actions` },
        checked: chosen('planIds').includes(p.id),
      })),
      meetingItems: [
        { value: '', text: 'Not for a meeting' },
        ...meetings.map((m) => ({
          value: m.id,
          text: `${m.board_name}, ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m.meets_on}T00:00:00Z`))}`,
          selected: m.id === view.values.meetingId,
        })),
      ],
      sectionItems: SECTIONS.map((s) => ({
        value: s,
        text: SECTION_LABELS[s],
        checked: chosen('sections').includes(s),
      })),
      backLink: reportsPath(request),
      ...(view.errors?.toView() ?? {}),
    },
    view.errors ? 400 : 200,
  );
}

export function boardReportPages(instance: FastifyInstance): void {
  const app = typed(instance);
  const reportParams = paramsSchema('reportId');

  app.get(
    '/p/:partnership/reports',
    {
      schema: {
        params: paramsSchema(),
        querystring: Type.Object({
          meeting: Type.Optional(Type.String()),
          page: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      // ?page=N (anything else: the first); a page past the end shows the last.
      const asked = request.query.page;
      const wanted = asked && /^\d{1,6}$/.test(asked) ? Number(asked) : 1;
      // A meeting of another partnership (or not an id at all) is not found.
      const meeting = request.query.meeting
        ? UUID.test(request.query.meeting)
          ? await findMeetingChoice(app.db, tenant, request.query.meeting)
          : undefined
        : undefined;
      if (request.query.meeting && !meeting) return reply.callNotFound();
      const {
        rows,
        total,
        page: current,
        pages,
      } = await listReports(app.db, tenant, { meetingId: meeting?.id, page: wanted });
      const href = (n: number) =>
        `${reportsPath(request)}?${meeting ? `meeting=${meeting.id}&` : ''}page=${n}`;
      return reply.page('reports/pages/board-reports/list.njk', {
        title: meeting ? `Reports for ${meeting.board_name}` : 'Board reports',
        meeting,
        reports: rows,
        total,
        kinds: REPORT_KIND_LABELS,
        pagination:
          pages > 1
            ? {
                items: paginationItems(current, pages, href),
                ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
                ...(current < pages ? { next: { href: href(current + 1) } } : {}),
              }
            : undefined,
      });
    },
  );

  app.get(
    '/p/:partnership/reports/new',
    {
      config: ADMIN,
      schema: {
        params: paramsSchema(),
        querystring: Type.Object({
          kind: Type.Optional(Type.String()),
          meeting: Type.Optional(Type.String()),
          plan: Type.Optional(Type.String()),
        }),
      },
    },
    (request, reply) => {
      const kind: ReportKind = isKind(request.query.kind) ? request.query.kind : 'board';
      const period = lastMonth(todayInLondon());
      return renderForm(app, request, reply, {
        values: {
          kind,
          title: DEFAULT_TITLES[kind],
          planIds: request.query.plan ? [request.query.plan] : [],
          periodFrom: parts(period.from),
          periodTo: parts(period.to),
          meetingId: request.query.meeting ?? '',
          addToAgenda: request.query.meeting ? 'yes' : '',
          sections: [...DEFAULT_SECTIONS[kind]],
        },
      });
    },
  );

  app.post(
    '/p/:partnership/reports/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(ReportInput, request.body, {
        dateLabels: DATE_LABELS,
        omit: ['addToAgenda'],
      });
      // The checkbox posts "yes"; the command takes true or false.
      form.values.addToAgenda = field(request.body, 'addToAgenda');
      form.input.addToAgenda = form.values.addToAgenda === 'yes';
      const result = await submitForm(form, ReportInput, () =>
        generateReport(commandContext(request), form.input),
      );
      if (result.kind === 'ok')
        return reply
          .flash(`Report written: ${result.value.title}.`)
          .redirect(`${reportsPath(request)}/${result.value.id}`, 303);
      if (result.kind === 'invalid')
        return renderForm(app, request, reply, {
          values: form.values,
          errors: formErrors(form, result.problems, { order: ReportInput }),
        });
      return sendPageResult(reply, result);
    },
  );

  app.get(
    '/p/:partnership/reports/:reportId',
    { schema: { params: reportParams } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const [report, later] = await Promise.all([
        findReport(app.db, tenant, request.params.reportId),
        laterReports(app.db, tenant, request.params.reportId),
      ]);
      if (!report) return reply.callNotFound();
      const base = `${reportsPath(request)}/${report.id}`;
      return reply.page('reports/pages/board-reports/report.njk', {
        title: report.title,
        report,
        model: report.model,
        later,
        kindLabel: REPORT_KIND_LABELS[report.kind],
        docxUrl: `${base}/report.docx`,
        regenerateAction: `${base}/regenerate`,
        backLink: reportsPath(request),
      });
    },
  );

  app.get(
    '/p/:partnership/reports/:reportId/report.docx',
    { schema: { params: reportParams } },
    async (request, reply) => {
      const report = await findReport(app.db, tenantOf(request), request.params.reportId);
      if (!report) return reply.callNotFound();
      const made = todayInLondon(report.created_at);
      return sendDocx(
        reply,
        await toDocx(report.model),
        `${fileNameSlug(report.title, 'report')}-${made}.docx`,
      );
    },
  );

  app.post(
    '/p/:partnership/reports/:reportId/regenerate',
    { config: ADMIN, schema: { params: reportParams, body: FORM } },
    async (request, reply) => {
      const result = await regenerateReport(commandContext(request), request.params.reportId);
      if (result.kind === 'ok')
        return reply
          .flash('Report written again with today’s figures: what changed is in its summary.')
          .redirect(`${reportsPath(request)}/${result.value.id}`, 303);
      return sendPageResult(reply, result);
    },
  );
}
