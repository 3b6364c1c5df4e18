// What the indicator pages share: who may change indicators, the words for units, polarities,
// frequencies and ratings, the rating rule in words, and the performance pages' base address.
import type { FastifyRequest } from 'fastify';
import { paramsSchema, tenantOf } from '../../../platform/web/request.js';
import { RAG_BASIS_TEXT, RAG_FILTER_LABELS } from '../indicator-status.js';
import { FREQUENCY_LABELS } from '../periods.js';
import { POLARITY_LABELS, TARGET_RAG_RULE, UNIT_LABELS } from '../rag.js';
import { BENCHMARK_LABELS } from '../trend-chart.js';

export const ADMIN = { roles: ['admin'] as const };

export const labels = {
  units: UNIT_LABELS,
  polarities: POLARITY_LABELS,
  frequencies: FREQUENCY_LABELS,
  rags: RAG_FILTER_LABELS,
  /** What a rating was judged by, shown on its own line after the tag. */
  basis: RAG_BASIS_TEXT,
  benchmarks: BENCHMARK_LABELS,
};

export const RAG_RULE =
  'An indicator with RAG thresholds is rated by them: when higher is better, green from the green threshold and amber from the amber one; when lower is better, green up to the green threshold and amber up to the amber one; red otherwise. ' +
  'Where neither higher nor lower is better (such as the share of pupils with SEN support, where being far from England either way is a concern), the thresholds are bands: green from the lowest to the highest green value, both included; amber inside the wider amber band, if it has one; red outside. Such an indicator without a band is not rated. ' +
  TARGET_RAG_RULE;

/** The performance pages' base address: `/p/<partnership>/performance`. */
export const perf = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/performance`;

export const indicatorParams = { schema: { params: paramsSchema('indicatorId') } };
