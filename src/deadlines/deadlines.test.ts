import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, type WorkingCalendar } from '../platform/calendar/index.js';
import {
  addMonths,
  computeDeadlines,
  DEFAULT_DEADLINE_RULES,
  formatLongDate,
  type Deadline,
  type DeadlineRuleSettings,
  type InspectionFacts,
  type PlanFacts,
} from './index.js';

const calendar = createWorkingCalendar();

function inspection(facts: Partial<InspectionFacts> & { id: string }): InspectionFacts {
  return {
    framework: '2016',
    kind: 'initial',
    publishedOn: null,
    outcome: null,
    wsoaRequired: null,
    ...facts,
  };
}

function plan(facts: Partial<PlanFacts> & { id: string; kind: PlanFacts['kind'] }): PlanFacts {
  return {
    inspectionId: null,
    title: 'Plan',
    submittedOn: null,
    judgedFitForPurposeOn: null,
    startedOn: null,
    ...facts,
  };
}

function run(
  inspections: InspectionFacts[],
  plans: PlanFacts[] = [],
  options: {
    today?: string;
    rules?: Partial<DeadlineRuleSettings>;
    calendar?: WorkingCalendar;
    dueSoonDays?: number;
  } = {},
): Deadline[] {
  return computeDeadlines({
    inspections,
    plans,
    rules: { ...DEFAULT_DEADLINE_RULES, ...options.rules },
    calendar: options.calendar ?? calendar,
    today: options.today ?? '2000-01-01',
    ...(options.dueSoonDays !== undefined ? { dueSoonDays: options.dueSoonDays } : {}),
  });
}

function byRule(deadlines: Deadline[], rule: Deadline['rule']): Deadline[] {
  return deadlines.filter((d) => d.rule === rule);
}

function one(deadlines: Deadline[], rule: Deadline['rule']): Deadline {
  const found = byRule(deadlines, rule);
  expect(found).toHaveLength(1);
  return found[0]!;
}

// 2016 initial inspection whose letter asks for a WSoA.
const AUTUMN_2019 = inspection({ id: 'i1', publishedOn: '2019-09-02', wsoaRequired: true });

