import { describe, expect, it } from 'vitest';
import {
  boardReport,
  factsOf,
  type ReportOptions,
  type ReportSource,
  type SourceAction,
} from './board-report.js';
import { priorityChange, ragMovement, TYPED_FIELDS, type Typed } from './board-report-rules.js';

const TODAY = '2026-12-07';
const blank = Object.fromEntries(TYPED_FIELDS.map((f) => [f, ''])) as Typed;

const action = (id: string, over: Partial<SourceAction> = {}): SourceAction => ({
  id,
  number: `1.${id}`,
  title: `Action ${id}`,
  priorityKey: 'p1',
  lead: 'Gareth Pryce',
  leadOrganisation: 'Northshire County Council',
  dueDate: '2027-03-31',
  baselineDueDate: '2027-03-31',
  status: 'on_track',
  statusLabel: 'On track',
  rag: 'green',
  lastUpdateOn: '2026-11-20',
  includedFrom: null,
  ...over,
});

function source(actions: SourceAction[]): ReportSource {
  return {
    partnershipName: 'Northshire SEND Partnership',
    plans: [
      {
        id: 'plan',
        title: 'Northshire WSoA',
        kindLabel: 'Written statement of action (WSoA)',
        statusLabel: 'Submitted',
        priorities: [{ key: 'p1', label: '1. EHC plans on time', findingIds: ['f1'] }],
        actions,
        findings: [
          {
            id: 'f1',
            typeLabel: 'Area of significant weakness',
            isWeakness: true,
            text: 'The timeliness of EHC plans',
            judgement: null,
          },
          {
            id: 'f2',
            typeLabel: 'Strength',
            isWeakness: false,
            text: 'Leaders know the area well',
            judgement: null,
          },
        ],
      },
    ],
    indicators: [],
    risks: { top: [], overdueReviews: 0 },
    meeting: { boardName: 'Health and Wellbeing Board', meetsOn: '2026-12-15' },
    authorName: 'Helen Marsh',
  };
}

const options = (over: Partial<ReportOptions> = {}): ReportOptions => ({
  kind: 'board',
  title: 'Progress report',
  periodFrom: '2026-11-01',
  periodTo: '2026-11-30',
  sections: ['summary', 'priorities', 'findings', 'exceptions', 'implications'],
  typed: blank,
  today: TODAY,
  ...over,
});

const texts = (model: ReturnType<typeof boardReport>) =>
  model.blocks.map((b) =>
    b.kind === 'table'
      ? b.rows.map((r) => r.join(' | ')).join('\n')
      : b.kind === 'list'
        ? b.items.join('\n')
        : 'text' in b
          ? `${'number' in b && b.number ? `${b.number} ` : ''}${b.text}`
          : b.caption,
  );

