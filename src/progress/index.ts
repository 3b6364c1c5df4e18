// The progress capability's entry: the only file other folders import.
export { progressApi } from './api.js';
export {
  actionsForRound,
  actionsWithTheirRounds,
  openRoundCovering,
  openRounds,
  type ActionInRoundRow,
  type OpenRoundSummary,
} from './progress-repository.js';
export { finishRound, openRound, recordUpdate } from './progress-service.js';
export { progressRoutes } from './routes.js';
