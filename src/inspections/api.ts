import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, paramsSchema, tenantOf } from '../platform/web/request.js';
import {
  findFinding,
  findInspection,
  listFindings,
  listInspections,
  type FindingInput,
  type FindingRow,
  type InspectionInput,
  type InspectionRow,
} from './inspection-repository.js';
import {
  addFinding,
  createInspection,
  editFinding,
  editInspection,
  InspectionRuleError,
  removeFinding,
} from './inspection-service.js';
import { removeInspection } from './removal-service.js';
import {
  FINDING_TYPES,
  FRAMEWORKS,
  INSPECTION_KINDS,
  inspectionTitle,
  KINDS_BY_FRAMEWORK,
  QUESTIONS,
  type FindingType,
  type Framework,
  type InspectionKind,
  type Question,
} from './inspection-rules.js';
import {
  badRequest,
  conflict,
  deleteRoute,
  nullableDate,
  readErrors,
  secured,
  stale,
  text,
  version,
  writeErrors,
} from '../platform/web/api-kit.js';

const inspection = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    framework: { type: 'string', enum: FRAMEWORKS },
    kind: { type: 'string', enum: INSPECTION_KINDS },
    onSiteStart: nullableDate,
    onSiteEnd: nullableDate,
    publishedOn: nullableDate,
    team: { type: 'string' },
    outcome: { type: ['integer', 'null'], enum: [1, 2, 3, null] },
    wsoaRequired: { type: ['boolean', 'null'] },
    outcomeText: { type: 'string' },
    findingCount: { type: 'integer' },
    version: { type: 'integer' },
  },
} as const;

const inspectionInput = {
  type: 'object',
  additionalProperties: false,
  required: ['framework', 'kind'],
  properties: {
    framework: { type: 'string', enum: FRAMEWORKS },
    kind: { type: 'string', enum: INSPECTION_KINDS },
    onSiteStart: nullableDate,
    onSiteEnd: nullableDate,
    publishedOn: nullableDate,
    team: { type: 'string', maxLength: 2000 },
    outcome: {
      type: ['integer', 'null'],
      enum: [1, 2, 3, null],
      description: '2023 framework only',
    },
    wsoaRequired: { type: ['boolean', 'null'], description: '2016 framework only' },
    outcomeText: { type: 'string', maxLength: 5000 },
    version: { ...version, description: 'Required when changing: the version you read' },
  },
} as const;

const finding = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    inspectionId: { type: 'string', format: 'uuid' },
    type: { type: 'string', enum: FINDING_TYPES },
    question: { type: ['string', 'null'], enum: [...QUESTIONS, null] },
    text: { type: 'string' },
    position: { type: 'integer' },
    sufficientProgress: { type: ['boolean', 'null'] },
    priorityCount: {
      type: 'integer',
      description:
        'How many plan priorities answer this finding; a linked finding cannot be deleted',
    },
    version: { type: 'integer' },
  },
} as const;

const findingInput = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'text'],
  properties: {
    type: { type: 'string', enum: FINDING_TYPES },
    question: { type: ['string', 'null'], enum: [...QUESTIONS, null] },
    text: { type: 'string', minLength: 1, maxLength: 5000 },
    sufficientProgress: {
      type: ['boolean', 'null'],
      description: 'Revisits: whether sufficient progress was made on this weakness',
    },
    version,
  },
} as const;

type InspectionBody = {
  framework: Framework;
  kind: InspectionKind;
  onSiteStart?: string | null;
  onSiteEnd?: string | null;
  publishedOn?: string | null;
  team?: string;
  outcome?: 1 | 2 | 3 | null;
  wsoaRequired?: boolean | null;
  outcomeText?: string;
  version?: number;
};
type FindingBody = {
  type: FindingType;
  question?: Question | null;
  text: string;
  sufficientProgress?: boolean | null;
  version?: number;
};

