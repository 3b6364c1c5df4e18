// The about capability's entry: the only file other folders import.
export { staticPageRoutes } from './routes.js';
