import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { todayInLondon } from '../../platform/web/today.js';
import {
  conflict,
  date,
  error,
  nullableDate,
  nullableString,
  nullableUuid,
  prepareApiScope,
  readErrors,
  secured,
  sendResult,
  uuid,
  writeErrors,
} from '../../platform/web/api-kit.js';
import { RAGS } from '../../plans/index.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import * as repo from './indicator-repository.js';
import { changeIndicator, createIndicator } from './commands/indicators.js';
import { loadDashboard, loadIndicator } from './indicator-service.js';
import type { IndicatorStatus, PeriodValue } from './indicator-status.js';
import { IndicatorChange, IndicatorInput, THRESHOLD_PROPERTIES } from './inputs.js';
import { FREQUENCIES } from './periods.js';
import { POLARITIES, UNITS } from './rag.js';
import { BENCHMARK_KINDS } from './trend-chart.js';

const periodValue = {
  type: ['object', 'null'],
  properties: {
    period: {
      type: 'string',
      description: 'Canonical period key, like "2024", "2024-25" or "2024-03"',
    },
    label: { type: 'string', description: 'The period in words, like "2024 to 2025"' },
    value: { type: 'number' },
  },
  required: ['period', 'label', 'value'],
} as const;

/** Not typed beyond JSON: the handlers' own types are the check (a nullable object is not read). */
const indicator: Record<string, unknown> = {
  type: 'object',
  properties: {
    id: uuid,
    code: { type: 'string', description: 'Imports name the indicator by its code' },
    name: { type: 'string' },
    definition: { type: 'string' },
    unit: { type: 'string', enum: UNITS },
    polarity: { type: 'string', enum: POLARITIES },
    frequency: { type: 'string', enum: FREQUENCIES },
    source: { type: 'string' },
    ownerUserId: nullableUuid,
    ownerName: nullableString,
    ...THRESHOLD_PROPERTIES,
    version: { type: 'integer', description: 'Send it back to change the indicator' },
    latest: periodValue,
    previous: periodValue,
    direction: {
      type: 'string',
      enum: ['improving', 'worsening', 'no change', 'not comparable'],
      description: 'From the previous value to the latest, by the polarity',
    },
    rag: { type: ['string', 'null'], enum: [...RAGS, null] },
    ragBasis: {
      type: ['string', 'null'],
      enum: ['thresholds', 'target', null],
      description:
        'Rated by the thresholds (or, where neither higher nor lower is better, the bands) when it has them, otherwise against the target',
    },
    target: {
      type: ['object', 'null'],
      description: 'The target that counts today: the next one due, or the last once all passed',
      properties: { value: { type: 'number' }, date: nullableDate },
    },
    england: periodValue,
  },
} as const;

const valuesSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    indicatorId: uuid,
    code: { type: 'string' },
    values: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'string' },
          periodStart: date,
          periodEnd: date,
          geography: {
            type: ['object', 'null'],
            description: 'Null for the whole partnership; else the locality, district or school',
            properties: {
              kind: { type: 'string', enum: ['locality', 'district', 'school'] },
              code: { type: 'string', description: 'A school’s code is its URN' },
              name: { type: 'string' },
            },
          },
          value: { type: ['number', 'null'] },
          numerator: { type: ['number', 'null'] },
          denominator: { type: ['number', 'null'] },
        },
      },
    },
    benchmarks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          series: { type: 'string', enum: BENCHMARK_KINDS },
          period: { type: 'string' },
          periodStart: date,
          periodEnd: date,
          value: { type: 'number' },
        },
      },
    },
  },
} as const;

const toPeriodValue = (v: PeriodValue | null) =>
  v ? { period: v.period.key, label: v.period.label, value: v.value } : null;

