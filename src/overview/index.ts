// The overview capability's entry: the only file other folders import.
export { partnershipOverview } from './overview-repository.js';
export { overviewRoutes } from './routes.js';
