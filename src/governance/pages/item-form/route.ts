import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import { dateParts, type FormErrors } from '../../../platform/web/forms.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { formatDate } from '../../../platform/web/views.js';
import type { CommandContext, Result } from '../../../platform/commands/result.js';
import { agendaItems, decisions, followUps } from '../../commands/meeting-items.js';
import {
  findMeeting,
  listBoardMembers,
  listPlanChoices,
  type MeetingRow,
} from '../../governance-repository.js';
import {
  AgendaItemChange,
  AgendaItemInput,
  DecisionChange,
  DecisionInput,
  FollowUpChange,
  FollowUpInput,
} from '../../inputs.js';
import { findAgendaItem, findDecision, findFollowUp } from '../../meeting-repository.js';
import { ADMIN, meetingPath } from '../common.js';
import type { Queryable } from '../../../platform/db/db.js';
import type { Tenant } from '../../../platform/tenancy/tenancy.js';

type Row = { version: number };
type Commands = {
  add: (c: CommandContext, meetingId: string, raw: unknown) => Promise<Result<unknown>>;
  change: (
    c: CommandContext,
    meetingId: string,
    id: string,
    raw: unknown,
  ) => Promise<Result<unknown, { current: Row; asked: unknown }>>;
  remove: (c: CommandContext, meetingId: string, id: string) => Promise<Result<true>>;
};

/** One kind of thing a meeting records, as its form pages need it. */
type Kind = {
  path: string;
  noun: string;
  addTitle: string;
  input: TObject;
  change: TObject;
  commands: Commands;
  find: (q: Queryable, t: Tenant, meetingId: string, id: string) => Promise<Row | undefined>;
  /** A saved row as the form's values. */
  values: (row: Row) => Record<string, unknown>;
  dateLabels?: Record<string, string>;
};

const str = (row: Row, name: string): string => {
  const value: unknown = Reflect.get(row, name);
  return typeof value === 'string' ? value : '';
};

const KINDS: Kind[] = [
  {
    path: 'agenda',
    noun: 'agenda item',
    addTitle: 'Add an agenda item',
    input: AgendaItemInput,
    change: AgendaItemChange,
    commands: agendaItems,
    find: findAgendaItem,
    values: (r) => ({
      title: str(r, 'title'),
      presenter: str(r, 'presenter'),
      planId: str(r, 'plan_id'),
    }),
  },
  {
    path: 'decisions',
    noun: 'decision',
    addTitle: 'Record a decision',
    input: DecisionInput,
    change: DecisionChange,
    commands: decisions,
    find: findDecision,
    values: (r) => ({ text: str(r, 'text') }),
  },
  {
    path: 'follow-ups',
    noun: 'follow-up action',
    addTitle: 'Add a follow-up action',
    input: FollowUpInput,
    change: FollowUpChange,
    commands: followUps,
    find: findFollowUp,
    values: (r) => ({
      text: str(r, 'text'),
      ownerMemberId: str(r, 'owner_member_id'),
      dueOn: dateParts(str(r, 'due_on') || null),
      doneOn: dateParts(str(r, 'done_on') || null),
    }),
    dateLabels: { dueOn: 'the due date', doneOn: 'the date it was done' },
  },
];

