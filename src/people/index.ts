// The people capability's entry: the only file other folders import.
export { peopleApi } from './api.js';
export { validateNewAccount, validateNewPassword } from './people-rules.js';
export { acceptInvitation, addPerson, findInvitation } from './people-service.js';
export { peopleRoutes } from './routes.js';
