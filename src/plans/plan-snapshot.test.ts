import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './plan-snapshot.js';
import type { PlanSnapshot } from './plan-repository.js';

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