describe('written statement of action due', () => {
  it('counts 70 working days with no bank holiday in the way', () => {
    // Published Monday 2 September 2019. Day 1 is Tuesday 3 September; each week from a Tuesday to
    // the next Monday holds 5 working days, and there is no bank holiday between 26 August and
    // Christmas, so day 70 ends the 14th such week: Monday 9 December 2019.
    const deadline = one(run([AUTUMN_2019], [], { today: '2019-09-02' }), 'wsoa_due');
    expect(deadline).toEqual({
      key: 'wsoa-due:i1',
      rule: 'wsoa_due',
      label: 'Written statement of action due',
      date: '2019-12-09',
      approximate: false,
      explanation:
        '70 working days after the letter was published on 2 September 2019 (England and Wales bank holidays excluded).',
      source: DEFAULT_DEADLINE_RULES.sources.wsoa_due,
      inspectionId: 'i1',
      status: 'upcoming',
    });
  });

  it('skips Christmas, New Year and Easter bank holidays', () => {
    // Published Friday 22 December 2017. Weekdays from Monday 25 December 2017 to Friday
    // 30 March 2018 are 14 weeks = 70. Of these, 4 are bank holidays: 25 and 26 December, 1 January
    // and Good Friday 30 March, leaving 66. Easter Monday 2 April is also a bank holiday, so days
    // 67-70 are Tuesday 3 to Friday 6 April 2018.
    const published = inspection({ id: 'i1', publishedOn: '2017-12-22', wsoaRequired: true });
    expect(one(run([published]), 'wsoa_due').date).toBe('2018-04-06');
  });

  it("counts the partnership's closure days only when the calendar does", () => {
    // Same letter; the council also closes Wednesday 27 to Friday 29 December 2017. Counted, those
    // 3 days push day 70 three working days past Friday 6 April: Wednesday 11 April 2018.
    const published = inspection({ id: 'i1', publishedOn: '2017-12-22', wsoaRequired: true });
    const closures = ['2017-12-27', '2017-12-28', '2017-12-29'];

    const counted = one(
      run([published], [], { calendar: createWorkingCalendar({ closures }) }),
      'wsoa_due',
    );
    expect(counted.date).toBe('2018-04-11');
    expect(counted.explanation).toBe(
      '70 working days after the letter was published on 22 December 2017 (England and Wales bank holidays excluded; your closure days also excluded).',
    );

    const ignored = one(
      run([published], [], {
        calendar: createWorkingCalendar({ closures, countClosures: false }),
      }),
      'wsoa_due',
    );
    expect(ignored.date).toBe('2018-04-06');
    expect(ignored.explanation).not.toContain('closure');
  });

  it('uses the configured number of working days', () => {
    // 5 working days after Monday 2 September 2019: Tuesday to Friday, then Monday 9 September.
    const deadline = one(run([AUTUMN_2019], [], { rules: { wsoaWorkingDays: 5 } }), 'wsoa_due');
    expect(deadline.date).toBe('2019-09-09');
    expect(deadline.explanation).toMatch(/^5 working days after/);
  });

  it('applies only to published 2016 initial inspections that require a WSoA', () => {
    const none = run([
      inspection({ id: 'a', publishedOn: '2019-09-02', wsoaRequired: false }),
      inspection({ id: 'b', publishedOn: '2019-09-02', wsoaRequired: null }),
      inspection({ id: 'c', publishedOn: null, wsoaRequired: true }),
      inspection({ id: 'd', kind: 'revisit', publishedOn: '2019-09-02', wsoaRequired: true }),
      inspection({
        id: 'e',
        framework: '2023',
        kind: 'full',
        publishedOn: '2019-09-02',
        wsoaRequired: true,
      }),
    ]);
    expect(byRule(none, 'wsoa_due')).toEqual([]);
  });

  it('is met on time when the WSoA was submitted by the deadline', () => {
    const wsoa = plan({ id: 'p1', kind: 'wsoa', inspectionId: 'i1', submittedOn: '2019-12-09' });
    const deadline = one(run([AUTUMN_2019], [wsoa], { today: '2020-06-01' }), 'wsoa_due');
    expect(deadline).toMatchObject({ status: 'met', metOn: '2019-12-09', planId: 'p1' });
    expect(deadline.explanation).toMatch(/ Submitted on 9 December 2019, on time\.$/);
  });

  it('is still met when late, and says by how many working days', () => {
    // Due Monday 9 December 2019; submitted Monday 16 December: 10, 11, 12, 13 and 16 December
    // are 5 working days late. The revised version submitted later does not change that.
    const plans = [
      plan({ id: 'v2', kind: 'wsoa', inspectionId: 'i1', submittedOn: '2020-02-03' }),
      plan({ id: 'v1', kind: 'wsoa', inspectionId: 'i1', submittedOn: '2019-12-16' }),
      plan({ id: 'other', kind: 'wsoa', inspectionId: 'i9', submittedOn: '2019-10-01' }),
    ];
    const deadline = one(run([AUTUMN_2019], plans, { today: '2020-06-01' }), 'wsoa_due');
    expect(deadline).toMatchObject({ status: 'met', metOn: '2019-12-16', planId: 'v1' });
    expect(deadline.explanation).toMatch(/ Submitted 5 working days late, on 16 December 2019\.$/);
  });

  it('counts lateness in working days across a weekend and Easter', () => {
    // Due Friday 6 April 2018 (see the Christmas and Easter example above).
    const published = inspection({ id: 'i1', publishedOn: '2017-12-22', wsoaRequired: true });
    const submitted = (on: string) =>
      one(
        run([published], [plan({ id: 'p', kind: 'wsoa', inspectionId: 'i1', submittedOn: on })]),
        'wsoa_due',
      ).explanation;
    expect(submitted('2018-04-07')).toMatch(
      / Submitted late on 7 April 2018, a non-working day after the deadline\.$/,
    );
    expect(submitted('2018-04-09')).toMatch(/ Submitted 1 working day late, on 9 April 2018\.$/);
  });

  it('is overdue, due soon or upcoming by date when not submitted', () => {
    // Due 9 December 2019; 11 November is 28 calendar days before, 10 November 29.
    const status = (today: string, dueSoonDays?: number) =>
      one(run([AUTUMN_2019], [], { today, ...(dueSoonDays ? { dueSoonDays } : {}) }), 'wsoa_due')
        .status;
    expect(status('2019-12-10')).toBe('overdue');
    expect(status('2019-12-09')).toBe('due_soon');
    expect(status('2019-11-11')).toBe('due_soon');
    expect(status('2019-11-10')).toBe('upcoming');
    expect(status('2019-12-01', 7)).toBe('upcoming');
    expect(status('2019-12-02', 7)).toBe('due_soon');
  });
});

