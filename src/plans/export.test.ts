import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { ActionSheetRow } from './export-repository.js';
import { exportFilename, exportRows, neutraliseFormula, toCsv } from './export.js';

const row = (over: Partial<ActionSheetRow> = {}): ActionSheetRow => ({
  id: 'a1',
  plan_id: 'p1',
  priority_id: 'pr1',
  priority_position: 2,
  priority_title: 'Co-production',
  position: 10,
  parent_action_id: null,
  parent_position: null,
  title: 'Publish you said, we did',
  description: '',
  category: 'co_production',
  lead_user_id: null,
  lead_name: 'Lee Lead',
  lead_organisation_id: null,
  lead_organisation_name: 'Northshire Council',
  partner_ids: ['o1', 'o2'],
  partner_names: ['Forum', 'ICB'],
  measures: [
    { id: 'm1', text: 'Families rating good', target: '65', targetDate: '2026-03-31' },
    { id: 'm2', text: 'Newsletter monthly', target: null, targetDate: null },
  ],
  start_date: '2025-01-01',
  due_date: '2025-12-31',
  baseline_due_date: '2025-12-31',
  status: 'on_track',
  rag: 'amber',
  last_update_at: null,
  version: 1,
  update_count: 0,
  latest_update_id: null,
  latest_update_at: null,
  latest_update_status: null,
  latest_update_rag: null,
  latest_update_narrative: null,
  latest_update_author: null,
  figure_value: null,
  figure_measure: null,
  figure_at: null,
  included_from_plan_id: null,
  included_from: null,
  inclusion_id: null,
  place_priority_id: 'pr1',
  place_priority_position: 2,
  place_priority_title: 'Co-production',
  ...over,
});

describe('plan export', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(neutraliseFormula('+44 1632 960000')).toBe("'+44 1632 960000");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('Agree 2+2 = 4')).toBe('Agree 2+2 = 4');
    expect(neutraliseFormula('')).toBe('');
  });

  it('names files from the plan title with safe characters only', () => {
    expect(exportFilename('Northshire WSoA 2018/19', 'csv', '2026-01-31')).toBe(
      'northshire-wsoa-2018-19-actions-2026-01-31.csv',
    );
    expect(exportFilename('Plan d’amélioration "SEND"; rm -rf', 'xlsx', '2026-01-31')).toBe(
      'plan-d-amelioration-send-rm-rf-actions-2026-01-31.xlsx',
    );
    expect(exportFilename('“”', 'csv', '2026-01-31')).toBe('plan-actions-2026-01-31.csv');
    expect(exportFilename('x'.repeat(300), 'csv', '2026-01-31').length).toBeLessThan(90);
  });

  it('makes one row per action with the roll-up’s rules for RAG and overdue', () => {
    const [late, done, fresh] = exportRows(
      [
        row(),
        row({ status: 'complete', rag: 'red', due_date: '2020-01-01' }),
        row({
          rag: null,
          due_date: null,
          latest_update_at: new Date('2026-03-31T23:30:00Z'),
          latest_update_narrative: 'Going well',
          figure_value: '58.50',
          figure_measure: 'Families rating good',
        }),
      ],
      '2026-02-01',
    );
    expect(late).toMatchObject({
      number: '2.10',
      priority: '2. Co-production',
      category: 'Co-production',
      partners: 'Forum, ICB',
      status: 'On track',
      rag: 'Amber',
      overdue: 'Yes',
      latestUpdateOn: null,
      latestFigure: null,
      successMeasures: 'Families rating good (target 65 by 2026-03-31)\nNewsletter monthly',
    });
    expect(done).toMatchObject({ rag: 'Green', overdue: 'No', status: 'Complete' });
    // Its first due date kept beside the current one, and the days between.
    expect(late).toMatchObject({ due: '2025-12-31', originalDue: '2025-12-31', slippageDays: 0 });
    const [slipped, undated] = exportRows(
      [
        row({ baseline_due_date: '2025-10-31', due_date: '2025-12-31' }),
        row({ baseline_due_date: null, due_date: null }),
      ],
      '2026-02-01',
    );
    expect(slipped).toMatchObject({ originalDue: '2025-10-31', slippageDays: 61 });
    expect(undated).toMatchObject({ originalDue: null, slippageDays: null });
    const [sub] = exportRows(
      [row({ parent_action_id: 'a0', parent_position: 3, position: 2 })],
      '2026-02-01',
    );
    expect(sub!.number).toBe('2.3 b');
    // 23:30 UTC on 31 March is 1 April in England (BST).
    expect(fresh).toMatchObject({
      rag: '',
      overdue: 'No',
      latestUpdateOn: '2026-04-01',
      latestUpdate: 'Going well',
      latestFigure: 58.5,
      latestFigureFor: 'Families rating good',
    });
  });

  it('writes CSV with a BOM, a header and escaped cells, and reads back the same', () => {
    const csv = toCsv(
      exportRows(
        [
          row({
            title: '=cmd|" /C calc"!A0',
            latest_update_narrative: 'Line one\nLine "two", with comma',
            figure_value: '-3',
            due_date: '2026-01-30',
          }),
        ],
        '2026-02-01',
      ),
    );
    expect(csv.startsWith('\uFEFFNumber,Priority,Action,')).toBe(true);
    expect(csv).toContain('\r\n');
    const [header, first] = parse(csv, { bom: true }) as string[][];
    expect(header).toHaveLength(20);
    expect(header!.slice(8, 11)).toEqual(['Due', 'Original due date', 'Slippage (days)']);
    expect(header![17]).toBe('Latest figure for');
    expect(first![2]).toBe('\'=cmd|" /C calc"!A0');
    expect(first!.slice(8, 11)).toEqual(['2026-01-30', '2025-12-31', '30']);
    expect(first![15]).toBe('Line one\nLine "two", with comma');
    expect(first![16]).toBe('-3'); // a number we wrote, not text someone typed
  });
});
