import { describe, expect, it } from 'vitest';
import {
  filterKey,
  isFiltered,
  passes,
  readFilter,
  type FilterableAction,
} from './action-filters.js';

const LEAD = '11111111-1111-4111-8111-111111111111';
const ORG = '22222222-2222-4222-8222-222222222222';
const action = (over: Partial<FilterableAction> = {}): FilterableAction => ({
  status: 'on_track',
  rag: 'green',
  due_date: '2026-03-31',
  baseline_due_date: '2026-03-31',
  lead_user_id: LEAD,
  lead_organisation_id: null,
  partner_ids: [],
  ...over,
});

describe('the plan page’s filters', () => {
  it('keeps only known values from the query string', () => {
    expect(
      readFilter({
        rag: 'amber',
        status: 'off_track',
        overdue: 'yes',
        slipped: 'yes',
        lead: LEAD.toUpperCase(),
        organisation: ORG,
      }),
    ).toEqual({
      rag: 'amber',
      status: 'off_track',
      overdue: true,
      slipped: true,
      lead: LEAD,
      organisation: ORG,
    });
    expect(
      readFilter({ rag: 'purple', status: 'done', overdue: 'no', lead: 'x', organisation: '' }),
    ).toEqual({});
    expect(readFilter({ rag: ['red', 'green'] })).toEqual({ rag: 'red' });
    expect(isFiltered(readFilter({}))).toBe(false);
  });

  it('gives the same filter one key whatever the order', () => {
    expect(filterKey({ status: 'complete', rag: 'green' })).toBe(
      filterKey({ rag: 'green', status: 'complete' }),
    );
    expect(filterKey({})).toBe('');
  });

  it('reads RAG as the roll-up does', () => {
    expect(passes(action({ status: 'complete', rag: 'red' }), { rag: 'green' }, '2026-01-01')).toBe(
      true,
    );
    expect(
      passes(action({ rag: null, status: 'not_started' }), { rag: 'none' }, '2026-01-01'),
    ).toBe(true);
    expect(passes(action({ rag: 'amber' }), { rag: 'green' }, '2026-01-01')).toBe(false);
  });

  it('filters by status, overdue and slipped', () => {
    expect(passes(action(), { status: 'on_track' }, '2026-01-01')).toBe(true);
    expect(passes(action(), { status: 'at_risk' }, '2026-01-01')).toBe(false);
    expect(passes(action(), { overdue: true }, '2026-04-01')).toBe(true);
    expect(passes(action(), { overdue: true }, '2026-03-31')).toBe(false);
    expect(passes(action({ status: 'complete' }), { overdue: true }, '2026-04-01')).toBe(false);
    expect(passes(action({ due_date: '2026-04-30' }), { slipped: true }, '2026-01-01')).toBe(true);
    expect(passes(action(), { slipped: true }, '2026-01-01')).toBe(false);
  });

  it('filters by lead, and by an organisation that leads or is a partner', () => {
    expect(passes(action(), { lead: LEAD }, '2026-01-01')).toBe(true);
    expect(passes(action({ lead_user_id: null }), { lead: LEAD }, '2026-01-01')).toBe(false);
    expect(passes(action({ lead_organisation_id: ORG }), { organisation: ORG }, '2026-01-01')).toBe(
      true,
    );
    expect(passes(action({ partner_ids: [ORG] }), { organisation: ORG }, '2026-01-01')).toBe(true);
    expect(passes(action(), { organisation: ORG }, '2026-01-01')).toBe(false);
  });
});
