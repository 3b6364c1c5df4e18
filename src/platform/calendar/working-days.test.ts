import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  bankHolidaysBetween,
  createWorkingCalendar,
  englandAndWalesBankHolidays,
  isBankHoliday,
  isWorkingDay,
  workingDaysBetween,
  englandAndWalesCalendar,
} from './index.js';

const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2012, 0, 1) / DAY_MS;
const LAST = Date.UTC(2035, 11, 31) / DAY_MS;

function iso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const dateArb = fc.integer({ min: FIRST, max: LAST }).map(iso);

// A council's usual Christmas closure: the working days between Boxing Day and New Year.
const CHRISTMAS_CLOSURE_2025 = ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02'];

// Day-by-day stepping with Date objects, written independently of the per-year index.
function referenceAddWorkingDays(date: string, n: number, closures: readonly string[] = []) {
  const skip = new Set(closures);
  let day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    const d = iso(day);
    const weekend = [0, 6].includes(new Date(day * DAY_MS).getUTCDay());
    const holiday = englandAndWalesBankHolidays(Number(d.slice(0, 4))).includes(d);
    if (!weekend && !holiday && !skip.has(d)) left--;
  }
  return iso(day);
}

describe('isWorkingDay and isBankHoliday', () => {
  it.each([
    ['2025-06-11', true, false], // Wednesday
    ['2025-06-14', false, false], // Saturday
    ['2025-06-15', false, false], // Sunday
    ['2025-12-25', false, true], // Christmas Day, Thursday
    ['2026-12-28', false, true], // Boxing Day substitute, Monday
    ['2023-05-08', false, true], // coronation
    ['2028-01-03', false, true], // New Year substitute computed by rule
    ['2024-02-29', true, false], // leap day, Thursday
  ])('%s: working %s, bank holiday %s', (date, working, bankHoliday) => {
    expect(isWorkingDay(date)).toBe(working);
    expect(isBankHoliday(date)).toBe(bankHoliday);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-06-13', 1, '2025-06-16'], // Friday -> Monday
    ['2025-06-14', 1, '2025-06-16'], // Saturday -> Monday
    ['2025-06-14', 0, '2025-06-14'], // zero returns the date itself even at a weekend
    ['2025-06-16', -1, '2025-06-13'], // Monday -> Friday
    ['2025-06-15', -1, '2025-06-13'], // Sunday -> Friday
    ['2025-12-24', 1, '2025-12-29'], // over Christmas and Boxing Day
    ['2025-12-31', 1, '2026-01-02'], // over New Year's Day
    ['2026-01-02', -2, '2025-12-30'],
    ['2026-04-02', 1, '2026-04-07'], // over Good Friday and Easter Monday
    ['2027-12-24', 1, '2027-12-29'], // Christmas on Saturday: 27 and 28 are substitutes
    ['2027-12-31', 1, '2028-01-04'], // into a computed year: 3 January 2028 is a substitute day
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  // WSoA: the partnership has 70 working days from the inspection report's publication.
  describe('70-working-day WSoA deadline', () => {
    it('report published Friday 19 December 2025 is due Wednesday 1 April 2026', () => {
      // 22-24 Dec (3), 29-31 Dec (6), 2 Jan (7), 5 Jan-27 Mar: 12 full weeks (67),
      // 30 Mar (68), 31 Mar (69), 1 Apr (70). Good Friday (3 Apr) is not reached.
      expect(addWorkingDays('2025-12-19', 70)).toBe('2026-04-01');
      expect(workingDaysBetween('2025-12-19', '2026-04-01')).toBe(70);
      expect(workingDaysBetween('2025-12-19', '2026-03-31')).toBe(69);
    });

    it('a Christmas closure pushes it past Easter to Thursday 9 April 2026', () => {
      // 22-24 Dec (3), 5 Jan-27 Mar: 12 weeks (63), 30 Mar-2 Apr (67), skip Good Friday and
      // Easter Monday, 7-9 Apr (70).
      const calendar = createWorkingCalendar({ closures: CHRISTMAS_CLOSURE_2025 });
      expect(calendar.addWorkingDays('2025-12-19', 70)).toBe('2026-04-09');
      expect(calendar.workingDaysBetween('2025-12-19', '2026-04-09')).toBe(70);
    });

    it('ignores the closure when countClosures is false', () => {
      const calendar = createWorkingCalendar({
        closures: CHRISTMAS_CLOSURE_2025,
        countClosures: false,
      });
      expect(calendar.addWorkingDays('2025-12-19', 70)).toBe('2026-04-01');
      expect(calendar.isWorkingDay('2025-12-29')).toBe(true);
      expect(calendar.closures).toEqual([]);
    });

    it('report published Friday 24 February 2023 is due Friday 9 June 2023', () => {
      // Skips Good Friday, Easter Monday, 1 May, the 8 May coronation and 29 May:
      // 27 Feb-31 Mar (25), 3-6 Apr (29), 11-28 Apr (43), 2-5 May (47), 9-26 May (61),
      // 30 May-2 Jun (65), 5-9 Jun (70).
      expect(addWorkingDays('2023-02-24', 70)).toBe('2023-06-09');
      expect(addWorkingDays('2023-06-09', -70)).toBe('2023-02-24');
    });
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-06-13', '2025-06-13', 0],
    ['2025-06-13', '2025-06-16', 1], // Friday to Monday
    ['2025-06-14', '2025-06-15', 0], // Saturday to Sunday
    ['2025-06-15', '2025-06-14', 0], // backwards over no working days: 0, not -0
    ['2025-06-16', '2025-06-13', -1],
    ['2025-12-24', '2025-12-29', 1],
    // 2025 has 261 weekdays less 8 bank holidays; both ends are bank holidays anyway.
    ['2025-01-01', '2026-01-01', 253],
  ])('from %s to %s is %i', (start, end, expected) => {
    expect(workingDaysBetween(start, end)).toBe(expected);
  });
});

describe('bankHolidaysBetween', () => {
  it('includes both ends and crosses years', () => {
    expect(bankHolidaysBetween('2025-12-25', '2026-01-01')).toEqual([
      '2025-12-25',
      '2025-12-26',
      '2026-01-01',
    ]);
    expect(bankHolidaysBetween('2025-12-26', '2025-12-31')).toEqual(['2025-12-26']);
    expect(bankHolidaysBetween('2022-01-01', '2022-12-31')).toEqual(
      englandAndWalesBankHolidays(2022),
    );
  });

  it('is empty when end is before start', () => {
    expect(bankHolidaysBetween('2026-01-01', '2025-12-25')).toEqual([]);
  });

  it('does not list closures', () => {
    const calendar = createWorkingCalendar({ closures: CHRISTMAS_CLOSURE_2025 });
    expect(calendar.bankHolidaysBetween('2025-12-27', '2025-12-31')).toEqual([]);
    expect(calendar.isBankHoliday('2025-12-29')).toBe(false);
  });
});

describe('closures', () => {
  it('are sorted, de-duplicated and not counted twice on weekends or bank holidays', () => {
    const calendar = createWorkingCalendar({
      closures: ['2025-12-31', '2025-12-25', '2025-12-27', '2025-12-29', '2025-12-31'],
    });
    expect(calendar.closures).toEqual(['2025-12-25', '2025-12-27', '2025-12-29', '2025-12-31']);
    expect(calendar.isWorkingDay('2025-12-29')).toBe(false);
    expect(calendar.isWorkingDay('2025-12-30')).toBe(true);
    // 22-24 Dec and 30 Dec are the only working days after 19 Dec up to New Year's Eve.
    expect(calendar.workingDaysBetween('2025-12-19', '2025-12-31')).toBe(4);
    expect(workingDaysBetween('2025-12-19', '2025-12-31')).toBe(6);
  });

  it('do not leak into the plain calendar', () => {
    createWorkingCalendar({ closures: CHRISTMAS_CLOSURE_2025 }).isWorkingDay('2025-12-29');
    expect(isWorkingDay('2025-12-29')).toBe(true);
  });

  it('are validated even when not counted', () => {
    expect(() => createWorkingCalendar({ closures: ['2025-12-32'] })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ closures: ['29/12/2025'], countClosures: false })).toThrow(
      RangeError,
    );
  });
});

