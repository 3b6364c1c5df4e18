// How a header is compared with the names a column is known by.

/** A header as compared: lower case, letters and digits only (no spaces, _ or punctuation, no BOM). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