export const toInspection = (i: InspectionRow) => ({
  id: i.id,
  title: inspectionTitle(i),
  framework: i.framework,
  kind: i.kind,
  onSiteStart: i.on_site_start,
  onSiteEnd: i.on_site_end,
  publishedOn: i.published_on,
  team: i.team,
  outcome: i.outcome,
  wsoaRequired: i.wsoa_required,
  outcomeText: i.outcome_text,
  findingCount: i.finding_count,
  version: i.version,
});

const toFinding = (f: FindingRow) => ({
  id: f.id,
  inspectionId: f.inspection_id,
  type: f.type,
  question: f.question,
  text: f.text,
  position: f.position,
  sufficientProgress: f.sufficient_progress,
  priorityCount: f.priority_count,
  version: f.version,
});

/** The pages' rules for an inspection, as one message or the input to save. */
function readInspection(body: InspectionBody): { problem: string } | { input: InspectionInput } {
  if (!KINDS_BY_FRAMEWORK[body.framework].includes(body.kind))
    return {
      problem:
        body.framework === '2016'
          ? 'A 2016-framework inspection is an inspection or a revisit'
          : 'A 2023-framework inspection is a full inspection or a monitoring inspection',
    };
  const start = body.onSiteStart ?? null;
  const end = body.onSiteEnd ?? null;
  const published = body.publishedOn ?? null;
  if (start && end && end < start)
    return { problem: 'The last day on site must be the same as or after the first day' };
  if (start && published && published < start)
    return { problem: 'The publication date must be after the inspection started' };
  if (body.framework !== '2023' && body.outcome != null)
    return { problem: 'An outcome is given by 2023-framework inspections only' };
  if (body.framework !== '2016' && body.wsoaRequired != null)
    return {
      problem: 'Whether a written statement of action is required is for 2016-framework only',
    };
  return {
    input: {
      framework: body.framework,
      kind: body.kind,
      onSiteStart: start,
      onSiteEnd: end,
      publishedOn: published,
      team: text(body.team),
      outcome: body.outcome ?? null,
      wsoaRequired: body.wsoaRequired ?? null,
      outcomeText: text(body.outcomeText),
    },
  };
}

function readFinding(body: FindingBody): { problem: string } | { input: FindingInput } {
  const words = body.text.replace(/\s+/g, ' ').trim();
  if (!words) return { problem: 'Enter the finding as the letter words it' };
  return {
    input: {
      type: body.type,
      question: body.question ?? null,
      text: words,
      sufficientProgress: body.sufficientProgress ?? null,
    },
  };
}

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/inspections';
const ids = (request: FastifyRequest) =>
  request.params as { inspectionId: string; findingId: string };

