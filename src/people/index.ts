// The people capability's entry: the only file other folders import.
export { peopleApi } from './api.js';
export { Email, Password } from './inputs.js';
export { newPasswordProblems, normaliseEmail, typedText } from './people-rules.js';
export { readPasswordForm } from './password-form.js';
export { acceptInvitation, addPerson, findInvitation } from './people-service.js';
export { peopleRoutes } from './routes.js';
