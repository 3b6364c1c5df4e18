// EHC plan timeliness pages: the analysis (every member), the upload, preview and save (admins),
// and the list of open cases past 20 weeks (admins only: it shows case references).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptDataUploads, isDataUpload } from '../../platform/tables/upload.js';
import { field, FormErrors, type FormBody } from '../../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { FORM } from '../../platform/web/form-input.js';
import { Type } from 'typebox';
import { todayInLondon } from '../../platform/web/today.js';
import { NEED_NAMES } from '../census/index.js';
import { formatValue } from '../indicators/index.js';
import { starterIndicator } from '../indicators/index.js';
import { ehcCaseSpec } from './timeliness-specs.js';
import {
  findTimelinessIndicator,
  loadIndicatorFigures,
  recordIndicatorFigures,
  type FigureRow,
  type HeldValues,
  type IndicatorFiguresPage,
} from './indicator-figures-service.js';
import { TIMELINESS_INDICATOR_CODE, yearsInWords, yearsKey } from './indicator-figures.js';
import {
  cancelCaseImport,
  checkCaseFile,
  confirmCaseImport,
  deleteCaseSet,
  findCaseSet,
  labelProblem,
  loadCasePreview,
  loadOpenCasesPast20Weeks,
  loadTimeliness,
  MAX_UPLOAD_BYTES,
  stageCaseImport,
  type CaseFileCheck,
} from './timeliness-service.js';

const ADMIN = { roles: ['admin'] as const };
const PATH = '/p/:partnership/performance/ehc-timeliness';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The five columns as the upload page explains them. */
const COLUMN_GUIDE = ehcCaseSpec.columns.map((c) => ({
  label: c.label,
  aliases: (c.aliases ?? []).slice(0, 4),
  required: c.key !== 'primaryNeed',
  what: {
    caseRef:
      'Your own pseudonymous reference for the request, like EHC-2025-0001: letters and digits, with - _ / or . but no spaces. Never a name or a unique pupil number.',
    requestDate: 'The date the request for an EHC needs assessment was received.',
    issueDate:
      'The date the final EHC plan was issued. Leave it blank if no plan has been issued yet.',
    exception:
      'Y if one of the exceptions to the 20-week limit applies (setting closed for 4 weeks or more, exceptional personal circumstances, absence from the area for 4 weeks or more); N or blank if not.',
    primaryNeed:
      'Optional. The DfE type of need code (ASD, SEMH, SLCN, MLD…) or its name, like Autistic spectrum disorder.',
  }[c.key],
}));

/** The starter indicator's name, for the sentence shown while the partnership has not added it. */
const STARTER_NAME = starterIndicator(TIMELINESS_INDICATOR_CODE)?.name ?? TIMELINESS_INDICATOR_CODE;

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function heldText(held: HeldValues | null): string {
  if (held === null) return 'Nothing held';
  const byArea =
    held.byArea > 0
      ? `${count(held.byArea)} ${held.byArea === 1 ? 'value' : 'values'} by area`
      : '';
  if (held.partnership === null) return byArea;
  const value =
    held.partnership.value === null ? 'Suppressed' : formatValue(held.partnership.value, 'percent');
  return byArea ? `${value}, and ${byArea}` : value;
}

const OUTCOMES: Record<FigureRow['status'], string> = {
  record: 'Recorded',
  'year not over': 'Not recorded: the year is not over',
  'no plans without an exception': 'Not recorded: every plan issued that year had an exception',
};

/** The confirmation page's rows as text. */
function figureRows(figures: readonly FigureRow[]) {
  return figures.map((f) => ({
    year: f.status === 'year not over' ? `${f.year} to date` : String(f.year),
    numerator: count(f.numerator),
    denominator: count(f.denominator),
    percent: f.value === null ? '–' : formatValue(f.value, 'percent'),
    held: f.status === 'record' ? heldText(f.held) : '–',
    outcome:
      f.status === 'record' && f.held !== null
        ? 'Recorded, replacing what is held'
        : OUTCOMES[f.status],
  }));
}

