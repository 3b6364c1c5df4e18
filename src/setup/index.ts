// The setup capability's entry: the only file other folders import.
export { setupGate } from './gate.js';
export { setupRoutes } from './routes.js';
export { AlreadySetUpError, setUpSendboard } from './setup-service.js';
