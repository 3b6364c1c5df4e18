// The sign-in capability's entry: the only file other folders import.
export { signInRoutes } from './routes.js';
export { startSession } from './session.js';
