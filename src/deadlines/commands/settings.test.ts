import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../platform/commands/result.js';
import { changeSettings, parseReviewMonths } from './settings.js';

// Refused input never reaches the database.
const context = {} as CommandContext;
const valid = {
  wsoaWorkingDays: 70,
  revisitMonths: 18,
  monitoringInspectionMonths: 18,
  years1: 5,
  years2: 3,
  years3: 3,
  appReviewMonths: '6, 12',
  priorityActionPlanWorkingDays: null,
  closures: '',
  countClosures: 'yes',
  source_wsoa_due: '',
  source_revisit_expected: '',
  source_monitoring_inspection_expected: '',
  source_next_full_inspection_expected: '',
  source_app_review: '',
  source_priority_action_plan_due: '',
  version: 0,
};

describe('the settings command', () => {
  it('reads review months as 1 to 12 whole numbers from 1', () => {
    expect(parseReviewMonths('6, 12')).toEqual([6, 12]);
    expect(parseReviewMonths(' 3 6,,9 ')).toEqual([3, 6, 9]);
    expect(parseReviewMonths('')).toBeUndefined();
    expect(parseReviewMonths('0, 6')).toBeUndefined();
    expect(parseReviewMonths('6, 1000')).toBeUndefined();
    expect(parseReviewMonths('six')).toBeUndefined();
    expect(parseReviewMonths(Array(13).fill('1').join(','))).toBeUndefined();
  });

  it('reports every problem once, in the form’s order', async () => {
    const result = await changeSettings(context, {
      ...valid,
      wsoaWorkingDays: 'seventy',
      years2: 21,
      appReviewMonths: 'soon',
      priorityActionPlanWorkingDays: 0,
      closures: '2026-02-30',
      source_app_review: 'x'.repeat(1001),
    });
    expect(result).toEqual({
      kind: 'invalid',
      problems: [
        {
          field: 'wsoaWorkingDays',
          text: 'Working days for the written statement must be a whole number from 1 to 500',
        },
        {
          field: 'years2',
          text: 'Years to the next full inspection after outcome 2 must be a whole number from 1 to 20',
        },
        {
          field: 'appReviewMonths',
          text: 'Review months must be whole numbers separated by commas, like 6, 12',
        },
        {
          field: 'priorityActionPlanWorkingDays',
          text: 'Working days for the priority action plan must be a whole number from 1 to 500',
        },
        {
          field: 'closures',
          text: '“2026-02-30” is not a real date. Write one date per line, like 29/12/2026',
        },
        { field: 'source_app_review', text: 'Source note must be 1000 characters or fewer' },
      ],
    });
  });

  it('refuses more than 200 closure days', async () => {
    const days = Array.from({ length: 201 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const result = await changeSettings(context, { ...valid, closures: days.join('\n') });
    expect(result).toEqual({
      kind: 'invalid',
      problems: [{ field: 'closures', text: 'Enter 200 closure days or fewer' }],
    });
  });
});
