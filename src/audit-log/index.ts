// The audit-log capability's entry: the only file other folders import.
export { auditRoutes } from './routes.js';
