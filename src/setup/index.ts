// The setup capability's entry: the only file other folders import.
export { setupGate, setupRoutes } from './routes.js';
export { AlreadySetUpError, setUpSendboard } from './setup-service.js';
