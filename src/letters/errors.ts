/** Why an uploaded letter could not be read. */
export type LetterInputErrorCode =
  | 'not_pdf'
  | 'invalid_pdf'
  | 'encrypted'
  | 'no_text_layer'
  | 'empty'
  | 'too_large'
  | 'unsupported_type';

/**
 * A problem with the file a user gave us, not a bug: the message is written for the user and is
 * safe to show on the page as it is.
 */
export class LetterInputError extends Error {
  override readonly name = 'LetterInputError';
  readonly code: LetterInputErrorCode;

  constructor(code: LetterInputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Letters are a few dozen pages; anything larger is not a letter and would stall the parser. */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;
