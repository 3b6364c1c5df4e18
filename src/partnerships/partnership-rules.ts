import { parseInput } from '../platform/commands/input.js';
import type { FormErrors } from '../platform/web/forms.js';
import { PartnershipInput } from './inputs.js';

/**
 * A partnership's details checked against PartnershipInput, its problems added to `errors`: for
 * the command line, which reports them as FormErrors.
 */
export function validatePartnership(input: PartnershipInput, errors: FormErrors): void {
  const parsed = parseInput(PartnershipInput, input);
  if (!parsed.ok) for (const p of parsed.problems) errors.add(p.field, p.text);
}

/** A readable URL name: "North Yorkshire SEND Partnership" -> "north-yorkshire-send-partnership". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'partnership';
}

/** The first free slug among base, base-2, base-3… */
export function uniqueSlug(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
