// Importing indicator values, benchmarks and the partnership's geography from CSV or XLSX. One
// service for the pages and the CLI: check the whole file (row-level errors, nothing saved), say
// what saving would add and replace, then save everything in one transaction with an audit entry.
// The service is in parts; this file gathers what the pages, the CLI and the entry file use.
export * from './import-types.js';
export { checkImport } from './import-check.js';
export * from './import-save.js';
export * from './import-history.js';
