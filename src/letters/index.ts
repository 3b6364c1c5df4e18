// Reading Ofsted/CQC outcome letters and area SEND inspection reports into proposals.
export { LetterInputError, MAX_TEXT_BYTES, type LetterInputErrorCode } from './errors.js';
export { decodeTextFile, extractPdfText, parseLetterFile } from './extract-pdf.js';
export {
  OUTCOMES_2023,
  parseLetter,
  type Finding,
  type FindingType,
  type Framework,
  type LetterKind,
  type LetterProposal,
  type ProgressJudgement,
  type Question,
} from './parse-letter.js';
export { letterImportRoutes } from './import-routes.js';
