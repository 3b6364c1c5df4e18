import { type FormErrors, requireText } from '../platform/web/forms.js';

export type PartnershipInput = { name: string; localAuthority: string; laCode: string };

/** Validates the partnership part of set-up and of a platform owner's "create partnership". */
export function validatePartnership(input: PartnershipInput, errors: FormErrors): void {
  requireText(errors, 'name', input.name, { label: 'the partnership’s name', max: 120 });
  requireText(errors, 'localAuthority', input.localAuthority, {
    label: 'the local authority',
    max: 120,
  });
  if (input.laCode === '') errors.add('laCode', 'Enter the DfE local authority code');
  else if (!/^\d{3}$/.test(input.laCode))
    errors.add('laCode', 'DfE local authority code must be 3 digits, like 881');
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
