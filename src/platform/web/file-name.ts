/**
 * A title as part of a download's file name: "Écoles – plan 2026" → "ecoles-plan-2026". Letters
 * and digits only, so the name survives every system and the Content-Disposition header.
 */
export function fileNameSlug(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
