// The performance/funnel capability's entry: the only file other folders import.
export { funnelRoutes } from './routes.js';
