// The risk register's entry: the only file other folders import.
export { risksApi } from './api.js';
export { riskRoutes } from './routes.js';
export { createRisk, addMitigation, reviewRisk } from './commands/risks.js';
export { riskHeadlines, TOP_RISKS, type RiskHeadline } from './risk-headlines.js';
export { topRisks, overdueReviews, loadMatrix, type RiskRow } from './risk-repository.js';
export {
  MATRIX_KIND_LABELS,
  RISK_STATUS_LABELS,
  rate,
  type Rating,
  type RiskMatrix,
} from './risk-rules.js';
