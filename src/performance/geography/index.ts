// The performance/geography capability's entry: the only file other folders import.
export { codeFromName } from './codes.js';
export { listGeographyUnits, unitsWithValues } from './geography-repository.js';
export {
  geographyChanges,
  type GeographyChanges,
  GeographyCollector,
  type GeographyPayload,
  type GeographyUnit,
  type UnitKind,
} from './geography.js';
export { geographyRoutes } from './routes.js';
