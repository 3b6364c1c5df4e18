/**
 * The dates on the API: every date that matters (rule-based and set by others), and the
 * commands on dates set by others, through the same schemas and commands as the pages.
 */
import type { FastifyInstance } from 'fastify';
import {
  conflict,
  error,
  nullableDate,
  readErrors,
  secured,
  sendResult,
  writeErrors,
} from '../platform/web/api-kit.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import {
  changeKeyDate,
  createKeyDate,
  recordKeyDateMet,
  removeKeyDate,
} from './commands/key-dates.js';
import { partnershipDeadlines } from './deadline-service.js';
import { KeyDateChange, KeyDateInput, KeyDateMet } from './key-date-inputs.js';
import type { KeyDateRow } from './key-date-repository.js';
import { KEY_DATE_SOURCES, RULE_EVENTS, RULE_UNITS } from './key-dates.js';

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership';
const tags = ['dates'];

const deadline = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    rule: { type: 'string', description: 'The rule behind it; key_date for a date set by others' },
    label: { type: 'string' },
    date: { ...nullableDate, description: 'Null until a needed setting or event is known' },
    approximate: { type: 'boolean' },
    explanation: { type: 'string' },
    source: { type: 'string' },
    inspectionId: { type: 'string', format: 'uuid' },
    planId: { type: 'string', format: 'uuid' },
    status: {
      type: 'string',
      enum: ['met', 'upcoming', 'due_soon', 'overdue', 'needs_setting', 'waiting'],
    },
    metOn: { type: 'string', format: 'date' },
    keyDateId: { type: 'string', format: 'uuid' },
  },
} as const;

const keyDate = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    source: { type: 'string', enum: KEY_DATE_SOURCES },
    planId: { type: ['string', 'null'], format: 'uuid' },
    inspectionId: { type: ['string', 'null'], format: 'uuid' },
    dueOn: nullableDate,
    ruleCount: { type: ['integer', 'null'] },
    ruleUnit: { type: ['string', 'null'], enum: [...RULE_UNITS, null] },
    ruleEvent: { type: ['string', 'null'], enum: [...RULE_EVENTS, null] },
    eventOn: { ...nullableDate, description: 'When the event the rule counts from happened' },
    metOn: nullableDate,
    metNote: { type: 'string' },
    version: { type: 'integer' },
  },
} as const;

const toKeyDate = (k: KeyDateRow) => ({
  id: k.id,
  title: k.title,
  source: k.source,
  planId: k.plan_id,
  inspectionId: k.inspection_id,
  dueOn: k.due_on,
  ruleCount: k.rule_count,
  ruleUnit: k.rule_unit,
  ruleEvent: k.rule_event,
  eventOn: k.event_on,
  metOn: k.met_on,
  metNote: k.met_note,
  version: k.version,
});

export async function keyDatesApi(app: FastifyInstance): Promise<void> {
  const api = typed(app);

  api.get(
    `${P}/dates`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'Every date that matters: statutory and expected dates from the rules, and dates set by others, by date',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: deadline }, ...readErrors },
      },
    },
    async (request) => partnershipDeadlines(app.db, tenantOf(request), todayInLondon()),
  );

  api.post(
    `${P}/key-dates`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add a date set by others (admins): a dueOn date, or a rule (ruleCount, ruleUnit, ruleEvent) counted from an event of a plan or inspection',
        params: paramsSchema(),
        body: KeyDateInput,
        response: { 201: keyDate, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await createKeyDate(commandContext(request), request.body), toKeyDate, {
        status: 201,
      }),
  );

  api.put(
    `${P}/key-dates/:keyDateId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a date set by others (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('keyDateId'),
        body: KeyDateChange,
        response: { 200: keyDate, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changeKeyDate(commandContext(request), request.params.keyDateId, request.body),
        toKeyDate,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  api.post(
    `${P}/key-dates/:keyDateId/met`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Record a date set by others as met on metOn, with a note (admins); metOn null means not met after all',
        params: paramsSchema('keyDateId'),
        body: KeyDateMet,
        response: { 200: keyDate, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await recordKeyDateMet(commandContext(request), request.params.keyDateId, request.body),
        toKeyDate,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  api.delete(
    `${P}/key-dates/:keyDateId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Delete a date set by others (admins)',
        params: paramsSchema('keyDateId'),
        response: { 204: { type: 'null' }, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await removeKeyDate(commandContext(request), request.params.keyDateId),
        () => undefined,
        { status: 204 },
      ),
  );
}
