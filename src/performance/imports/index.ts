// The performance/imports capability's entry: the only file other folders import.
export { importerNames } from './importers.js';
export { deleteValueSets, insertValues, lockImports } from './import-repository.js';
export { resolveValue } from './import-rules.js';
export { checkImport, type ImportCheckResult, saveImport } from './import-service.js';
export { type DataImportKind, KIND_LABELS } from './import-specs.js';
export {
  deletePendingImport,
  findPendingImport,
  type PendingImport,
  recordDataImport,
  savePendingImport,
} from './pending-repository.js';
export { performanceImportRoutes } from './routes.js';
