import { describe, expect, it } from 'vitest';
import { dateOnlyLine, findDate, findDateRange, isoDate } from './dates.js';

describe('findDateRange', () => {
  it.each([
    ['25 to 29 September 2023', '2023-09-25', '2023-09-29'],
    ['4 December 2023 to 8 December 2023', '2023-12-04', '2023-12-08'],
    ['27 November to 1 December 2023', '2023-11-27', '2023-12-01'],
    ['Between 4 December 2017 and 8 December 2017, Ofsted', '2017-12-04', '2017-12-08'],
    ['between 19 and 21 May 2021', '2021-05-19', '2021-05-21'],
    ['from 4 - 8 December 2017.', '2017-12-04', '2017-12-08'],
    ['11–15 March 2024', '2024-03-11', '2024-03-15'],
    ['30 December 2024 to 3 January 2025', '2024-12-30', '2025-01-03'],
    ['28 December to 2 January 2025', '2024-12-28', '2025-01-02'],
    ['1st to 5th Sept 2024', '2024-09-01', '2024-09-05'],
    ['12 to 16\nFebruary 2024', '2024-02-12', '2024-02-16'],
    ['5 March 2024', '2024-03-05', '2024-03-05'],
  ])('%j', (text, start, end) => {
    expect(findDateRange(text)).toMatchObject({ start, end });
  });

  it('ignores impossible dates and backwards ranges', () => {
    expect(findDateRange('31 February 2024')).toBeNull();
    expect(findDateRange('9 to 5 May 2024')).toMatchObject({ start: '2024-05-05' });
    expect(findDateRange('no dates here')).toBeNull();
  });
});

describe('single dates', () => {
  it('finds written and numeric dates', () => {
    expect(findDate('published on 8 February 2018.')?.date).toBe('2018-02-08');
    expect(findDate('on 31/01/2018')?.date).toBe('2018-01-31');
    expect(isoDate(29, 2, 2023)).toBeNull();
    expect(isoDate(29, 2, 2024)).toBe('2024-02-29');
  });

  it('recognises a line holding only a date', () => {
    expect(dateOnlyLine('31 January 2018')).toBe('2018-01-31');
    expect(dateOnlyLine('  Date: 3 July 2019 ')).toBe('2019-07-03');
    expect(dateOnlyLine('Published on 31 January 2018')).toBeNull();
    expect(dateOnlyLine('8 MARCH 2018')).toBe('2018-03-08');
  });
});
