import { describe, expect, it } from 'vitest';
import { retryFieldsOf } from './conflict.js';

describe('the conflict page’s retry form', () => {
  it('posts text as typed and a date as its day, month and year inputs', () => {
    expect(
      retryFieldsOf({
        title: 'Revised plan due',
        note: null,
        dueOn: { day: '4', month: '12', year: '' },
        owners: ['a', 'b'],
      }),
    ).toEqual({
      title: 'Revised plan due',
      note: '',
      'dueOn-day': '4',
      'dueOn-month': '12',
      'dueOn-year': '',
    });
  });
});