describe('revisit expected', () => {
  const judged = plan({
    id: 'v2',
    kind: 'wsoa',
    inspectionId: 'i1',
    submittedOn: '2018-03-01',
    judgedFitForPurposeOn: '2018-08-31',
  });
  const sentBack = plan({ id: 'v1', kind: 'wsoa', inspectionId: 'i1', submittedOn: '2018-01-10' });

  it('is about 18 months after the WSoA was judged fit for purpose, clamped to month end', () => {
    // 31 August 2018 + 18 months = February 2020, which has 29 days.
    const deadline = one(
      run([AUTUMN_2019], [sentBack, judged], { today: '2020-03-02' }),
      'revisit_expected',
    );
    expect(deadline).toEqual({
      key: 'revisit-expected:i1',
      rule: 'revisit_expected',
      label: 'Revisit expected',
      date: '2020-02-29',
      approximate: true,
      explanation:
        'Usually within 18 months of the written statement of action being judged fit for purpose on 31 August 2018.',
      source: DEFAULT_DEADLINE_RULES.sources.revisit_expected,
      inspectionId: 'i1',
      planId: 'v2',
      status: 'overdue',
    });
  });

  it('is met by a 2016 revisit published after the judgement', () => {
    const inspections = [
      AUTUMN_2019,
      inspection({ id: 'early', kind: 'revisit', publishedOn: '2018-08-30' }),
      inspection({ id: 'r', kind: 'revisit', publishedOn: '2019-11-20' }),
      inspection({ id: 'later', kind: 'revisit', publishedOn: '2021-01-05' }),
    ];
    const deadline = one(run(inspections, [judged]), 'revisit_expected');
    expect(deadline).toMatchObject({ status: 'met', metOn: '2019-11-20' });
    expect(deadline.explanation).toMatch(/ Revisit letter published on 20 November 2019\.$/);
  });

  it('is not met by an unpublished revisit or a 2023 monitoring inspection', () => {
    const inspections = [
      AUTUMN_2019,
      inspection({ id: 'r', kind: 'revisit', publishedOn: null }),
      inspection({ id: 'm', framework: '2023', kind: 'monitoring', publishedOn: '2019-11-20' }),
    ];
    const deadline = one(run(inspections, [judged], { today: '2019-12-01' }), 'revisit_expected');
    expect(deadline.status).toBe('upcoming');
    expect(deadline.metOn).toBeUndefined();
  });

  it('is absent until a WSoA is judged fit for purpose', () => {
    expect(byRule(run([AUTUMN_2019], [sentBack]), 'revisit_expected')).toEqual([]);
  });
});

