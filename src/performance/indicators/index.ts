// The performance/indicators capability's entry: the only file other folders import.
export { listIndicators, listValues } from './indicator-repository.js';
export { addStarterSet, addTarget, createIndicator, editIndicator } from './indicator-service.js';
export { columnsOfRow } from './indicator-status.js';
export { indicatorsApi } from './indicators-api.js';
export {
  type Frequency,
  FREQUENCY_LABELS,
  parsePeriod,
  type Period,
  PERIOD_KIND_FOR_FREQUENCY,
  periodContaining,
  periodInSentence,
  periodMatchesFrequency,
  toPeriod,
} from './periods.js';
export { formatValue, POLARITY_LABELS, type Unit, UNIT_LABELS } from './rag.js';
export { indicatorRoutes } from './routes.js';
export { STARTER_INDICATORS, starterIndicator } from './starter-set.js';
export { escapeXml, renderTrendChart } from './trend-chart.js';
export { indicatorsForReport, type ReportIndicator } from './report-indicators.js';
