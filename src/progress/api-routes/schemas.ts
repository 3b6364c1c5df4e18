/** What the progress API sends, and how rows become it. */
import type { UpdateRow } from '../../plans/index.js';
import { ACTION_STATUSES, RAGS } from '../../plans/index.js';
import type { RoundActionRow, RoundRow } from '../progress-repository.js';
import {
  date,
  dateTime,
  iso,
  nullableDate,
  nullableDateTime,
  nullableString,
  nullableUuid,
  uuid,
} from '../../platform/web/api-kit.js';

export const update = {
  type: 'object',
  properties: {
    id: uuid,
    createdAt: dateTime,
    roundTitle: { ...nullableString, description: 'The update round it counted towards' },
    status: { type: 'string', enum: ACTION_STATUSES },
    rag: { type: 'string', enum: RAGS },
    narrative: { type: 'string' },
    measureText: nullableString,
    measureId: nullableUuid,
    measureValue: { type: ['number', 'null'] },
    authorName: nullableString,
    version: { type: 'integer', description: 'Send it back to correct the update (PATCH)' },
    roundOpen: {
      type: 'boolean',
      description: 'Whether its round is still open, so the update may be corrected',
    },
    correctedAt: { ...nullableDateTime, description: 'When it was last corrected' },
    correctedByName: nullableString,
  },
} as const;

const roundProperties = {
  id: uuid,
  title: { type: 'string' },
  openedOn: date,
  dueOn: date,
  closedAt: nullableDateTime,
  open: { type: 'boolean' },
  version: {
    type: 'integer',
    description: 'Send it back to change the due date (PATCH); a stale one gets 409',
  },
  allPlans: {
    type: 'boolean',
    description: 'Whether it covers every live plan; else only the plans listed in plans',
  },
  plans: {
    type: 'array',
    description: 'The plans chosen when it opened (empty when it covers every live plan)',
    items: { type: 'object', properties: { id: uuid, title: { type: 'string' } } },
  },
  updated: { type: 'integer', description: 'Actions with an update in this round' },
  expected: {
    type: 'integer',
    description:
      'Actions of the live plans it covers expected to update (not complete when it opened)',
  },
} as const;
export const round = { type: 'object', properties: roundProperties } as const;

export const roundDetail = {
  type: 'object',
  properties: {
    ...roundProperties,
    byPlan: {
      type: 'array',
      description: 'For each plan with actions expected to update, how many have',
      items: {
        type: 'object',
        properties: {
          planId: uuid,
          planTitle: { type: 'string' },
          updated: { type: 'integer' },
          expected: { type: 'integer' },
        },
      },
    },
    actions: {
      type: 'array',
      description: 'Actions expected to update in the round, and whether each has',
      items: {
        type: 'object',
        properties: {
          id: uuid,
          planId: uuid,
          planTitle: { type: 'string' },
          number: { type: 'string' },
          title: { type: 'string' },
          leadUserId: nullableUuid,
          leadName: nullableString,
          dueDate: nullableDate,
          status: { type: 'string', enum: ACTION_STATUSES },
          rag: { type: ['string', 'null'], enum: [...RAGS, null] },
          updatedInRound: { type: 'boolean' },
        },
      },
    },
  },
} as const;

export const toUpdate = (u: UpdateRow) => ({
  id: u.id,
  createdAt: iso(u.created_at)!,
  roundTitle: u.round_title,
  status: u.status,
  rag: u.rag,
  narrative: u.narrative,
  measureId: u.measure_id,
  measureText: u.measure_text,
  measureValue: u.measure_value === null ? null : Number(u.measure_value),
  authorName: u.author_name,
  version: u.version,
  roundOpen: u.round_open,
  correctedAt: iso(u.corrected_at),
  correctedByName: u.corrected_by_name,
});

export const toRound = (r: RoundRow) => ({
  id: r.id,
  title: r.title,
  openedOn: r.opened_on,
  dueOn: r.due_on,
  closedAt: iso(r.closed_at),
  open: r.closed_at === null,
  version: r.version,
  allPlans: r.all_plans,
  plans: r.plans.map((p) => ({ id: p.id, title: p.title })),
  updated: r.updated,
  expected: r.expected,
});

export const toRoundAction = (a: RoundActionRow) => ({
  id: a.id,
  planId: a.plan_id,
  planTitle: a.plan_title,
  number: a.number,
  title: a.title,
  leadUserId: a.lead_user_id,
  leadName: a.lead_name,
  dueDate: a.due_date,
  status: a.status,
  rag: a.rag,
  updatedInRound: a.updated_in_round,
});

export const P = '/partnerships/:partnership';
