// The performance/timeliness capability's entry: the only file other folders import.
export { timelinessRoutes } from './routes.js';
export { checkCaseFile, saveCaseSet, summariseCases } from './timeliness-service.js';
