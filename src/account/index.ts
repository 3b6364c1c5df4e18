// The account capability's entry: the only file other folders import.
export { accountRoutes } from './routes.js';
export { createToken } from './token-service.js';