describe('2023 framework', () => {
  // Published Wednesday 4 September 2024 with outcome 3.
  const outcome3 = inspection({
    id: 'f1',
    framework: '2023',
    kind: 'full',
    publishedOn: '2024-09-04',
    outcome: 3,
  });

  it('expects a monitoring inspection about 18 months after an outcome 3 report', () => {
    const deadline = one(
      run([outcome3], [], { today: '2024-09-04' }),
      'monitoring_inspection_expected',
    );
    expect(deadline).toEqual({
      key: 'monitoring-inspection-expected:f1',
      rule: 'monitoring_inspection_expected',
      label: 'Monitoring inspection expected',
      date: '2026-03-04',
      approximate: true,
      explanation:
        'About 18 months after the report (outcome 3: widespread and/or systemic failings) was published on 4 September 2024.',
      source: DEFAULT_DEADLINE_RULES.sources.monitoring_inspection_expected,
      inspectionId: 'f1',
      status: 'upcoming',
    });
  });

  it('marks the monitoring inspection met once one is published after the report', () => {
    const monitoring = inspection({
      id: 'm1',
      framework: '2023',
      kind: 'monitoring',
      publishedOn: '2026-02-10',
    });
    const deadline = one(run([outcome3, monitoring]), 'monitoring_inspection_expected');
    expect(deadline).toMatchObject({ status: 'met', metOn: '2026-02-10' });
  });

  it('needs a setting for the priority action plan deadline by default', () => {
    const deadline = one(run([outcome3], [], { today: '2030-01-01' }), 'priority_action_plan_due');
    expect(deadline).toEqual({
      key: 'priority-action-plan-due:f1',
      rule: 'priority_action_plan_due',
      label: 'Priority action plan due',
      date: null,
      approximate: false,
      explanation:
        'The report was published on 4 September 2024. The deadline for a priority action plan is not confirmed in our sources: an admin must set how many working days after publication it is due.',
      source: DEFAULT_DEADLINE_RULES.sources.priority_action_plan_due,
      inspectionId: 'f1',
      status: 'needs_setting',
    });
  });

  it('computes the priority action plan deadline once the admin sets it', () => {
    // 30 working days after Wednesday 4 September 2024: six 5-day weeks from Thursday 5 September,
    // no bank holidays between 26 August and Christmas, so Wednesday 16 October 2024. 20 September
    // is 26 calendar days before it.
    const rules = { priorityActionPlanWorkingDays: 30 };
    const deadline = one(
      run([outcome3], [], { rules, today: '2024-09-20' }),
      'priority_action_plan_due',
    );
    expect(deadline).toMatchObject({ date: '2024-10-16', status: 'due_soon' });
    expect(deadline.explanation).toBe(
      '30 working days after the report was published on 4 September 2024 (England and Wales bank holidays excluded).',
    );

    const pap = plan({
      id: 'pap',
      kind: 'priority_action_plan',
      inspectionId: 'f1',
      submittedOn: '2024-10-15',
    });
    const met = one(
      run([outcome3], [pap], { rules, today: '2025-01-01' }),
      'priority_action_plan_due',
    );
    expect(met).toMatchObject({ status: 'met', metOn: '2024-10-15', planId: 'pap' });
    expect(met.explanation).toMatch(/ Submitted on 15 October 2024, on time\.$/);
  });

  it('is met when submitted even if the deadline setting is missing', () => {
    const pap = plan({
      id: 'pap',
      kind: 'priority_action_plan',
      inspectionId: 'f1',
      submittedOn: '2024-10-15',
    });
    const deadline = one(run([outcome3], [pap]), 'priority_action_plan_due');
    expect(deadline).toMatchObject({ date: null, status: 'met', metOn: '2024-10-15' });
    expect(deadline.explanation).toMatch(/ Submitted on 15 October 2024\.$/);
  });

  it.each([
    [1, '2024-02-29', '2029-02-28', 'About 5 years after the report (outcome 1: positive'],
    [2, '2024-09-04', '2027-09-04', 'About 3 years after the report (outcome 2: inconsistent'],
    [3, '2024-09-04', '2027-09-04', 'About 3 years after the report (outcome 3: widespread'],
  ] as const)(
    'expects the next full inspection after outcome %i',
    (outcome, published, date, words) => {
      const full = inspection({
        id: 'f',
        framework: '2023',
        kind: 'full',
        publishedOn: published,
        outcome,
      });
      const deadline = one(run([full]), 'next_full_inspection_expected');
      expect(deadline).toMatchObject({
        key: 'next-full-inspection-expected:f',
        label: 'Next full inspection expected',
        date,
        approximate: true,
        status: 'upcoming',
      });
      expect(deadline.explanation.startsWith(words)).toBe(true);
    },
  );

  it('adds no monitoring or priority action plan deadline for outcomes 1 and 2', () => {
    const deadlines = run([
      inspection({
        id: 'a',
        framework: '2023',
        kind: 'full',
        publishedOn: '2024-09-04',
        outcome: 1,
      }),
      inspection({
        id: 'b',
        framework: '2023',
        kind: 'full',
        publishedOn: '2024-09-04',
        outcome: 2,
      }),
    ]);
    expect(deadlines.map((d) => d.rule)).toEqual([
      'next_full_inspection_expected',
      'next_full_inspection_expected',
    ]);
  });

  it('ignores outcomes recorded on monitoring inspections and unpublished reports', () => {
    const deadlines = run([
      inspection({
        id: 'm',
        framework: '2023',
        kind: 'monitoring',
        publishedOn: '2024-09-04',
        outcome: 3,
      }),
      inspection({ id: 'f', framework: '2023', kind: 'full', publishedOn: null, outcome: 3 }),
    ]);
    expect(deadlines).toEqual([]);
  });

  it('marks the next full inspection met once a later full report is published', () => {
    const next = inspection({
      id: 'f2',
      framework: '2023',
      kind: 'full',
      publishedOn: '2027-06-01',
      outcome: 2,
    });
    const deadlines = run([outcome3, next]);
    const first = deadlines.find((d) => d.key === 'next-full-inspection-expected:f1');
    expect(first).toMatchObject({ status: 'met', metOn: '2027-06-01' });
    const second = deadlines.find((d) => d.key === 'next-full-inspection-expected:f2');
    expect(second).toMatchObject({ date: '2030-06-01', status: 'upcoming' });
  });
});

