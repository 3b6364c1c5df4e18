import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../../../test/helpers/import-files.js';
import { analyseEhcTimeliness } from './ehc-timeliness.js';
import { checkCaseFile } from './timeliness-service.js';
import {
  caseHeaders,
  checkCases,
  ignoredColumns,
  toEhcCase,
  type EhcCaseRecord,
} from './timeliness-specs.js';
import { renderBarChart } from './timeliness-svg.js';
import { englandFigure, shareText, timelinessView } from './timeliness-view.js';

const TODAY = '2025-06-30';
const headers = caseHeaders([
  'Case ref',
  'Date request received',
  'Final plan issued',
  'Exception applies',
  'Primary need',
]);

function record(row: number, fields: Partial<EhcCaseRecord>): EhcCaseRecord {
  return {
    rowNumber: row,
    caseRef: `C${row}`,
    requestDate: '2025-01-06',
    issueDate: null,
    exception: null,
    primaryNeed: null,
    ...fields,
  };
}

describe('checkCases', () => {
  it('keeps the five columns, reads need names and treats a blank exception as no', () => {
    const { cases, errors } = checkCases(
      [
        record(2, { issueDate: '2025-05-01', exception: true, primaryNeed: 'Autism' }),
        record(3, { primaryNeed: 'semh' }),
      ],
      { today: TODAY, headers },
    );
    expect(errors).toEqual([]);
    expect(cases).toEqual([
      {
        caseRef: 'C2',
        requestDate: '2025-01-06',
        issueDate: '2025-05-01',
        exception: true,
        primaryNeed: 'ASD',
      },
      {
        caseRef: 'C3',
        requestDate: '2025-01-06',
        issueDate: null,
        exception: false,
        primaryNeed: 'SEMH',
      },
    ]);
  });

  it('reports cross-row problems against the file’s own headers, and returns no cases', () => {
    const { cases, errors, errorCount } = checkCases(
      [
        record(2, { caseRef: 'A', issueDate: '2025-01-01' }),
        record(3, { caseRef: 'a' }),
        record(4, { requestDate: '2025-07-01' }),
        record(5, { issueDate: '2025-07-01' }),
        record(6, { primaryNeed: 'Grumpy' }),
        record(7, { caseRef: 'A12345678901B' }),
      ],
      { today: TODAY, headers },
    );
    expect(cases).toEqual([]);
    expect(errorCount).toBe(6);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Final plan issued'],
      [3, 'Case ref'],
      [4, 'Date request received'],
      [5, 'Final plan issued'],
      [6, 'Primary need'],
      [7, 'Case ref'],
    ]);
    expect(errors[0]!.message).toContain('before the request was received (06/01/2025)');
    expect(errors[1]!.message).toBe('The case reference ‘a’ is also on row 2.');
    expect(errors[2]!.message).toBe('01/07/2025 is in the future (today is 30/06/2025).');
    expect(errors[5]!.message).toContain('unique pupil number');
  });

  it('counts every error but keeps only the first few', () => {
    const records = Array.from({ length: 20 }, (_, i) =>
      record(i + 2, { requestDate: '2030-01-01' }),
    );
    const { errors, errorCount } = checkCases(records, { today: TODAY, headers, maxErrors: 5 });
    expect(errors).toHaveLength(5);
    expect(errorCount).toBe(20);
  });
});

describe('ignoredColumns', () => {
  it('lists every header that is not one of the five columns, with its letter', () => {
    expect(
      ignoredColumns(['Child name', 'Case reference', '', 'DOB', 'EHCNA request date', 'Address']),
    ).toEqual(['‘Child name’ (column A)', '‘DOB’ (column D)', '‘Address’ (column F)']);
    expect(ignoredColumns(['a', 'b', 'c'], 2)).toEqual([
      '‘a’ (column A)',
      '‘b’ (column B)',
      'and 1 more',
    ]);
  });
});

