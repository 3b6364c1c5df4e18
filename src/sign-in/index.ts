// The sign-in capability's entry: the only file other folders import.
export { signInRoutes, startSession } from './routes.js';
