import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { acceptDataUploads, isDataUpload } from '../../platform/tables/upload.js';
import type { RowError } from '../../platform/tables/types.js';
import {
  dateInput,
  dateParts,
  field,
  FormErrors,
  type FormBody,
} from '../../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { FORM } from '../../platform/web/form-input.js';
import { NEED_NAMES } from './census.js';
import { UNASSIGNED_ID, type RateUnit } from './identification-rates.js';
import {
  cancelCensus,
  CENSUS_MAX_BYTES,
  censusLabelProblem,
  checkCensusUpload,
  confirmCensus,
  deleteCensus,
  findCensusSummary,
  listCensuses,
  loadCensusPreview,
  findCensus,
  loadCensusRates,
  recordEnglandFigures,
  stageCensus,
} from './census-service.js';
import { expandSchool } from './census-records.js';
import {
  count,
  describeMeasure,
  NEED_CHOICES,
  percent,
  points,
  queryString,
  RATE_QUERY,
  readPercentage,
  readRateQuery,
} from './census-query.js';
import {
  NEED_COLUMN_HELP,
  SCHOOL_TEMPLATE_EXAMPLE,
  SCHOOL_TEMPLATE_HEADERS,
} from './census-specs.js';
import { listMembers } from '../../platform/directory/directory.js';

const ADMIN = { roles: ['admin'] as const };
export const SOURCE_LABELS = {
  'pupil-level': 'Pupil-level rows',
  'school-level': 'School-level counts',
} as const;
const MAX_MB = Math.round(CENSUS_MAX_BYTES / 2 ** 20);

type EnglandValues = { senSupport: string; ehcPlan: string };

/** A stored percentage as the form shows it: "13.6", or "" when not recorded. */
const percentText = (value: number | null) => (value === null ? '' : String(value));

/** A stored percentage as the rates page shows it: "13.6%", or "not recorded". */
const shownPercent = (value: number | null) => (value === null ? 'not recorded' : `${value}%`);

type UploadValues = { label: string; censusDate: ReturnType<typeof dateParts>; sheet: string };

/** A multipart body's fields and file, as acceptDataUploads leaves them (or none). */
const uploadBody = (body: unknown): FormBody =>
  typeof body === 'object' && body !== null ? { ...body } : {};

