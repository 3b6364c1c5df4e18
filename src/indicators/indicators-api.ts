import type { FastifyInstance } from 'fastify';
import { paramsSchema, tenantOf } from '../web/request.js';
import { todayInLondon } from '../web/today.js';
import {
  date,
  nullableDate,
  nullableString,
  nullableUuid,
  prepareApiScope,
  readErrors,
  secured,
  uuid,
} from '../api/api-kit.js';
import { RAGS } from '../plans/plan-rules.js';
import * as repo from './indicator-repository.js';
import { loadDashboard, type DashboardRow } from './indicator-service.js';
import type { PeriodValue } from './indicator-status.js';
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

const indicator = {
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
    greenThreshold: {
      type: ['number', 'null'],
      description:
        'Green from this value when higher is better; green up to it when lower is better',
    },
    amberThreshold: { type: ['number', 'null'] },
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
      description: 'Rated by the thresholds when it has them, otherwise against the target',
    },
    target: {
      type: ['object', 'null'],
      description: 'The target that counts today: the next one due, or the last once all passed',
      properties: { value: { type: 'number' }, date: nullableDate },
    },
    england: periodValue,
  },
} as const;

const valuesSchema = {
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

function toIndicator({ indicator: i, status }: DashboardRow) {
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

/** Read-only: the indicators on the dashboard, and every value and benchmark of one of them. */
export async function indicatorsApi(app: FastifyInstance): Promise<void> {
  prepareApiScope(app);
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
      const { indicatorId } = request.params as { indicatorId: string };
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
