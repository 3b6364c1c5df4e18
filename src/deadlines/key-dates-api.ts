/**
 * The dates on the API: every date that matters (rule-based and set by others), and the
 * commands on dates set by others, through the same schemas and commands as the pages.
 */
import type { FastifyInstance } from 'fastify';
import { nullableDate, readErrors, secured, writeRoute } from '../platform/web/api-kit.js';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
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

  writeRoute(app, 'POST', `${P}/key-dates`, {
    tags,
    summary:
      'Add a date set by others (admins): a dueOn date, or a rule (ruleCount, ruleUnit, ruleEvent) counted from an event of a plan or inspection',
    ids: [],
    body: KeyDateInput,
    answer: keyDate,
    status: 201,
    run: (context, _ids, body) => createKeyDate(context, body),
    send: toKeyDate,
  });

  writeRoute(app, 'PUT', `${P}/key-dates/:keyDateId`, {
    tags,
    summary:
      'Change a date set by others (admins). Replaces every field; send the version you read, a stale one gets 409.',
    ids: ['keyDateId'],
    body: KeyDateChange,
    answer: keyDate,
    run: (context, { keyDateId }, body) => changeKeyDate(context, keyDateId, body),
    send: toKeyDate,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'POST', `${P}/key-dates/:keyDateId/met`, {
    tags,
    summary:
      'Record a date set by others as met on metOn, with a note (admins); metOn null means not met after all',
    ids: ['keyDateId'],
    body: KeyDateMet,
    answer: keyDate,
    run: (context, { keyDateId }, body) => recordKeyDateMet(context, keyDateId, body),
    send: toKeyDate,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'DELETE', `${P}/key-dates/:keyDateId`, {
    tags,
    summary: 'Delete a date set by others (admins)',
    ids: ['keyDateId'],
    refusable: true,
    run: (context, { keyDateId }) => removeKeyDate(context, keyDateId),
  });
}