const censusBase = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/performance/census`;

/** School census SEN: the list and upload, the preview and save, and identification rates. */
export async function censusRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: UploadValues = { label: '', censusDate: dateParts(null), sheet: '' },
    problems: {
      errors?: FormErrors;
      rowErrors?: RowError[];
      errorCount?: number;
      fileName?: string;
    } = {},
  ) => {
    const tenant = tenantOf(request);
    const censuses = await listCensuses(app.db, tenant);
    // Someone who cannot import is told who can, by name, instead of how to.
    const adminNames =
      tenant.role === 'admin'
        ? []
        : (await listMembers(app.db, tenant))
            .filter((m) => m.role === 'admin' && !m.disabled_at)
            .map((m) => m.name);
    const status = problems.errors?.any || problems.rowErrors ? 400 : 200;
    return reply.page(
      'performance/census/list.njk',
      {
        title: 'School census SEN',
        slug: tenant.slug,
        isAdmin: tenant.role === 'admin',
        adminNames,
        censuses: censuses.map((c) => ({
          ...c,
          sourceLabel: SOURCE_LABELS[c.source],
          schoolsText: count(c.schools),
          pupilsText: count(c.pupils),
          eText: count(c.sen_e),
          kText: count(c.sen_k),
        })),
        values,
        maxMb: MAX_MB,
        templateHeaders: SCHOOL_TEMPLATE_HEADERS.slice(0, 8),
        templateExample: SCHOOL_TEMPLATE_EXAMPLE.map((row) => row.slice(0, 8)),
        needHelp: NEED_COLUMN_HELP,
        rowErrors: problems.rowErrors,
        errorCount: problems.errorCount,
        fileName: problems.fileName,
        ...(problems.errors?.toView() ?? {}),
      },
      status,
    );
  };

  app.get(
    '/p/:partnership/performance/census',
    { schema: { params: paramsSchema() } },
    (request, reply) => renderList(request, reply),
  );

  // The upload, in a scope of its own that accepts one large file.
  await app.register(async (scope) => {
    await acceptDataUploads(scope, { maxBytes: CENSUS_MAX_BYTES });
    typed(scope).post(
      '/p/:partnership/performance/census',
      { config: ADMIN, schema: { params: paramsSchema() } },
      async (request, reply) => {
        const body = uploadBody(request.body);
        const errors = new FormErrors();
        const label = field(body, 'label');
        const labelProblem = censusLabelProblem(label);
        if (labelProblem) errors.add('label', labelProblem);
        const date = dateInput(body, 'censusDate', errors, {
          label: 'the census date',
          required: true,
        });
        const sheet = field(body, 'sheet').slice(0, 100);
        const file = body.censusFile;
        if (!isDataUpload(file) || (file.bytes === 0 && file.filename === 'upload'))
          errors.add('censusFile', 'Select a census file (CSV or Excel)');
        else if (file.truncated)
          errors.add('censusFile', `The census file must be smaller than ${MAX_MB} MB`);
        else if (file.bytes === 0) errors.add('censusFile', 'The selected file is empty');
        const values = { label, censusDate: date.parts, sheet };
        if (errors.any || !isDataUpload(file) || !date.iso)
          return renderList(request, reply, values, { errors });

        const tenant = tenantOf(request);
        const check = await checkCensusUpload(app.db, tenant, file.path, {
          fileName: file.filename,
          censusDate: date.iso,
          ...(sheet ? { sheet } : {}),
        });
        if (check.errorCount > 0)
          return renderList(request, reply, values, {
            rowErrors: check.errors,
            errorCount: check.errorCount,
            fileName: file.filename,
          });
        const pendingId = await stageCensus(app.db, actorFor(request), tenant, {
          fileName: file.filename,
          label,
          censusDate: date.iso,
          check,
        });
        return reply.redirect(`${censusBase(request)}/preview/${pendingId}`, 303);
      },
    );
  });

  const gone = (reply: FastifyReply, request: FastifyRequest) =>
    reply.page(
      'performance/census/gone.njk',
      { title: 'This census import is no longer waiting', listUrl: censusBase(request) },
      404,
    );

  app.get(
    '/p/:partnership/performance/census/preview/:pendingId',
    { config: ADMIN, schema: { params: paramsSchema('pendingId') } },
    async (request, reply) => {
      const { pendingId } = request.params;
      const preview = await loadCensusPreview(app.db, tenantOf(request), pendingId);
      if (!preview) return gone(reply, request);
      const { summary, replaces } = preview;
      return reply.page('performance/census/preview.njk', {
        title: 'Check the census before you save it',
        slug: tenantOf(request).slug,
        backLink: censusBase(request),
        action: `${censusBase(request)}/preview/${pendingId}`,
        fileName: preview.pending.file_name,
        rowsRead: count(preview.pending.rows_read),
        summary,
        sourceLabel: SOURCE_LABELS[summary.source],
        totals: {
          schools: count(summary.totals.schools),
          pupils: count(summary.totals.pupils),
          E: count(summary.totals.E),
          K: count(summary.totals.K),
        },
        replaces: replaces
          ? {
              ...replaces,
              schoolsText: count(replaces.schools),
              pupilsText: count(replaces.pupils),
            }
          : null,
        firstSchools: preview.firstSchools.map((s) => {
          const full = expandSchool(s);
          return {
            urn: full.schoolUrn,
            total: count(full.totalPupils),
            E: count(full.sen.E),
            K: count(full.sen.K),
            notRecorded: count(full.notRecorded.E + full.notRecorded.K),
          };
        }),
      });
    },
  );

  app.post(
    '/p/:partnership/performance/census/preview/:pendingId',
    { config: ADMIN, schema: { params: paramsSchema('pendingId') } },
    async (request, reply) => {
      const { pendingId } = request.params;
      const result = await confirmCensus(app.db, actorFor(request), tenantOf(request), pendingId);
      if (result.status === 'gone') return gone(reply, request);
      reply.flash(
        result.replaced
          ? `Census ‘${result.label}’ saved. It replaced the census with the same date.`
          : `Census ‘${result.label}’ saved.`,
      );
      return reply.redirect(`${censusBase(request)}/${result.censusId}`, 303);
    },
  );

  app.post(
    '/p/:partnership/performance/census/preview/:pendingId/cancel',
    { config: ADMIN, schema: { params: paramsSchema('pendingId') } },
    async (request, reply) => {
      const { pendingId } = request.params;
      if (!(await cancelCensus(app.db, tenantOf(request), pendingId))) return gone(reply, request);
      reply.flash('Census import cancelled. Nothing was saved.');
      return reply.redirect(censusBase(request), 303);
    },
  );

  // Deleting a saved census: a page that says what goes, then the POST that deletes it.
  const noCensus = (reply: FastifyReply, request: FastifyRequest) =>
    reply.page(
      'performance/census/gone.njk',
      { title: 'This census is not saved', listUrl: censusBase(request), deleted: true },
      404,
    );

  app.get(
    '/p/:partnership/performance/census/:censusId/delete',
    { config: ADMIN, schema: { params: paramsSchema('censusId') } },
    async (request, reply) => {
      const { censusId } = request.params;
      const census = await findCensusSummary(app.db, tenantOf(request), censusId);
      if (!census) return noCensus(reply, request);
      return reply.page('performance/census/delete.njk', {
        title: `Are you sure you want to delete the census ‘${census.label}’?`,
        slug: tenantOf(request).slug,
        backLink: censusBase(request),
        action: `${censusBase(request)}/${census.id}/delete`,
        census: {
          ...census,
          sourceLabel: SOURCE_LABELS[census.source],
          schoolsText: count(census.schools),
          pupilsText: count(census.pupils),
        },
      });
    },
  );

  app.post(
    '/p/:partnership/performance/census/:censusId/delete',
    { config: ADMIN, schema: { params: paramsSchema('censusId') } },
    async (request, reply) => {
      const { censusId } = request.params;
      const result = await deleteCensus(app.db, actorFor(request), tenantOf(request), censusId);
      if (result.status === 'gone') return noCensus(reply, request);
      reply.flash(`Census ‘${result.census.label}’ deleted.`);
      return reply.redirect(censusBase(request), 303);
    },
  );

  // England's figures for the census year: a small form of two optional percentages.
  const renderEngland = (
    request: FastifyRequest,
    reply: FastifyReply,
    census: { id: string; label: string; census_date: string },
    values: EnglandValues,
    errors = new FormErrors(),
  ) =>
    reply.page(
      'performance/census/england.njk',
      {
        title: `England’s figures for ${census.label}`,
        slug: tenantOf(request).slug,
        census,
        backLink: `${censusBase(request)}/${census.id}`,
        action: `${censusBase(request)}/${census.id}/england`,
        values,
        ...errors.toView(),
      },
      errors.any ? 400 : 200,
    );

  app.get(
    '/p/:partnership/performance/census/:censusId/england',
    { config: ADMIN, schema: { params: paramsSchema('censusId') } },
    async (request, reply) => {
      const { censusId } = request.params;
      const census = await findCensus(app.db, tenantOf(request), censusId);
      if (!census) return noCensus(reply, request);
      return renderEngland(request, reply, census, {
        senSupport: percentText(census.england_sen_support),
        ehcPlan: percentText(census.england_ehc_plan),
      });
    },
  );

  app.post(
    '/p/:partnership/performance/census/:censusId/england',
    { config: ADMIN, schema: { params: paramsSchema('censusId'), body: FORM } },
    async (request, reply) => {
      const { censusId } = request.params;
      const tenant = tenantOf(request);
      const body = request.body;
      const values = {
        senSupport: field(body, 'senSupport').slice(0, 20),
        ehcPlan: field(body, 'ehcPlan').slice(0, 20),
      };
      const errors = new FormErrors();
      const senSupport = readPercentage(values.senSupport);
      const ehcPlan = readPercentage(values.ehcPlan);
      if (senSupport === undefined)
        errors.add(
          'senSupport',
          'SEN support must be a percentage from 0 to 100, with up to 2 decimal places, like 13.6',
        );
      if (ehcPlan === undefined)
        errors.add(
          'ehcPlan',
          'EHC plans must be a percentage from 0 to 100, with up to 2 decimal places, like 5.3',
        );
      if (senSupport === undefined || ehcPlan === undefined) {
        const census = await findCensus(app.db, tenant, censusId);
        if (!census) return noCensus(reply, request);
        return renderEngland(request, reply, census, values, errors);
      }
      const result = await recordEnglandFigures(app.db, actorFor(request), tenant, censusId, {
        senSupport,
        ehcPlan,
      });
      if (result.status === 'gone') return noCensus(reply, request);
      reply.flash(
        result.status === 'saved'
          ? `England’s figures for ‘${result.census.label}’ saved.`
          : `England’s figures for ‘${result.census.label}’ were already saved as they are.`,
      );
      return reply.redirect(`${censusBase(request)}/${censusId}`, 303);
    },
  );

  app.get(
    '/p/:partnership/performance/census/template.csv',
    { schema: { params: paramsSchema() } },
    async (_request, reply) => {
      const csv = stringify([
        [...SCHOOL_TEMPLATE_HEADERS],
        ...SCHOOL_TEMPLATE_EXAMPLE.map((r) => [...r]),
      ]);
      return reply
        .header('content-disposition', 'attachment; filename="school-census-template.csv"')
        .header('cache-control', 'private, no-store')
        .type('text/csv; charset=utf-8')
        .send(`\uFEFF${csv}`);
    },
  );

  app.get(
    '/p/:partnership/performance/census/:censusId',
    { schema: { params: paramsSchema('censusId'), querystring: RATE_QUERY } },
    async (request, reply) => {
      const { censusId } = request.params;
      const tenant = tenantOf(request);
      const read = readRateQuery(request.query);
      const loaded = await loadCensusRates(
        app.db,
        tenant,
        censusId,
        read.options,
        read.query.england === '',
      );
      if (!loaded) {
        reply.callNotFound();
        return reply;
      }
      const { census, rates, englandFrom } = loaded;
      const errors = new FormErrors();
      for (const p of read.problems) if (p.field === 'england') errors.add(p.field, p.text);
      const measure = describeMeasure(read.options);
      const row = (unit: RateUnit) => ({
        name: unit.name,
        id: unit.id,
        unassigned: unit.id === UNASSIGNED_ID,
        numerator: count(unit.numerator),
        denominator: count(unit.denominator),
        rate: percent(unit.rate),
        vsPartnership:
          unit.rate === null || rates.partnership.rate === null
            ? '–'
            : points(unit.rate - rates.partnership.rate),
        vsEngland: points(unit.differenceFromEngland),
      });
      const base = `${censusBase(request)}/${censusId}`;
      return reply.page(
        'performance/census/rates.njk',
        {
          title: `${census.label}: identification rates`,
          slug: tenant.slug,
          census: { ...census, sourceLabel: SOURCE_LABELS[census.source] },
          backLink: censusBase(request),
          query: read.query,
          needItems: NEED_CHOICES.map((c) => ({ ...c, selected: c.value === read.query.need })),
          measure,
          partnership: row(rates.partnership),
          england: rates.england
            ? {
                rate: percent(rates.england.rate),
                difference: points(rates.england.difference),
                from: englandFrom,
              }
            : null,
          recordedEngland:
            census.england_sen_support === null && census.england_ehc_plan === null
              ? null
              : {
                  senSupport: shownPercent(census.england_sen_support),
                  ehcPlan: shownPercent(census.england_ehc_plan),
                },
          isAdmin: tenant.role === 'admin',
          englandUrl: `${base}/england`,
          districts: rates.districts.map(row),
          localities: rates.localities.map(row),
          schools: rates.schools.map(row),
          notRecorded: count(rates.notRecorded),
          hasNotRecorded: rates.notRecorded > 0,
          singleNeed: read.options.need !== 'any SEN',
          needName: read.options.need === 'any SEN' ? null : NEED_NAMES[read.options.need],
          notInGeography: rates.unassigned.notInGeography.length,
          geographySchools: loaded.geographySchools,
          funnelUrl: `${base}/funnel?${queryString(read.query, ['need', 'provision', 'denominator'])}`,
          ...errors.toView(),
        },
        errors.any ? 400 : 200,
      );
    },
  );
}
