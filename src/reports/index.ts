// The reports capability's entry: documents written from the partnership's data.
export { toDocx } from './docx.js';
export type { Block, DocumentModel } from './document-model.js';
export { documentFilename, planDocumentModel } from './render.js';
export { reportRoutes } from './routes.js';
export { writeBoardReport, writePlanDocument } from './cli.js';
export { generateReport, regenerateReport } from './commands/reports.js';
export { reportsApi } from './api.js';
export { SECTIONS, type Section } from './board-report-rules.js';
