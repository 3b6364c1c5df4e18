import { describe, expect, it } from 'vitest';
import { FormErrors } from '../../../../platform/web/forms.js';
import { readTargetForm } from './target-form.js';

const date = (day: string, month: string, year: string) => ({
  'targetDate-day': day,
  'targetDate-month': month,
  'targetDate-year': year,
});

describe('the target form', () => {
  it('asks for the target and its date, pointing at the day input', () => {
    const errors = new FormErrors();
    expect(readTargetForm({}, errors, 'percent').input).toBeUndefined();
    expect(errors.list).toEqual([
      { field: 'targetValue', text: 'Enter the target' },
      { field: 'targetDate-day', text: 'Enter the target date' },
    ]);
  });

  it('shows every problem at once, in the form’s order, the date’s own first part at fault', () => {
    const errors = new FormErrors();
    readTargetForm(
      { targetValue: '-3', ...date('1', '', '2026'), targetNote: 'x'.repeat(501) },
      errors,
      'weeks',
    );
    expect(errors.list).toEqual([
      { field: 'targetValue', text: 'Target must be 0 or more' },
      { field: 'targetDate-month', text: 'Target date must include a month' },
      { field: 'targetNote', text: 'Note must be 500 characters or fewer' },
    ]);
  });

  it('reads a target as people type it, for the service to save', () => {
    const read = readTargetForm(
      { targetValue: ' 1,234.5 ', ...date('31', '3', '2027'), targetNote: ' Board ' },
      new FormErrors(),
      'number',
    );
    expect(read.input).toEqual({ value: 1234.5, dueOn: '2027-03-31', note: 'Board' });
    expect(read.values).toMatchObject({
      targetValue: '1,234.5',
      targetDate: { day: '31', month: '3', year: '2027' },
    });
  });
});
