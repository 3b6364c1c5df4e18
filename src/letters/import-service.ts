/** Reading a letter the admin uploaded or pasted into a proposal to check. No HTTP, no database. */
import { LetterInputError, MAX_TEXT_BYTES } from './errors.js';
import { decodeTextFile, parseLetterFile } from './extract-pdf.js';
import { parseLetter, type LetterProposal } from './parse-letter.js';

/** The largest file accepted: the same 10 MB as the text a letter may hold. */
export const MAX_UPLOAD_BYTES = MAX_TEXT_BYTES;

/** A file as the upload form delivers it; `truncated` when it was larger than the limit. */
export type Upload = { filename: string; bytes: Buffer; truncated: boolean };

/** Something the admin must fix on the import page, with the field it belongs to. */
export class ImportInputError extends Error {
  constructor(
    readonly field: 'letter' | 'letterText',
    message: string,
  ) {
    super(message);
  }
}

export function isUpload(value: unknown): value is Upload {
  const v = value as Partial<Upload> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.filename === 'string' &&
    Buffer.isBuffer(v.bytes) &&
    typeof v.truncated === 'boolean'
  );
}

export async function readUploadedLetter(upload: Upload | undefined): Promise<LetterProposal> {
  const fail = (message: string) => new ImportInputError('letter', message);
  if (!upload || upload.filename.trim() === '') throw fail('Select the letter or report to upload');
  if (upload.truncated) throw fail('The selected file must be smaller than 10 MB');
  if (upload.bytes.length === 0) throw fail('The selected file is empty');
  let proposal: LetterProposal;
  try {
    proposal = await parseLetterFile(upload.bytes, upload.filename);
  } catch (error) {
    if (error instanceof LetterInputError) throw fail(error.message);
    throw error;
  }
  return recognised(proposal, 'letter', 'file');
}

export function readPastedLetter(text: string): LetterProposal {
  const fail = (message: string) => new ImportInputError('letterText', message);
  if (text.trim() === '') throw fail('Paste the text of the letter or report');
  let proposal: LetterProposal;
  try {
    // The same checks as a .txt upload: not empty, at most 10 MB of text.
    proposal = parseLetter(decodeTextFile(Buffer.from(text, 'utf8')));
  } catch (error) {
    if (error instanceof LetterInputError) throw fail(error.message);
    throw error;
  }
  return recognised(proposal, 'letterText', 'text');
}

/**
 * Nothing to check means the text was no inspection letter or report: refused in words that say
 * why, rather than shown as an inspection with no findings. A fragment naming the findings, the
 * judgements of a revisit, or the dates of an inspection is enough to check.
 */
function recognised(
  proposal: LetterProposal,
  field: ImportInputError['field'],
  what: 'file' | 'text',
): LetterProposal {
  const nothing =
    proposal.findings.length === 0 &&
    proposal.progress.length === 0 &&
    proposal.onSiteStart === null &&
    proposal.onSiteEnd === null;
  if (proposal.framework === null || nothing)
    throw new ImportInputError(
      field,
      `This ${what} does not look like an area SEND inspection letter or report: no inspection dates or findings were found. Check you chose the right ${what === 'file' ? 'file' : 'text'}, or record the inspection yourself.`,
    );
  return proposal;
}