describe('board report', () => {
  it('numbers sections in the order of the report, with the meeting under the title', () => {
    const model = boardReport(source([action('1')]), options(), null);
    expect(model.subtitle).toEqual([
      'Northshire SEND Partnership',
      'Health and Wellbeing Board, 15 December 2026',
      'Period: 1 November 2026 to 30 November 2026',
      'Report author: Helen Marsh',
    ]);
    const headings = model.blocks.filter((b) => b.kind === 'section');
    expect(headings.map((h) => `${h.number}. ${h.text}`)).toEqual([
      '1. Executive summary',
      '2. Progress by priority',
      '3. Progress by finding',
      '4. Exceptions: off track, overdue and slipped actions',
      '5. Implications',
    ]);
  });

  it('counts complete as green, lists overdue and slipped actions with why', () => {
    const actions = [
      action('1', { status: 'complete', rag: 'amber' }),
      action('2', { status: 'off_track', statusLabel: 'Off track', rag: 'red' }),
      action('3', { dueDate: '2026-11-30', baselineDueDate: '2026-11-30', rag: 'amber' }),
      action('4', { dueDate: '2027-05-31', baselineDueDate: '2027-03-31' }),
      action('5', { rag: null, lastUpdateOn: null }),
    ];
    const words = texts(boardReport(source(actions), options(), null)).join('\n');
    expect(words).toContain(
      'Of 5 actions, 1 is complete (20%). 2 are rated green, 1 amber and 1 red; 1 has no update yet.',
    );
    expect(words).toContain(
      '1 action is past its due date and 1 action has a later due date than first planned. 4 actions were updated during the period.',
    );
    expect(words).toContain('1. EHC plans on time | Red | 5 | 1 | 1 | 1 | 2 | First report');
    expect(words).toContain(
      '1.2 | Action 2 | Gareth Pryce, Northshire County Council | Off track | Red',
    );
    expect(words).toContain('Overdue by 7 days');
    expect(words).toContain('Slipped 61 days from 31 March 2027');
    // Findings answered: the weakness, not the strength without actions.
    expect(words).toContain('The timeliness of EHC plans | Area of significant weakness | Red');
    expect(words).not.toContain('Leaders know the area well');
    expect(words).toContain('5.1 None identified.');
  });

  it('says what changed since the last report, action by action and priority by priority', () => {
    const before = factsOf(source([action('1', { rag: 'amber' }), action('2')]));
    const now = source([
      action('1', { rag: 'green' }),
      action('2', { status: 'off_track', rag: 'red' }),
      action('3', { status: 'complete' }),
    ]);
    const words = texts(
      boardReport(now, options(), {
        title: 'October report',
        createdOn: '2026-11-02',
        facts: before,
      }),
    ).join('\n');
    expect(words).toContain(
      'Since the last report (“October report”, 2 November 2026), 1 action improved its rating and 1 action worsened; 1 more action was completed.',
    );
    expect(words).toContain('Amber → Red, 1 more complete');
  });

  it('counts an action two reported plans share once, while each plan’s table shows it', () => {
    const shared = action('9', { status: 'complete' });
    const two = source([action('1'), shared]);
    two.plans.push({
      ...two.plans[0]!,
      id: 'app',
      title: 'Accelerated progress plan',
      priorities: [{ key: 'q1', label: '1. Carried on', findingIds: [] }],
      actions: [{ ...shared, priorityKey: 'q1', includedFrom: 'Northshire WSoA' }],
    });
    const words = texts(boardReport(two, options(), null)).join('\n');
    expect(words).toContain('Of 2 actions, 1 is complete (50%).');
    expect(words).toContain('1. Carried on | Green | 1 | 1');
    expect(factsOf(two).totals).toEqual({ total: 2, complete: 1, red: 0, amber: 0, green: 2 });
  });

  it('writes a monitoring pack per weakness, with the typed words and a default purpose', () => {
    const model = boardReport(
      source([action('1')]),
      options({
        kind: 'monitoring',
        sections: ['purpose', 'recommendations', 'findings', 'slippage'],
        typed: { ...blank, recommendations: '1. Note the progress\n- Agree the dates' },
      }),
      null,
    );
    const words = texts(model).join('\n');
    expect(words).toContain(
      '1.1 This report updates the Health and Wellbeing Board on progress with Northshire WSoA from 1 November 2026 to 30 November 2026.',
    );
    expect(words).toContain('Note the progress\nAgree the dates');
    expect(words).toContain('Progress against each weakness');
    expect(words).toContain('Not yet judged');
    expect(words).toContain('No action’s due date has moved from the date first planned.');
  });
});

describe('rating movements', () => {
  it('reads better, worse or no movement, and unrated as neither', () => {
    expect(ragMovement('amber', 'green')).toBe(1);
    expect(ragMovement('green', 'red')).toBe(-1);
    expect(ragMovement('red', 'red')).toBe(0);
    expect(ragMovement(null, 'red')).toBe(0);
  });

  it('describes a priority’s change', () => {
    const after = { label: 'P', rag: 'green' as const, total: 3, complete: 2, red: 0 };
    expect(priorityChange(undefined, after)).toBe('New since the last report');
    expect(priorityChange({ ...after }, after)).toBe('No change');
    expect(priorityChange({ ...after, rag: 'amber', complete: 3 }, after)).toBe(
      'Amber → Green, 1 fewer complete',
    );
  });
});
