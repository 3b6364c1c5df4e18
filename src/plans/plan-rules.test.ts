import { describe, expect, it } from 'vitest';
import { ROLES } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { CurrentUser } from '../platform/identity/types.js';
import {
  coverage,
  LEAD_ROLES,
  leadProblem,
  NEXT_STATUSES,
  parentActionProblem,
} from './plan-rules.js';
import { canUpdateAction } from './action-updates.js';

describe('plan rules', () => {
  it('lets an action be part of a top-level action of its own priority, one level deep', () => {
    const actions = [
      { id: 'a1', priority_id: 'P1', parent_action_id: null },
      { id: 'a1a', priority_id: 'P1', parent_action_id: 'a1' },
      { id: 'a2', priority_id: 'P1', parent_action_id: null },
      { id: 'b1', priority_id: 'P2', parent_action_id: null },
    ];
    expect(parentActionProblem(null, 'a1', 'P1', actions)).toBeNull();
    expect(parentActionProblem('a2', 'a1', 'P1', actions)).toBeNull();
    expect(parentActionProblem('a1a', 'a2', 'P1', actions)).toBeNull(); // moves to another parent
    expect(parentActionProblem('a2', 'a2', 'P1', actions)).toBe(
      'An action cannot be part of itself',
    );
    expect(parentActionProblem(null, 'elsewhere', 'P1', actions)).toBe(
      'The action it is part of must be an action of this plan',
    );
    expect(parentActionProblem(null, 'b1', 'P1', actions)).toBe(
      'The action it is part of must be in the same priority',
    );
    expect(parentActionProblem(null, 'a1a', 'P1', actions)).toMatch(
      /^A sub-action cannot have sub-actions/,
    );
    expect(parentActionProblem('a1', 'a2', 'P1', actions)).toBe(
      'This action has sub-actions of its own, so it cannot be part of another action',
    );
  });
  it('finds weaknesses not yet answered by an action', () => {
    const findings = [
      { id: 'w1', type: 'significant_weakness' as const, text: 'Weakness one', position: 2 },
      { id: 'w2', type: 'significant_weakness' as const, text: 'Weakness two', position: 1 },
      { id: 's1', type: 'strength' as const, text: 'A strength', position: 0 },
      { id: 'p1', type: 'priority_action' as const, text: 'Priority action', position: 3 },
    ];
    const links = [
      { findingId: 'w1', priorityId: 'P1' },
      { findingId: 'w2', priorityId: 'P2' },
    ];
    const result = coverage(findings, links, new Map([['P1', 3]]));
    expect(result.map((r) => [r.findingId, r.covered, r.actionCount])).toEqual([
      ['w2', false, 0],
      ['w1', true, 3],
      ['p1', false, 0],
    ]);
  });
  it('lets a judged plan be revised but not jump from draft to fit for purpose', () => {
    expect(NEXT_STATUSES.draft).not.toContain('fit_for_purpose');
    expect(NEXT_STATUSES.more_detail_requested).toEqual(['revised']);
  });

  it('lets exactly the roles that can update their own actions lead one', () => {
    const user = { id: 'u1' } as CurrentUser;
    for (const role of ROLES) {
      const canUpdate = canUpdateAction({ role } as Tenant, user, { lead_user_id: 'u1' });
      expect(LEAD_ROLES.includes(role), role).toBe(canUpdate);
      expect(leadProblem({ name: 'Sam', role, disabled_at: null }) === null, role).toBe(canUpdate);
    }
    expect(leadProblem({ name: 'Sam', role: 'forum', disabled_at: null })).toBe(
      'Sam cannot lead an action: their role, parent carer forum, cannot record updates. Select a partnership admin, action lead or contributor',
    );
    expect(leadProblem({ name: 'Sam', role: 'lead', disabled_at: new Date() })).toBe(
      'Select the lead from the list of current members',
    );
    expect(leadProblem(undefined)).toBe('Select the lead from the list of current members');
  });
});