describe('accelerated progress plan reviews', () => {
  const app = (startedOn: string | null, inspectionId: string | null = 'r1') =>
    plan({ id: 'app', kind: 'app', inspectionId, title: 'APP for 2 weaknesses', startedOn });

  it('clamps month arithmetic to the end of a shorter month', () => {
    // 31 August 2021 + 6 months: February 2022 has 28 days. + 12 months: 31 August 2022.
    const deadlines = run([], [app('2021-08-31')], { today: '2022-03-01' });
    expect(deadlines).toEqual([
      {
        key: 'app-review:app:6',
        rule: 'app_review',
        label: 'Accelerated progress plan review at 6 months',
        date: '2022-02-28',
        approximate: true,
        explanation:
          'About 6 months after the accelerated progress plan “APP for 2 weaknesses” started on 31 August 2021.',
        source: DEFAULT_DEADLINE_RULES.sources.app_review,
        inspectionId: 'r1',
        planId: 'app',
        status: 'overdue',
      },
      expect.objectContaining({ key: 'app-review:app:12', date: '2022-08-31', status: 'upcoming' }),
    ]);
  });

  it('lands on 29 February in a leap year', () => {
    const deadlines = run([], [app('2023-08-31')]);
    expect(deadlines.map((d) => d.date)).toEqual(['2024-02-29', '2024-08-31']);
  });

  it('uses the configured review months', () => {
    const deadlines = run([], [app('2022-03-31')], { rules: { appReviewMonths: [3, 6, 9] } });
    expect(deadlines.map((d) => d.date)).toEqual(['2022-06-30', '2022-09-30', '2022-12-31']);
  });

  it('needs a start date and an inspection', () => {
    expect(run([], [app(null), app('2022-03-31', null)])).toEqual([]);
  });
});

describe('sorting and sources', () => {
  it('sorts by date with undated deadlines last, then by label', () => {
    const deadlines = run(
      [
        inspection({
          id: 'f1',
          framework: '2023',
          kind: 'full',
          publishedOn: '2019-06-03',
          outcome: 3,
        }),
        AUTUMN_2019, // WSoA due 9 December 2019
      ],
      // 9 June 2019 + 6 months = 9 December 2019, the same day as the WSoA.
      [plan({ id: 'app', kind: 'app', inspectionId: 'r1', startedOn: '2019-06-09' })],
    );
    expect(deadlines.map((d) => [d.date, d.label])).toEqual([
      ['2019-12-09', 'Accelerated progress plan review at 6 months'],
      ['2019-12-09', 'Written statement of action due'],
      ['2020-06-09', 'Accelerated progress plan review at 12 months'],
      ['2020-12-03', 'Monitoring inspection expected'],
      ['2022-06-03', 'Next full inspection expected'],
      [null, 'Priority action plan due'],
    ]);
  });

  it("uses the partnership's own source notes", () => {
    const sources = { ...DEFAULT_DEADLINE_RULES.sources, wsoa_due: 'Handbook 2017, para 42' };
    const withOwn = one(run([AUTUMN_2019], [], { rules: { sources } }), 'wsoa_due');
    expect(withOwn.source).toBe('Handbook 2017, para 42');
    const without = one(run([AUTUMN_2019], [], { rules: { sources: {} } }), 'wsoa_due');
    expect(without.source).toBe('No source recorded.');
  });

  it('has the documented defaults and cannot be changed by accident', () => {
    expect(DEFAULT_DEADLINE_RULES).toMatchObject({
      wsoaWorkingDays: 70,
      revisitMonths: 18,
      monitoringInspectionMonths: 18,
      nextFullInspectionYears: { 1: 5, 2: 3, 3: 3 },
      appReviewMonths: [6, 12],
      priorityActionPlanWorkingDays: null,
    });
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULES.appReviewMonths)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULES.sources)).toBe(true);
  });

  it('rejects an invalid today', () => {
    expect(() => run([AUTUMN_2019], [], { today: '2019-02-30' })).toThrow(RangeError);
  });
});

describe('date helpers', () => {
  it.each([
    ['2018-08-31', 18, '2020-02-29'],
    ['2019-11-30', 3, '2020-02-29'],
    ['2021-01-31', 1, '2021-02-28'],
    ['2020-01-31', -1, '2019-12-31'],
    ['2020-03-31', -1, '2020-02-29'],
    ['2024-05-15', 0, '2024-05-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('formats dates as GOV.UK style does', () => {
    expect(formatLongDate('2018-05-12')).toBe('12 May 2018');
    expect(formatLongDate('2019-12-01')).toBe('1 December 2019');
    expect(() => formatLongDate('2018-5-12')).toThrow(RangeError);
    expect(() => addMonths('2018-05-12', 1.5)).toThrow(RangeError);
  });
});
