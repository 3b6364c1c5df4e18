/**
 * Board reports on the API: list them, read one (its document as numbered blocks, with the
 * figures it kept), write one and write one again, through the same schema and command as the
 * page. The Word file is at the page's address, with a token, like any download.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  error,
  readErrors,
  secured,
  sendResult,
  uuid,
  writeErrors,
} from '../platform/web/api-kit.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { generateReport, regenerateReport } from './commands/reports.js';
import { ReportInput } from './inputs.js';
import {
  findReport,
  listReports,
  type ReportRow,
  type ReportSummaryRow,
} from './report-repository.js';

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership';
const tags = ['reports'];

const summary = {
  type: 'object',
  properties: {
    id: uuid,
    kind: { type: 'string', enum: ['board', 'monitoring'] },
    title: { type: 'string' },
    planIds: { type: 'array', items: uuid },
    periodFrom: { type: 'string', format: 'date' },
    periodTo: { type: 'string', format: 'date' },
    meetingId: { type: ['string', 'null'] },
    previousReportId: { type: ['string', 'null'], description: 'The report it is compared with' },
    createdAt: { type: 'string', format: 'date-time' },
    docxUrl: { type: 'string', description: 'The Word file (send the same token)' },
  },
} as const;

const full = {
  type: 'object',
  properties: {
    ...summary.properties,
    sections: { type: 'array', items: { type: 'string' } },
    document: {
      type: 'object',
      additionalProperties: true,
      description:
        'Title, subtitle lines, numbered blocks (sections, paragraphs, tables, charts as SVG) and footer',
    },
    facts: { type: 'object', additionalProperties: true },
    dataVersions: { type: 'object', additionalProperties: true },
  },
} as const;

const made = { type: 'object', properties: { id: uuid, title: { type: 'string' } } } as const;

export async function reportsApi(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const toSummary = (slug: string) => (r: ReportSummaryRow) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    planIds: r.plan_ids,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    meetingId: r.meeting_id,
    previousReportId: r.previous_report_id,
    createdAt: r.created_at.toISOString(),
    docxUrl: `/p/${slug}/reports/${r.id}/report.docx`,
  });
  const toFull = (slug: string) => (r: ReportRow) => ({
    ...toSummary(slug)(r),
    sections: r.sections,
    // PNG copies of the charts are for Word; the SVG is the chart.
    document: {
      ...r.model,
      blocks: r.model.blocks.map((b) => (b.kind === 'chart' ? { ...b, png: undefined } : b)),
    },
    facts: r.facts,
    dataVersions: r.data_versions,
  });

  api.get(
    `${P}/reports`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'Board reports and monitoring packs, newest first, 50 a page',
        params: paramsSchema(),
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        }),
        response: { 200: { type: 'array', items: summary }, ...readErrors },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const { rows } = await listReports(app.db, tenant, { page: request.query.page ?? 1 });
      return rows.map(toSummary(tenant.slug));
    },
  );

  api.get(
    `${P}/reports/:reportId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One report as it was written',
        params: paramsSchema('reportId'),
        response: { 200: full, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const row = await findReport(app.db, tenant, request.params.reportId);
      if (!row) return reply.callNotFound();
      return toFull(tenant.slug)(row);
    },
  );

  api.post(
    `${P}/reports`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Write a board report or monitoring pack (admins) from the plans’ figures now; it is kept as written',
        params: paramsSchema(),
        body: ReportInput,
        response: { 201: made, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await generateReport(commandContext(request), request.body), (v) => v, {
        status: 201,
      }),
  );

  api.post(
    `${P}/reports/:reportId/regenerate`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Write a report again on the same choices with today’s figures (admins), compared with it',
        params: paramsSchema('reportId'),
        response: { 201: made, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await regenerateReport(commandContext(request), request.params.reportId),
        (v) => v,
        { status: 201 },
      ),
  );
}