function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** A GET parameter as sent: once, or repeated (then it is not read). */
const param = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
const SET_QUERY = Type.Object({ set: param });
const IMPORT_QUERY = Type.Object({ import: param });

function queryValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A multipart body's fields and file, as acceptDataUploads leaves them (or none). */
const uploadBody = (body: unknown): FormBody =>
  typeof body === 'object' && body !== null ? { ...body } : {};

export async function timelinessRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  const base = (request: FastifyRequest) =>
    `/p/${tenantOf(request).slug}/performance/ehc-timeliness`;

  /** `?set=` as given: undefined when absent, null when it cannot be a case set's id. */
  const chosenSet = (query: { set?: string | string[] }): string | undefined | null => {
    const set = queryValue(query.set);
    if (set === undefined || set === '') return undefined;
    return UUID.test(set) ? set.toLowerCase() : null;
  };

  app.get(
    PATH,
    { schema: { params: paramsSchema(), querystring: SET_QUERY } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const setId = chosenSet(request.query);
      if (setId === null) return notFound(reply);
      const today = todayInLondon();
      const admin = tenant.role === 'admin';
      return reply.cachedPage(
        `ehc:${tenant.partnershipId}:${tenant.dataVersion}:${setId ?? 'latest'}:${tenant.role}:${today}`,
        async () => {
          const loaded = await loadTimeliness(app.db, tenant, {
            ...(setId ? { setId } : {}),
            today,
          });
          if (!loaded) return null;
          // Admins may record the figures as the indicator's values (or are told how to add it).
          const indicator =
            admin && loaded.current ? await findTimelinessIndicator(app.db, tenant) : null;
          return {
            template: 'performance/timeliness/analysis-body.njk',
            data: {
              title: 'EHC plan timeliness',
              ...loaded,
              today,
              admin,
              base: base(request),
              indicator,
              starterName: STARTER_NAME,
              indicatorsHref: `/p/${tenant.slug}/performance/indicators`,
            },
          };
        },
      );
    },
  );

  app.get(
    `${PATH}/open-cases`,
    { config: ADMIN, schema: { params: paramsSchema(), querystring: SET_QUERY } },
    async (request, reply) => {
      const setId = chosenSet(request.query);
      if (setId === null) return notFound(reply);
      const today = todayInLondon();
      const loaded = await loadOpenCasesPast20Weeks(app.db, tenantOf(request), {
        ...(setId ? { setId } : {}),
        today,
      });
      if (!loaded) return notFound(reply);
      return reply.page('performance/timeliness/open-cases.njk', {
        title: 'Open cases past 20 weeks',
        ...loaded,
        cases: loaded.cases.map((c) => ({ ...c, weeksOpen: c.weeksOpen.toFixed(1) })),
        today,
        base: base(request),
        backLink: `${base(request)}${loaded.current && setId ? `?set=${loaded.current.id}` : ''}`,
      });
    },
  );

  const renderGone = (request: FastifyRequest, reply: FastifyReply, status: number) =>
    reply.page(
      'performance/timeliness/gone.njk',
      { title: 'There is no file waiting to be saved', base: base(request) },
      status,
    );

  app.get(
    `${PATH}/preview`,
    { config: ADMIN, schema: { params: paramsSchema(), querystring: IMPORT_QUERY } },
    async (request, reply) => {
      const id = queryValue(request.query.import);
      if (id === undefined || id === '') return renderGone(request, reply, 200);
      const preview = UUID.test(id)
        ? await loadCasePreview(app.db, tenantOf(request), id)
        : undefined;
      if (!preview) return renderGone(request, reply, 404);
      return reply.page('performance/timeliness/preview.njk', {
        title: 'Check the EHC cases before you save them',
        preview,
        needNames: NEED_NAMES,
        base: base(request),
        backLink: `${base(request)}/upload`,
      });
    },
  );

  app.post(
    `${PATH}/save`,
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const id = field(request.body, 'importId');
      const saved = UUID.test(id)
        ? await confirmCaseImport(app.db, actorFor(request), tenantOf(request), id)
        : undefined;
      if (!saved) return renderGone(request, reply, 409);
      const replaced =
        saved.replaced.length > 0
          ? ` It replaced the earlier case set with the same label (${saved.replaced.map((r) => r.cases.toLocaleString('en-GB')).join(', ')} cases).`
          : '';
      return reply
        .flash(`${saved.cases.toLocaleString('en-GB')} cases saved.${replaced}`)
        .redirect(`${base(request)}?set=${saved.caseSetId}`, 303);
    },
  );

  app.post(
    `${PATH}/cancel`,
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const id = field(request.body, 'importId');
      if (UUID.test(id)) await cancelCaseImport(app.db, tenantOf(request), id);
      return reply.flash('Cancelled. Nothing was saved.').redirect(`${base(request)}/upload`, 303);
    },
  );

  // Deleting a case set: a page that says what goes, then the POST that deletes it.
  const noCaseSet = (request: FastifyRequest, reply: FastifyReply, recording = false) =>
    reply.page(
      'performance/timeliness/gone.njk',
      { title: 'This case set is not saved', base: base(request), deleted: true, recording },
      404,
    );

  app.get(
    `${PATH}/case-sets/:setId/delete`,
    { config: ADMIN, schema: { params: paramsSchema('setId') } },
    async (request, reply) => {
      const { setId } = request.params;
      const caseSet = await findCaseSet(app.db, tenantOf(request), setId);
      if (!caseSet) return noCaseSet(request, reply);
      return reply.page('performance/timeliness/delete.njk', {
        title: `Are you sure you want to delete the case set ‘${caseSet.label}’?`,
        caseSet,
        casesText: caseSet.case_count.toLocaleString('en-GB'),
        action: `${base(request)}/case-sets/${caseSet.id}/delete`,
        backLink: `${base(request)}?set=${caseSet.id}`,
      });
    },
  );

  app.post(
    `${PATH}/case-sets/:setId/delete`,
    { config: ADMIN, schema: { params: paramsSchema('setId') } },
    async (request, reply) => {
      const { setId } = request.params;
      const deleted = await deleteCaseSet(app.db, actorFor(request), tenantOf(request), setId);
      if (!deleted) return noCaseSet(request, reply);
      const cases = `${deleted.case_count.toLocaleString('en-GB')} ${deleted.case_count === 1 ? 'case' : 'cases'}`;
      return reply
        .flash(`Case set ‘${deleted.label}’ deleted, with its ${cases}.`)
        .redirect(base(request), 303);
    },
  );

  // Recording a case set's yearly figures as the indicator's values: a page that shows what will
  // be recorded and replaced, then the POST that records it.
  const renderFigures = (
    request: FastifyRequest,
    reply: FastifyReply,
    page: IndicatorFiguresPage,
    options: { changed?: boolean; status?: number } = {},
  ) => {
    const slug = tenantOf(request).slug;
    const notOver = page.figures.find((f) => f.status === 'year not over');
    return reply.page(
      'performance/timeliness/indicator-figures.njk',
      {
        title: `Use the figures of ‘${page.caseSet.label}’ for the indicator`,
        ...page,
        rows: figureRows(page.figures),
        years: yearsKey(page.toRecord),
        yearsText: yearsInWords(page.toRecord.map((f) => f.year)),
        replacedText: yearsInWords(page.replaced.map((h) => h.periodKey)),
        notOverYear: notOver?.year,
        changed: options.changed ?? false,
        starterName: STARTER_NAME,
        indicatorsHref: `/p/${slug}/performance/indicators`,
        indicatorHref: page.indicator
          ? `/p/${slug}/performance/indicators/${page.indicator.id}`
          : undefined,
        action: `${base(request)}/case-sets/${page.caseSet.id}/indicator`,
        backLink: `${base(request)}?set=${page.caseSet.id}`,
      },
      options.status ?? 200,
    );
  };

  app.get(
    `${PATH}/case-sets/:setId/indicator`,
    { config: ADMIN, schema: { params: paramsSchema('setId') } },
    async (request, reply) => {
      const { setId } = request.params;
      const page = await loadIndicatorFigures(app.db, tenantOf(request), setId, {
        today: todayInLondon(),
      });
      if (!page) return noCaseSet(request, reply, true);
      return renderFigures(request, reply, page);
    },
  );

  app.post(
    `${PATH}/case-sets/:setId/indicator`,
    { config: ADMIN, schema: { params: paramsSchema('setId'), body: FORM } },
    async (request, reply) => {
      const { setId } = request.params;
      const tenant = tenantOf(request);
      const result = await recordIndicatorFigures(app.db, actorFor(request), tenant, setId, {
        today: todayInLondon(),
        years: field(request.body, 'years'),
      });
      if (result.outcome === 'gone') return noCaseSet(request, reply, true);
      if (result.outcome === 'changed')
        return renderFigures(request, reply, result.page, { changed: true, status: 409 });
      const years = yearsInWords(result.recorded.map((f) => f.year));
      const replaced =
        result.replacedPeriods.length > 0
          ? ` They replace the values held for ${yearsInWords(result.replacedPeriods)}.`
          : '';
      return reply
        .flash(
          `Values for ${years} recorded from the EHC case set ‘${result.caseSetLabel}’.${replaced}`,
        )
        .redirect(`/p/${tenant.slug}/performance/indicators/${result.indicator.id}`, 303);
    },
  );

  // The upload takes a multipart body: only the routes in this scope accept one.
  await app.register(async (scope) => {
    await acceptDataUploads(scope, { maxBytes: MAX_UPLOAD_BYTES });
    const uploads = typed(scope);

    const renderUpload = (
      request: FastifyRequest,
      reply: FastifyReply,
      values: { label?: string; sheet?: string } = {},
      problems: { errors?: FormErrors; check?: CaseFileCheck; fileName?: string } = {},
    ) => {
      const failed = (problems.errors?.any ?? false) || (problems.check?.errorCount ?? 0) > 0;
      return reply.page(
        'performance/timeliness/upload.njk',
        {
          // The row errors bring their own error summary; the layout's is for the form's fields.
          title: problems.check ? 'Error: Upload EHC cases' : 'Upload EHC cases',
          values,
          columns: COLUMN_GUIDE,
          maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
          check: problems.check,
          fileName: problems.fileName,
          base: base(request),
          backLink: base(request),
          ...(problems.errors?.toView() ?? {}),
        },
        failed ? 400 : 200,
      );
    };

    uploads.get(
      `${PATH}/upload`,
      { config: ADMIN, schema: { params: paramsSchema() } },
      (request, reply) => renderUpload(request, reply),
    );

    uploads.post(
      `${PATH}/upload`,
      { config: ADMIN, schema: { params: paramsSchema() } },
      async (request, reply) => {
        const body = uploadBody(request.body);
        const values = { label: field(body, 'label'), sheet: field(body, 'sheet') };
        const errors = new FormErrors();
        const problem = labelProblem(values.label);
        if (problem) errors.add('label', problem);
        if (values.sheet.length > 100)
          errors.add('sheet', 'The worksheet name must be 100 characters or fewer');
        const upload = body.caseFile;
        if (!isDataUpload(upload) || upload.bytes === 0)
          errors.add('caseFile', 'Select a CSV or Excel (.xlsx) file of cases');
        else if (upload.truncated)
          errors.add(
            'caseFile',
            `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
          );
        if (errors.any || !isDataUpload(upload))
          return renderUpload(request, reply, values, { errors });

        const check = await checkCaseFile(upload.path, {
          fileName: upload.filename,
          today: todayInLondon(),
          ...(values.sheet ? { sheet: values.sheet } : {}),
        });
        if (check.errorCount > 0)
          return renderUpload(request, reply, values, { check, fileName: upload.filename });
        const id = await stageCaseImport(app.db, tenantOf(request), request.user?.id ?? null, {
          label: values.label,
          fileName: upload.filename,
          check,
        });
        return reply.redirect(`${base(request)}/preview?import=${id}`, 303);
      },
    );
  });
}