/** Inspections and their findings. Reads for every member; writes for admins. */
export async function inspectionsApi(app: FastifyInstance): Promise<void> {
  const tags = ['inspections'];

  app.get(
    P,
    {
      schema: {
        ...secured,
        tags,
        summary: 'Inspections, newest first',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: inspection }, ...readErrors },
      },
    },
    async (request) => (await listInspections(app.db, tenantOf(request))).map(toInspection),
  );

  app.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Record an inspection (admins)',
        params: paramsSchema(),
        body: inspectionInput,
        response: { 201: inspection, ...writeErrors },
      },
    },
    async (request, reply) => {
      const read = readInspection(request.body as InspectionBody);
      if ('problem' in read) return badRequest(reply, read.problem);
      const tenant = tenantOf(request);
      const created = await createInspection(app.db, actorFor(request), tenant, read.input);
      return reply
        .code(201)
        .send(toInspection((await findInspection(app.db, tenant, created.id))!));
    },
  );

  app.get(
    `${P}/:inspectionId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One inspection',
        params: paramsSchema('inspectionId'),
        response: { 200: inspection, ...readErrors },
      },
    },
    async (request, reply) => {
      const found = await findInspection(app.db, tenantOf(request), ids(request).inspectionId);
      return found ? toInspection(found) : reply.callNotFound();
    },
  );

  app.put(
    `${P}/:inspectionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an inspection (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('inspectionId'),
        body: { ...inspectionInput, required: ['framework', 'kind', 'version'] },
        response: { 200: inspection, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as InspectionBody & { version: number };
      const read = readInspection(body);
      if ('problem' in read) return badRequest(reply, read.problem);
      const tenant = tenantOf(request);
      const { inspectionId } = ids(request);
      const result = await editInspection(
        app.db,
        actorFor(request),
        tenant,
        inspectionId,
        read.input,
        body.version,
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') return stale(reply, body.version, result.current.version);
      return toInspection((await findInspection(app.db, tenant, inspectionId))!);
    },
  );

  deleteRoute(
    app,
    `${P}/:inspectionId`,
    {
      tags,
      summary:
        'Delete an inspection recorded by mistake (admins). Refused with 409 while it has findings or a plan.',
      ids: ['inspectionId'],
      refusedWith: InspectionRuleError,
    },
    (actor, tenant, { inspectionId }) => removeInspection(app.db, actor, tenant, inspectionId),
  );

  app.get(
    `${P}/:inspectionId/findings`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'Findings of an inspection, in the letter’s order',
        params: paramsSchema('inspectionId'),
        response: { 200: { type: 'array', items: finding }, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { inspectionId } = ids(request);
      if (!(await findInspection(app.db, tenant, inspectionId))) return reply.callNotFound();
      return (await listFindings(app.db, tenant, inspectionId)).map(toFinding);
    },
  );

  app.post(
    `${P}/:inspectionId/findings`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a finding to an inspection (admins)',
        params: paramsSchema('inspectionId'),
        body: findingInput,
        response: { 201: finding, ...writeErrors },
      },
    },
    async (request, reply) => {
      const read = readFinding(request.body as FindingBody);
      if ('problem' in read) return badRequest(reply, read.problem);
      const tenant = tenantOf(request);
      const { inspectionId } = ids(request);
      const created = await addFinding(app.db, actorFor(request), tenant, inspectionId, read.input);
      if (!created) return reply.callNotFound();
      return reply
        .code(201)
        .send(toFinding((await findFinding(app.db, tenant, inspectionId, created.id))!));
    },
  );

  app.get(
    `${P}/:inspectionId/findings/:findingId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One finding',
        params: paramsSchema('inspectionId', 'findingId'),
        response: { 200: finding, ...readErrors },
      },
    },
    async (request, reply) => {
      const { inspectionId, findingId } = ids(request);
      const found = await findFinding(app.db, tenantOf(request), inspectionId, findingId);
      return found ? toFinding(found) : reply.callNotFound();
    },
  );

  app.put(
    `${P}/:inspectionId/findings/:findingId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a finding (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('inspectionId', 'findingId'),
        body: { ...findingInput, required: ['type', 'text', 'version'] },
        response: { 200: finding, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as FindingBody & { version: number };
      const read = readFinding(body);
      if ('problem' in read) return badRequest(reply, read.problem);
      const tenant = tenantOf(request);
      const { inspectionId, findingId } = ids(request);
      const result = await editFinding(
        app.db,
        actorFor(request),
        tenant,
        inspectionId,
        findingId,
        read.input,
        body.version,
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') return stale(reply, body.version, result.current.version);
      return toFinding((await findFinding(app.db, tenant, inspectionId, findingId))!);
    },
  );

  deleteRoute(
    app,
    `${P}/:inspectionId/findings/:findingId`,
    {
      tags,
      summary:
        'Delete a finding (admins). Refused with 409 while a plan’s priority answers it: unlink it first.',
      ids: ['inspectionId', 'findingId'],
      refusedWith: InspectionRuleError,
    },
    (actor, tenant, { inspectionId, findingId }) =>
      removeFinding(app.db, actor, tenant, inspectionId, findingId),
  );
}