describe('input validation', () => {
  it.each([
    '2023-02-29',
    '2024-02-30',
    '2024-13-01',
    '2024-00-10',
    '2024-2-3',
    '20240101',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '',
    'tomorrow',
  ])('rejects %j with a RangeError naming the input', (date) => {
    expect(() => isWorkingDay(date)).toThrow(RangeError);
    expect(() => addWorkingDays(date, 1)).toThrow(`Invalid date ${JSON.stringify(date)}`);
    expect(() => workingDaysBetween('2024-01-01', date)).toThrow(RangeError);
    expect(() => bankHolidaysBetween(date, '2024-01-01')).toThrow(RangeError);
    expect(() => isBankHoliday(date)).toThrow(RangeError);
  });

  it('rejects a non-string from untyped callers', () => {
    expect(() => isWorkingDay(20240101 as unknown as string)).toThrow(RangeError);
  });

  it('rejects years outside 1583 to 9999', () => {
    expect(() => isWorkingDay('1500-01-03')).toThrow(/Unsupported date/);
    expect(() => addWorkingDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('1583-01-03', -5)).toThrow(RangeError);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %s working days', (n) => {
    expect(() => addWorkingDays('2025-06-13', n)).toThrow(RangeError);
  });
});

describe('properties (2012-2035)', () => {
  const closureArb = fc.uniqueArray(dateArb, { maxLength: 60 });
  // Closures rather than calendars are generated so counterexamples print readably.
  const calendars: [string, fc.Arbitrary<string[]>][] = [
    ['plain calendar', fc.constant([])],
    ['calendar with closures', closureArb],
  ];
  const calendar = (closures: string[]) =>
    closures.length === 0 ? englandAndWalesCalendar : createWorkingCalendar({ closures });

  describe.each(calendars)('%s', (_name, closuresArb) => {
    it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
      fc.assert(
        fc.property(closuresArb, dateArb, fc.integer({ min: 0, max: 400 }), (closures, d, n) => {
          const cal = calendar(closures);
          expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
        }),
      );
    });

    it('addWorkingDays(d, n >= 1) is a working day after d', () => {
      fc.assert(
        fc.property(closuresArb, dateArb, fc.integer({ min: 1, max: 400 }), (closures, d, n) => {
          const cal = calendar(closures);
          const result = cal.addWorkingDays(d, n);
          expect(cal.isWorkingDay(result)).toBe(true);
          expect(result > d).toBe(true);
        }),
      );
    });

    it('going back n working days returns to d, or the last working day before it', () => {
      fc.assert(
        fc.property(closuresArb, dateArb, fc.integer({ min: 0, max: 400 }), (closures, d, n) => {
          const cal = calendar(closures);
          const back = cal.addWorkingDays(cal.addWorkingDays(d, n), -n);
          expect(back <= d).toBe(true);
          if (cal.isWorkingDay(d)) expect(back).toBe(d);
          else if (n > 0) expect(back).toBe(cal.addWorkingDays(d, -1));
        }),
      );
    });

    it('workingDaysBetween is antisymmetric', () => {
      fc.assert(
        fc.property(closuresArb, dateArb, dateArb, (closures, a, b) => {
          const cal = calendar(closures);
          expect(cal.workingDaysBetween(a, b)).toBe(0 - cal.workingDaysBetween(b, a));
        }),
      );
    });
  });

  it('agrees with naive day-by-day stepping, forwards and backwards', () => {
    fc.assert(
      fc.property(closureArb, dateArb, fc.integer({ min: -400, max: 400 }), (closures, d, n) => {
        const calendar = createWorkingCalendar({ closures });
        expect(calendar.addWorkingDays(d, n)).toBe(referenceAddWorkingDays(d, n, closures));
        expect(addWorkingDays(d, n)).toBe(referenceAddWorkingDays(d, n));
      }),
    );
  });
});
