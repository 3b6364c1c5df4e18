// The organisations capability's entry: the only file other folders import.
export { organisationsApi } from './api.js';
export { addOrganisationMember } from './organisation-repository.js';
export { ORGANISATION_KIND_LABELS } from './organisation-rules.js';
export { createOrganisation } from './organisation-service.js';
export { organisationRoutes } from './routes.js';
