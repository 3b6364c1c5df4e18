// The performance/census capability's entry: the only file other folders import.
export {
  count,
  describeMeasure,
  type Level,
  LEVELS,
  NEED_CHOICES,
  percent,
  queryString,
  RATE_QUERY,
  readRateQuery,
  type ReadRateQuery,
} from './census-query.js';
export {
  checkCensusUpload,
  confirmCensus,
  loadCensusRates,
  readCensusFile,
  stageCensus,
} from './census-service.js';
export {
  isNeedCode,
  NEED_CODES,
  NEED_NAMES,
  type NeedCode,
  needLabel,
  normaliseNeedCode,
} from './census.js';
export { type IdentificationRates, type RateUnit } from './identification-rates.js';
export { censusRoutes } from './routes.js';