async function renderForm(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: Kind,
  meeting: MeetingRow,
  values: Record<string, unknown>,
  itemId?: string,
  errors?: FormErrors,
) {
  const tenant = tenantOf(request);
  const [plans, members] = await Promise.all([
    kind.path === 'agenda' ? listPlanChoices(app.db, tenant) : [],
    kind.path === 'follow-ups' ? listBoardMembers(app.db, tenant, meeting.board_id) : [],
  ]);
  return reply.page(
    'governance/pages/item-form/item-form.njk',
    {
      title: itemId ? `Change a ${kind.noun}` : kind.addTitle,
      caption: `${meeting.board_name}, ${formatDate(meeting.meets_on)}`,
      kind: kind.path,
      noun: kind.noun,
      values,
      itemId,
      plans,
      members,
      backLink: `${meetingPath(request, meeting.id)}#${kind.path}`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}

/** Conflict rows: each field the form carries, saved and asked, as text. */
const conflictRows = (kind: Kind, current: Row, asked: Record<string, unknown>) =>
  Object.keys(kind.values(current)).map((name): [string, string, string] => {
    const saved = kind.values(current)[name];
    const show = (v: unknown) =>
      v && typeof v === 'object' ? Object.values(v).filter(Boolean).join('/') : String(v ?? '');
    return [name, show(saved), show(asked[name])];
  });

function kindPages(app: App, kind: Kind): void {
  const base = `/p/:partnership/meetings/:meetingId/${kind.path}`;
  const meetingOf = (request: FastifyRequest, meetingId: string) =>
    findMeeting(app.db, tenantOf(request), meetingId);
  const read = (body: Record<string, unknown> | undefined, schema: TObject) =>
    readForm(schema, body, kind.dateLabels ? { dateLabels: kind.dateLabels } : {});

  app.get(
    `${base}/new`,
    { config: ADMIN, schema: { params: paramsSchema('meetingId') } },
    async (request, reply) => {
      const meeting = await meetingOf(request, request.params.meetingId);
      if (!meeting) return reply.callNotFound();
      return renderForm(app, request, reply, kind, meeting, {});
    },
  );

  app.post(
    `${base}/new`,
    { config: ADMIN, schema: { params: paramsSchema('meetingId'), body: FORM } },
    async (request, reply) => {
      const meeting = await meetingOf(request, request.params.meetingId);
      if (!meeting) return reply.callNotFound();
      const form = read(request.body, kind.input);
      const result = await submitForm(form, kind.input, () =>
        kind.commands.add(commandContext(request), meeting.id, form.input),
      );
      if (result.kind === 'ok')
        return reply
          .flash(`The ${kind.noun} has been added.`)
          .redirect(`${meetingPath(request, meeting.id)}#${kind.path}`, 303);
      if (result.kind === 'invalid')
        return renderForm(
          app,
          request,
          reply,
          kind,
          meeting,
          form.values,
          undefined,
          formErrors(form, result.problems, { order: kind.input }),
        );
      return sendPageResult(reply, result);
    },
  );

  app.get(
    `${base}/:itemId/edit`,
    { config: ADMIN, schema: { params: paramsSchema('meetingId', 'itemId') } },
    async (request, reply) => {
      const { meetingId, itemId } = request.params;
      const meeting = await meetingOf(request, meetingId);
      const row = meeting && (await kind.find(app.db, tenantOf(request), meetingId, itemId));
      if (!meeting || !row) return reply.callNotFound();
      return renderForm(
        app,
        request,
        reply,
        kind,
        meeting,
        { ...kind.values(row), version: row.version },
        itemId,
      );
    },
  );

  app.post(
    `${base}/:itemId/edit`,
    { config: ADMIN, schema: { params: paramsSchema('meetingId', 'itemId'), body: FORM } },
    async (request, reply) => {
      const { meetingId, itemId } = request.params;
      const meeting = await meetingOf(request, meetingId);
      if (!meeting) return reply.callNotFound();
      const form = read(request.body, kind.change);
      const back = meetingPath(request, meetingId);
      const result = await submitForm(form, kind.change, () =>
        kind.commands.change(commandContext(request), meetingId, itemId, form.input),
      );
      if (result.kind === 'invalid')
        return renderForm(
          app,
          request,
          reply,
          kind,
          meeting,
          form.values,
          itemId,
          formErrors(form, result.problems, { order: kind.change }),
        );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(`The ${kind.noun} has been saved.`)
            .redirect(`${back}#${kind.path}`, 303);
        case 'conflict':
          return renderConflict(reply, {
            what: kind.noun,
            rows: conflictRows(kind, result.current.current, form.values),
            retryAction: `${back}/${kind.path}/${itemId}/edit`,
            retryFields: {
              ...retryFieldsOf(form.values),
              version: String(result.current.current.version),
            },
            backLink: back,
          });
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  app.post(
    `${base}/:itemId/remove`,
    { config: ADMIN, schema: { params: paramsSchema('meetingId', 'itemId') } },
    async (request, reply) => {
      const { meetingId, itemId } = request.params;
      const result = await kind.commands.remove(commandContext(request), meetingId, itemId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash(`The ${kind.noun} has been removed.`)
        .redirect(`${meetingPath(request, meetingId)}#${kind.path}`, 303);
    },
  );
}

/** Adding, changing and removing a meeting's agenda items, decisions and follow-up actions. */
export function itemFormPages(app: App): void {
  for (const kind of KINDS) kindPages(app, kind);
}
