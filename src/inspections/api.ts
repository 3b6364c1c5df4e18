import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TObject } from 'typebox';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  typed,
  type App,
} from '../platform/web/request.js';
import type { Result } from '../platform/commands/result.js';
import {
  findFinding,
  findInspection,
  listFindings,
  listInspections,
  type FindingRow,
  type InspectionRow,
} from './inspection-repository.js';
import {
  changeInspection,
  recordInspection,
  removeInspection,
} from './commands/inspection-details.js';
import { changeFinding, recordFinding, removeFinding } from './commands/findings.js';
import { FindingChange, InspectionChange, NewFinding, NewInspection } from './inputs.js';
import {
  FINDING_TYPES,
  FRAMEWORKS,
  INSPECTION_KINDS,
  inspectionTitle,
  QUESTIONS,
} from './inspection-rules.js';
import {
  conflict,
  error,
  nullableDate,
  readErrors,
  secured,
  sendResult,
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
    followsInspectionId: {
      type: ['string', 'null'],
      format: 'uuid',
      description: 'A revisit or monitoring inspection: the inspection it follows and judges',
    },
    findingCount: { type: 'integer' },
    version: { type: 'integer' },
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
    judgesFindingId: {
      type: ['string', 'null'],
      format: 'uuid',
      description: 'A revisit’s finding: the finding of the followed inspection it judges',
    },
    judgementText: { type: 'string', description: 'What the inspectors said about progress' },
    responsibleBody: {
      type: 'string',
      description:
        'An area for priority action: the body or bodies responsible, as the report’s table names them',
    },
    priorityCount: {
      type: 'integer',
      description:
        'How many plan priorities answer this finding; a linked finding cannot be deleted',
    },
    version: { type: 'integer' },
  },
} as const;

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
  followsInspectionId: i.follows_inspection_id,
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
  judgesFindingId: f.judges_finding_id,
  judgementText: f.judgement_text,
  responsibleBody: f.responsible_body,
  priorityCount: f.priority_count,
  version: f.version,
});

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/inspections';

/**
 * An admin's DELETE through a command: 204 once it is gone, 404 when there was nothing to delete,
 * 409 with the reason when the command refuses.
 */
const deleteOptions = <P extends TObject>(tags: string[], summary: string, params: P) => ({
  config: ADMIN,
  schema: {
    ...secured,
    tags,
    summary,
    params,
    response: { 204: { type: 'null' }, ...writeErrors, 409: error },
  },
});
const gone = (reply: FastifyReply, result: Result<unknown>) =>
  sendResult(reply, result, () => undefined, { status: 204 });

/** Inspections and their findings. Reads for every member; writes for admins. */
export async function inspectionsApi(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['inspections'];
  inspectionDetailsApi(app, api, tags);
  findingsApi(app, api, tags);
}

/** Inspections themselves. */
function inspectionDetailsApi(app: FastifyInstance, api: App, tags: string[]): void {
  api.get(
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

  api.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Record an inspection (admins)',
        params: paramsSchema(),
        body: NewInspection,
        response: { 201: inspection, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await recordInspection(commandContext(request), request.body),
        toInspection,
        { status: 201 },
      ),
  );

  api.get(
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
      const found = await findInspection(app.db, tenantOf(request), request.params.inspectionId);
      return found ? toInspection(found) : reply.callNotFound();
    },
  );

  api.put(
    `${P}/:inspectionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an inspection (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('inspectionId'),
        body: InspectionChange,
        response: { 200: inspection, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changeInspection(commandContext(request), request.params.inspectionId, request.body),
        toInspection,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  api.delete(
    `${P}/:inspectionId`,
    deleteOptions(
      tags,
      'Delete an inspection recorded by mistake (admins). Refused with 409 while it has findings or a plan.',
      paramsSchema('inspectionId'),
    ),
    async (request, reply) =>
      gone(reply, await removeInspection(commandContext(request), request.params.inspectionId)),
  );
}

/** The findings of an inspection, in the letter's order. */
function findingsApi(app: FastifyInstance, api: App, tags: string[]): void {
  api.get(
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
      const { inspectionId } = request.params;
      if (!(await findInspection(app.db, tenant, inspectionId))) return reply.callNotFound();
      return (await listFindings(app.db, tenant, inspectionId)).map(toFinding);
    },
  );

  api.post(
    `${P}/:inspectionId/findings`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a finding to an inspection (admins)',
        params: paramsSchema('inspectionId'),
        body: NewFinding,
        response: { 201: finding, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await recordFinding(commandContext(request), request.params.inspectionId, request.body),
        toFinding,
        { status: 201 },
      ),
  );

  api.get(
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
      const { inspectionId, findingId } = request.params;
      const found = await findFinding(app.db, tenantOf(request), inspectionId, findingId);
      return found ? toFinding(found) : reply.callNotFound();
    },
  );

  api.put(
    `${P}/:inspectionId/findings/:findingId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a finding (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('inspectionId', 'findingId'),
        body: FindingChange,
        response: { 200: finding, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { inspectionId, findingId } = request.params;
      return sendResult(
        reply,
        await changeFinding(commandContext(request), inspectionId, findingId, request.body),
        toFinding,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      );
    },
  );

  api.delete(
    `${P}/:inspectionId/findings/:findingId`,
    deleteOptions(
      tags,
      'Delete a finding (admins). Refused with 409 while a plan’s priority answers it: unlink it first.',
      paramsSchema('inspectionId', 'findingId'),
    ),
    async (request, reply) => {
      const { inspectionId, findingId } = request.params;
      return gone(reply, await removeFinding(commandContext(request), inspectionId, findingId));
    },
  );
}
