import { describe, expect, it } from 'vitest';
import { FormErrors } from '../platform/web/forms.js';
import { slugify, uniqueSlug, validatePartnership } from './partnership-rules.js';

describe('partnership rules', () => {
  it('makes readable slugs', () => {
    expect(slugify('North Yorkshire SEND Partnership')).toBe('north-yorkshire-send-partnership');
    expect(slugify('Brighton & Hove')).toBe('brighton-and-hove');
    expect(slugify('  Ynys Môn!! ')).toBe('ynys-mon');
    expect(slugify('<script>')).toBe('script');
    expect(slugify('!!!')).toBe('partnership');
  });
  it('picks the first free slug', () => {
    expect(uniqueSlug('essex', [])).toBe('essex');
    expect(uniqueSlug('essex', ['essex', 'essex-2'])).toBe('essex-3');
  });
  it('requires a 3-digit LA code and names within limits', () => {
    const errors = new FormErrors();
    validatePartnership({ name: 'x'.repeat(121), localAuthority: '', laCode: '88' }, errors);
    expect(errors.list.map((e) => e.field)).toEqual(['name', 'localAuthority', 'laCode']);
    const ok = new FormErrors();
    validatePartnership(
      { name: 'Essex', localAuthority: 'Essex County Council', laCode: '881' },
      ok,
    );
    expect(ok.any).toBe(false);
  });
});