function toIndicator({
  indicator: i,
  status,
}: {
  indicator: repo.IndicatorRow;
  status: IndicatorStatus;
}) {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    definition: i.definition,
    unit: i.unit,
    polarity: i.polarity,
    frequency: i.frequency,
    source: i.source,
    ownerUserId: i.owner_user_id,
    ownerName: i.owner_name,
    greenThreshold: i.green_threshold,
    amberThreshold: i.amber_threshold,
    greenUpTo: i.green_upper,
    amberUpTo: i.amber_upper,
    version: i.version,
    latest: toPeriodValue(status.latest),
    previous: toPeriodValue(status.previous),
    direction: status.direction,
    rag: status.rag,
    ragBasis: status.basis,
    target: status.target ? { value: status.target.value, date: status.target.date ?? null } : null,
    england: toPeriodValue(status.england),
  };
}

const P = '/partnerships/:partnership/indicators';
const ADMIN = { roles: ['admin'] as const };

/**
 * The indicators on the dashboard, one indicator with where it stands, and every value and
 * benchmark of one; admins add and change indicators (values come in through imports).
 */
export async function indicatorsApi(fastify: FastifyInstance): Promise<void> {
  prepareApiScope(fastify);
  const app = typed(fastify);
  const tags = ['performance'];

  app.get(
    P,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'The active indicators in catalogue order, each with its latest value, change, RAG rating, current target and England’s latest figure',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: indicator }, ...readErrors },
      },
    },
    async (request) =>
      (await loadDashboard(app.db, tenantOf(request), todayInLondon())).map(toIndicator),
  );

  const one = async (tenant: Tenant, id: string) => {
    const loaded = await loadIndicator(app.db, tenant, id, todayInLondon());
    return loaded ? toIndicator(loaded) : undefined;
  };

  app.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add an indicator (admins), at the end of the catalogue. Thresholds follow the polarity, as on the form: greenThreshold (and amberThreshold) when higher or lower is better; greenThreshold to greenUpTo (and amberThreshold to amberUpTo, around it) where neither is. A code already in use gets 409.',
        params: paramsSchema(),
        body: IndicatorInput,
        response: { 201: indicator, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const result = await createIndicator(commandContext(request), request.body);
      if (result.kind !== 'ok') return sendResult(reply, result, () => null);
      return reply.code(201).send(await one(tenantOf(request), result.value.id));
    },
  );

  app.get(
    `${P}/:indicatorId`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'One indicator, archived or not, with its latest value, change, RAG rating, current target and England’s latest figure',
        params: paramsSchema('indicatorId'),
        response: { 200: indicator, ...readErrors },
      },
    },
    async (request, reply) =>
      (await one(tenantOf(request), request.params.indicatorId)) ?? reply.callNotFound(),
  );

  app.put(
    `${P}/:indicatorId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an indicator (admins). Replaces every field: a threshold left out is removed, while links left out stay. Send the version you read; a stale one gets 409, and so does a code already in use.',
        params: paramsSchema('indicatorId'),
        body: IndicatorChange,
        response: { 200: indicator, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const result = await changeIndicator(commandContext(request), indicatorId, request.body);
      if (result.kind !== 'ok')
        return sendResult(reply, result, () => null, {
          sent: request.body.version,
          currentVersion: (current) => current.version,
        });
      return one(tenantOf(request), indicatorId);
    },
  );

  app.get(
    `${P}/:indicatorId/values`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'Every value of one indicator (the whole partnership and each locality, district and school) and its benchmark series',
        params: paramsSchema('indicatorId'),
        response: { 200: valuesSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { indicatorId } = request.params;
      const [found, values, benchmarks] = await Promise.all([
        repo.findIndicator(app.db, tenant, indicatorId),
        repo.listValues(app.db, tenant, indicatorId),
        repo.listBenchmarks(app.db, tenant, indicatorId),
      ]);
      if (!found) return reply.callNotFound();
      return {
        indicatorId: found.id,
        code: found.code,
        values: values.map((v) => ({
          period: v.period_key,
          periodStart: v.period_start,
          periodEnd: v.period_end,
          geography:
            v.geography_kind === null
              ? null
              : { kind: v.geography_kind, code: v.geography_code, name: v.geography_name },
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
        })),
        benchmarks: benchmarks.map((b) => ({
          series: b.series,
          period: b.period_key,
          periodStart: b.period_start,
          periodEnd: b.period_end,
          value: b.value,
        })),
      };
    },
  );
}
