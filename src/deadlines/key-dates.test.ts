import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../platform/calendar/index.js';
import { keyDateProblems, resolveKeyDate, ruleInWords } from './key-dates.js';

const calendar = createWorkingCalendar({ closures: ['2026-12-29'] });
const none = {
  dueOn: null,
  ruleCount: null,
  ruleUnit: null,
  ruleEvent: null,
  planId: null,
  inspectionId: null,
};

describe('dates set by others', () => {
  it('words a rule as people say it', () => {
    expect(ruleInWords({ count: 10, unit: 'working_days', event: 'more_detail_requested' })).toBe(
      '10 working days after more detail was requested on the plan',
    );
    expect(ruleInWords({ count: 1, unit: 'months', event: 'submitted' })).toBe(
      '1 month after the plan was submitted',
    );
  });

  it('counts working days past bank holidays and closures, and months to the month’s end', () => {
    const rule = { count: 3, unit: 'working_days' as const, event: 'submitted' as const };
    const resolved = resolveKeyDate(
      { dueOn: null, rule, metOn: null, metNote: '' },
      '2026-12-23',
      calendar,
      '2026-12-01',
    );
    // 24 Dec, then 25/26/28 (bank holidays) and 29 (closure) skipped: 24, 30, 31.
    expect(resolved.date).toBe('2026-12-31');
    expect(
      resolveKeyDate(
        {
          dueOn: null,
          rule: { count: 6, unit: 'months', event: 'submitted' },
          metOn: null,
          metNote: '',
        },
        '2026-08-31',
        calendar,
        '2026-12-01',
      ).date,
    ).toBe('2027-02-28');
  });

  it('waits for the event, then is upcoming, due soon, overdue or met', () => {
    const rule = { count: 10, unit: 'days' as const, event: 'published' as const };
    const at = (eventOn: string | null, today: string, metOn: string | null = null) =>
      resolveKeyDate({ dueOn: null, rule, metOn, metNote: 'Sent' }, eventOn, calendar, today);
    expect(at(null, '2026-12-01')).toMatchObject({ date: null, status: 'waiting' });
    expect(at('2026-12-01', '2026-10-01').status).toBe('upcoming');
    expect(at('2026-12-01', '2026-12-05').status).toBe('due_soon');
    expect(at('2026-12-01', '2026-12-12').status).toBe('overdue');
    const met = at('2026-12-01', '2026-12-12', '2026-12-10');
    expect(met.status).toBe('met');
    expect(met.explanation).toBe(
      '10 days after the inspection letter or report was published (1 December 2026). Met on 10 December 2026. Sent',
    );
  });

  it('asks for a date or a whole rule, and what the rule counts from', () => {
    expect(keyDateProblems(none)).toEqual([
      { field: 'dueOn', text: 'Enter the date, or the rule that sets it' },
    ]);
    expect(keyDateProblems({ ...none, dueOn: '2027-01-01', ruleCount: 3 })).toEqual([
      { field: 'dueOn', text: 'Enter a date or a rule, not both' },
    ]);
    expect(keyDateProblems({ ...none, ruleCount: 3 }).map((p) => p.field)).toEqual([
      'ruleUnit',
      'ruleEvent',
    ]);
    expect(
      keyDateProblems({ ...none, ruleCount: 3, ruleUnit: 'days', ruleEvent: 'published' }),
    ).toEqual([
      {
        field: 'inspectionId',
        text: 'Select the inspection whose publication the rule counts from',
      },
    ]);
    expect(keyDateProblems({ ...none, dueOn: '2027-01-01' })).toEqual([]);
  });
});
