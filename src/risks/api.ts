/**
 * The risk register on the API: risks, their reviews and mitigations, through the same schemas
 * and commands as the pages. Each risk carries its ratings named on the partnership's matrix.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  nullableDate,
  nullableString,
  nullableUuid,
  readErrors,
  secured,
  uuid,
  writeRoute,
} from '../platform/web/api-kit.js';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { changeRisk, createRisk, removeRisk, reviewRisk } from './commands/risks.js';
import { addMitigation, removeMitigation } from './commands/risks.js';
import { RiskChange, RiskInput, RiskReviewInput, MitigationInput } from './inputs.js';
import {
  findRisk,
  listMitigations,
  listReviews,
  listRisks,
  loadMatrix,
  type MitigationRow,
  type RiskRow,
} from './risk-repository.js';
import { rate, RISK_STATUSES, type RiskMatrix } from './risk-rules.js';

const P = '/partnerships/:partnership';
const tags = ['risks'];

const rating = {
  type: 'object',
  properties: {
    likelihood: { type: 'integer', description: 'Level from 1, the least likely' },
    impact: { type: 'integer', description: 'Level from 1, the least severe' },
    score: { type: 'integer', description: 'likelihood × impact' },
    label: { type: 'string', description: 'The score, or on a letter matrix its name, like D3' },
    outsideTolerance: { type: 'boolean' },
  },
} as const;

const risk = {
  type: 'object',
  properties: {
    id: uuid,
    title: { type: 'string' },
    description: { type: 'string' },
    cause: { type: 'string' },
    consequence: { type: 'string' },
    ownerUserId: nullableUuid,
    planId: nullableUuid,
    priorityId: nullableUuid,
    findingId: nullableUuid,
    actionId: nullableUuid,
    inherent: rating,
    current: rating,
    target: { anyOf: [rating, { type: 'null' }] },
    reviewDue: nullableDate,
    status: { type: 'string', enum: RISK_STATUSES },
    closedOn: nullableDate,
    escalatedToBoardId: {
      ...nullableUuid,
      description: 'The partnership’s board it is escalated to (GET /boards)',
    },
    escalatedToBoardName: nullableString,
    escalatedTo: {
      type: 'string',
      description:
        'Another body it is escalated to, named; or an escalation recorded before boards were',
    },
    escalationReason: { type: 'string' },
    escalatedOn: nullableDate,
    version: { type: 'integer' },
  },
} as const;

const mitigation = {
  type: 'object',
  properties: { id: uuid, text: { type: 'string' }, actionId: nullableUuid },
} as const;

const review = {
  type: 'object',
  properties: {
    id: uuid,
    reviewedOn: { type: 'string', format: 'date' },
    rating,
    note: { type: 'string' },
  },
} as const;

const toRisk = (matrix: RiskMatrix) => (r: RiskRow) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  cause: r.cause,
  consequence: r.consequence,
  ownerUserId: r.owner_user_id,
  planId: r.plan_id,
  priorityId: r.priority_id,
  findingId: r.finding_id,
  actionId: r.action_id,
  inherent: rate(matrix, r.inherent_likelihood, r.inherent_impact),
  current: rate(matrix, r.current_likelihood, r.current_impact),
  target:
    r.target_likelihood !== null && r.target_impact !== null
      ? rate(matrix, r.target_likelihood, r.target_impact)
      : null,
  reviewDue: r.review_due,
  status: r.status,
  closedOn: r.closed_on,
  escalatedToBoardId: r.escalated_to_board_id,
  escalatedToBoardName: r.escalated_to_board_name,
  escalatedTo: r.escalated_to,
  escalationReason: r.escalation_reason,
  escalatedOn: r.escalated_on,
  version: r.version,
});

const toMitigation = (m: MitigationRow) => ({ id: m.id, text: m.text, actionId: m.action_id });

/** One risk with its mitigations and reviews, as GET answers it. */
async function fullRisk(q: Queryable, tenant: Tenant, row: RiskRow) {
  const [matrix, mitigations, reviews] = await Promise.all([
    loadMatrix(q, tenant),
    listMitigations(q, tenant, row.id),
    listReviews(q, tenant, row.id),
  ]);
  return {
    ...toRisk(matrix)(row),
    mitigations: mitigations.map(toMitigation),
    reviews: reviews.map((v) => ({
      id: v.id,
      reviewedOn: v.reviewed_on,
      rating: rate(matrix, v.likelihood, v.impact),
      note: v.note,
    })),
  };
}

const fullRiskSchema = {
  type: 'object',
  properties: {
    ...risk.properties,
    mitigations: { type: 'array', items: mitigation },
    reviews: { type: 'array', items: review },
  },
} as const;

export async function risksApi(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const one = `${P}/risks/:riskId`;

  api.get(
    `${P}/risks`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'The risk register: open risks first, the highest current score first',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: risk }, ...readErrors },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const [matrix, rows] = await Promise.all([
        loadMatrix(app.db, tenant),
        listRisks(app.db, tenant),
      ]);
      return rows.map(toRisk(matrix));
    },
  );

  api.get(
    one,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One risk, with its mitigations and its reviews (the latest first)',
        params: paramsSchema('riskId'),
        response: { 200: fullRiskSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const row = await findRisk(app.db, tenant, request.params.riskId);
      if (!row) return reply.callNotFound();
      return fullRisk(app.db, tenant, row);
    },
  );

  /** A risk as the API answers it, with its ratings named on the partnership's matrix. */
  const sendRisk = async (row: RiskRow, request: FastifyRequest) =>
    toRisk(await loadMatrix(app.db, tenantOf(request)))(row);

  writeRoute(app, 'POST', `${P}/risks`, {
    tags,
    summary:
      'Record a risk (admins). Ratings are levels from 1 on the partnership’s matrix; the owner a current member.',
    ids: [],
    body: RiskInput,
    answer: risk,
    status: 201,
    run: (context, _ids, body) => createRisk(context, body),
    send: sendRisk,
  });

  writeRoute(app, 'PUT', one, {
    tags,
    summary:
      'Change a risk (admins). Replaces every field; send the version you read, a stale one gets 409.',
    ids: ['riskId'],
    body: RiskChange,
    answer: risk,
    run: (context, { riskId }, body) => changeRisk(context, riskId, body),
    send: sendRisk,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'DELETE', one, {
    tags,
    summary: 'Delete a risk with its mitigations and reviews (admins)',
    ids: ['riskId'],
    refusable: true,
    run: (context, { riskId }) => removeRisk(context, riskId),
  });

  writeRoute(app, 'POST', `${one}/reviews`, {
    tags,
    summary:
      'Record a review (admins): its date, the rating now and a note. The risk’s current rating and next review date follow it; send the risk’s version.',
    ids: ['riskId'],
    body: RiskReviewInput,
    answer: risk,
    status: 201,
    run: (context, { riskId }, body) => reviewRisk(context, riskId, body),
    send: sendRisk,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'POST', `${one}/mitigations`, {
    tags,
    summary: 'Add a mitigation to a risk (admins), linked to one of the plans’ actions if given',
    ids: ['riskId'],
    body: MitigationInput,
    answer: mitigation,
    status: 201,
    run: (context, { riskId }, body) => addMitigation(context, riskId, body),
    send: toMitigation,
  });

  writeRoute(app, 'DELETE', `${one}/mitigations/:mitigationId`, {
    tags,
    summary: 'Remove a mitigation from a risk (admins)',
    ids: ['riskId', 'mitigationId'],
    run: (context, { riskId, mitigationId }) => removeMitigation(context, riskId, mitigationId),
  });
}
