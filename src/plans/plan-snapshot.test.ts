import { describe, expect, it } from 'vitest';
import { buildSnapshot, diffSnapshots } from './plan-snapshot.js';
import type { ActionRow, PlanSnapshot, PriorityRow } from './plan-repository.js';

const action = (id: string, number: string, title: string, dueDate: string | null = null) => ({
  id,
  number,
  title,
  description: '',
  category: 'strategic',
  lead: null,
  leadOrganisation: null,
  startDate: null,
  dueDate,
  measures: [],
});

describe('diffSnapshots', () => {
  it('lists added, removed and changed actions and priorities', () => {
    const before: PlanSnapshot = {
      title: 'WSoA',
      status: 'submitted',
      priorities: [
        { id: 'p1', number: 1, title: 'Leadership', description: '', findingIds: ['f1'] },
      ],
      actions: [
        action('a1', '1.1', 'Appoint a DCO', '2019-01-31'),
        action('a2', '1.2', 'Joint commissioning strategy'),
      ],
    };
    const after: PlanSnapshot = {
      title: 'WSoA',
      status: 'revised',
      priorities: [
        {
          id: 'p1',
          number: 1,
          title: 'Leadership and governance',
          description: '',
          findingIds: ['f1', 'f2'],
        },
      ],
      actions: [
        action('a1', '1.1', 'Appoint a DCO', '2019-03-31'),
        action('a3', '1.2', 'Co-produce the Local Offer'),
      ],
    };
    const diff = diffSnapshots(before, after);
    expect(diff.added).toEqual([{ kind: 'action', label: '1.2 Co-produce the Local Offer' }]);
    expect(diff.removed).toEqual([{ kind: 'action', label: '1.2 Joint commissioning strategy' }]);
    expect(diff.changed).toEqual([
      {
        kind: 'priority',
        label: 'Priority 1: Leadership and governance',
        fields: [
          { field: 'Title', before: 'Leadership', after: 'Leadership and governance' },
          { field: 'Findings answered', before: 'f1', after: 'f1; f2' },
        ],
      },
      {
        kind: 'action',
        label: '1.1 Appoint a DCO',
        fields: [{ field: 'Due date', before: '2019-01-31', after: '2019-03-31' }],
      },
    ]);
  });
  it('finds nothing between identical snapshots', () => {
    const s: PlanSnapshot = {
      title: 't',
      status: 'draft',
      priorities: [],
      actions: [action('a', '1.1', 'x')],
    };
    expect(diffSnapshots(s, structuredClone(s))).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('buildSnapshot', () => {
  const priority: PriorityRow = {
    id: 'p5',
    position: 5,
    title: 'Use of data and benchmarking',
    description: '',
    version: 1,
    finding_ids: [],
  };
  const row = (
    id: string,
    title: string,
    position: number,
    parent: { id: string; position: number } | null = null,
  ): ActionRow => ({
    id,
    plan_id: 'plan',
    priority_id: 'p5',
    priority_position: 5,
    position,
    parent_action_id: parent?.id ?? null,
    parent_position: parent?.position ?? null,
    title,
    description: '',
    category: 'operational',
    lead_user_id: null,
    lead_name: null,
    lead_organisation_id: null,
    lead_organisation_name: null,
    partner_ids: [],
    partner_names: [],
    start_date: null,
    due_date: null,
    baseline_due_date: null,
    status: 'not_started',
    rag: null,
    last_update_at: null,
    version: 1,
  });

  it('numbers sub-actions as the plan page does, so a version keeps “5.1 a”', () => {
    const parent = { id: 'a1', position: 1 };
    const snapshot = buildSnapshot({
      plan: { title: 'WSoA', status: 'submitted' },
      priorities: [priority],
      actions: [
        row('a1', 'Use of data', 1),
        row('a1a', 'Agree key performance indicators', 1, parent),
        row('a1b', 'Complete a data cleanse', 2, parent),
        row('a2', 'Benchmarking', 2),
      ],
      measures: [],
    });
    expect(snapshot.actions.map((a) => a.number)).toEqual(['5.1', '5.1 a', '5.1 b', '5.2']);
    const later = buildSnapshot({
      plan: { title: 'WSoA', status: 'revised' },
      priorities: [priority],
      actions: [
        row('a1', 'Use of data', 1),
        row('a1b', 'Complete a data cleanse', 1, parent),
        row('a1a', 'Agree key performance indicators', 2, parent),
        row('a2', 'Benchmarking', 2),
      ],
      measures: [],
    });
    expect(diffSnapshots(snapshot, later).changed).toEqual([
      {
        kind: 'action',
        label: '5.1 a Complete a data cleanse',
        fields: [{ field: 'Number', before: '5.1 b', after: '5.1 a' }],
      },
      {
        kind: 'action',
        label: '5.1 b Agree key performance indicators',
        fields: [{ field: 'Number', before: '5.1 a', after: '5.1 b' }],
      },
    ]);
  });
});