describe('checkCaseFile', () => {
  const files = tempFiles();
  afterAll(() => files.remove());

  it('reads aliases and mixed date formats, leaving other columns out', async () => {
    const file = files.write(
      'cases.csv',
      '\ufeffCase ID,Name,Date request received,Date final plan issued,Exception (Y/N)\n' +
        'X-1,Ann Example,06/01/2025,2025-05-01,Y\n' +
        'X-2,Bob Example,6 January 2025,,\n',
    );
    const check = await checkCaseFile(file, { fileName: 'cases.csv', today: TODAY });
    expect(check.errors).toEqual([]);
    expect(check.ignoredColumns).toEqual(['‘Name’ (column B)']);
    expect(check.cases).toEqual([
      {
        caseRef: 'X-1',
        requestDate: '2025-01-06',
        issueDate: '2025-05-01',
        exception: true,
        primaryNeed: null,
      },
      {
        caseRef: 'X-2',
        requestDate: '2025-01-06',
        issueDate: null,
        exception: false,
        primaryNeed: null,
      },
    ]);
    expect(JSON.stringify(check)).not.toContain('Example');
  });

  it('reports cell and cross-row problems together', async () => {
    const file = files.write(
      'bad.csv',
      'Case reference,Request date,Issue date,Exception\n' +
        'A,2025-01-06,2025-01-01,N\n' +
        'B,not a date,,N\n' +
        'A,2025-01-06,,N\n',
    );
    const check = await checkCaseFile(file, { fileName: 'bad.csv', today: TODAY });
    expect(check.cases).toEqual([]);
    expect(check.errors.map((e) => e.row)).toEqual([2, 3, 4]);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const file = files.write('wrong.csv', 'Reference,Name\nA,Ann\n');
    const check = await checkCaseFile(file, { fileName: 'wrong.csv', today: TODAY });
    expect(check.errorCount).toBeGreaterThan(0);
    expect(check.errors.map((e) => e.column)).toContain('Request date');
  });

  it('refuses a header with no rows', async () => {
    const file = files.write('empty.csv', 'Case reference,Request date,Issue date,Exception\n');
    const check = await checkCaseFile(file, { fileName: 'empty.csv', today: TODAY });
    expect(check.errors[0]!.message).toContain('no cases');
  });
});

describe('renderBarChart', () => {
  it('is an accessible image with escaped text and the figures written out', () => {
    const svg = renderBarChart(
      [
        { label: 'Up to 20 weeks', count: 3 },
        { label: '<script>', count: 1 },
      ],
      { id: 'bands', title: 'Plans & weeks', noun: 'plans' },
    );
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="bands-title bands-desc"');
    expect(svg).toContain('<title id="bands-title">Plans &amp; weeks</title>');
    expect(svg).toContain('Up to 20 weeks 3 (75.0%)');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('<script>');
    expect(
      renderBarChart([{ label: 'None', count: 0 }], { id: '1', title: 't', noun: 'plans' }),
    ).toContain('no plans to show');
  });
});

describe('timelinessView', () => {
  it('shows shares, England’s calendar-year figure for each month, and no case reference', () => {
    const analysis = analyseEhcTimeliness(
      [
        {
          caseId: 'SECRET-1',
          requestDate: '2024-01-01',
          issueDate: '2024-03-01',
          exception: false,
          primaryNeed: 'ASD',
        },
        {
          caseId: 'SECRET-2',
          requestDate: '2024-01-01',
          issueDate: '2024-09-01',
          exception: false,
          primaryNeed: null,
        },
        {
          caseId: 'SECRET-3',
          requestDate: '2025-01-01',
          issueDate: null,
          exception: false,
          primaryNeed: null,
        },
      ],
      { asOf: TODAY },
    );
    const view = timelinessView(analysis, 'Test <set>');
    expect(view.headline.excluding).toBe('50.0%');
    expect(view.headline.excludingCounts).toBe('1 of 2');
    expect(view.months[0]).toMatchObject({ month: '2024-03', england: '46.4% (2024)' });
    expect(view.months).toHaveLength(7);
    expect(view.needs.map((n) => n.need)).toEqual([
      'ASD — Autistic spectrum disorder',
      'Not recorded',
    ]);
    expect(view.open).toMatchObject({ count: '1', past20Weeks: '1' });
    expect(view.monthChart).toContain('England, calendar year');
    expect(view.monthChart).toContain('Test &lt;set&gt;');
    expect(JSON.stringify(view)).not.toContain('SECRET');
    expect(englandFigure(2020)).toBeUndefined();
    expect(shareText({ numerator: 0, denominator: 0, share: null })).toBe('No plans');
    expect(
      toEhcCase({
        caseRef: 'a',
        requestDate: '2024-01-01',
        issueDate: null,
        exception: false,
        primaryNeed: null,
      }).caseId,
    ).toBe('a');
  });
});
