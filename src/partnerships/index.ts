// The partnerships capability's entry: the only file other folders import.
export { PartnershipInput } from './inputs.js';
export { findPartnershipBySlug, insertMembership } from './partnership-repository.js';
export { validatePartnership } from './partnership-rules.js';
export { createPartnership } from './partnership-service.js';
export { partnershipRoutes } from './routes.js';
