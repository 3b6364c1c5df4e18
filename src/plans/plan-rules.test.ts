import { describe, expect, it } from 'vitest';
import { ROLES } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { CurrentUser } from '../platform/identity/types.js';
import {
  coverage,
  coverageRule,
  LEAD_ROLES,
  leadProblem,
  NEXT_STATUSES,
  parentActionProblem,
  PLAN_KINDS,
  submissionProblem,
  type CoverageFinding,
  type PlanKind,
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
    const wsoa = { kind: 'wsoa' as const, coversDevelopment: false };
    const result = coverage(wsoa, findings, links, new Map([['P1', 3]]));
    expect(result.map((r) => [r.findingId, r.covered, r.actionCount])).toEqual([
      ['w2', false, 0],
      ['w1', true, 3],
    ]);
  });

  describe('which findings each kind of plan must answer', () => {
    const findings: CoverageFinding[] = [
      { id: 'sw', type: 'significant_weakness', text: 'Weakness', position: 1 },
      {
        id: 'sw-met',
        type: 'significant_weakness',
        text: 'Judged sufficient',
        position: 2,
        sufficient_progress: true,
      },
      {
        id: 'sw-not',
        type: 'significant_weakness',
        text: 'Judged insufficient',
        position: 3,
        sufficient_progress: false,
      },
      { id: 'pa', type: 'priority_action', text: 'Priority action', position: 4 },
      {
        id: 'pa-not',
        type: 'priority_action',
        text: 'Not enough progress',
        position: 5,
        sufficient_progress: false,
      },
      { id: 'afi', type: 'area_for_improvement', text: 'Improve', position: 6 },
      { id: 'afd', type: 'area_for_development', text: 'Develop', position: 7 },
      { id: 'st', type: 'strength', text: 'Strength', position: 8 },
    ];
    const answered = (kind: PlanKind, coversDevelopment = false) =>
      coverage({ kind, coversDevelopment }, findings, [], new Map()).map((c) => c.findingId);
    it.each([
      ['wsoa', false, ['sw', 'sw-not']],
      ['priority_action_plan', false, ['pa', 'pa-not']],
      ['app', false, ['sw-not', 'pa-not']],
      ['post_inspection', false, ['afi']],
      ['post_inspection', true, ['afi', 'afd']],
      ['strategic', false, ['afi']],
      ['strategic', true, ['afi', 'afd']],
    ] as const)('a %s plan (areas for development: %s) answers %j', (kind, dev, expected) => {
      expect(answered(kind, dev)).toEqual(expected);
    });
    it('states every kind’s rule in words', () => {
      for (const kind of PLAN_KINDS)
        expect(coverageRule({ kind, coversDevelopment: false })).toMatch(/must answer/);
      expect(coverageRule({ kind: 'strategic', coversDevelopment: true })).toBe(
        'A SEND strategic plan must answer every area for improvement and every area for development with at least one action.',
      );
    });
  });

  it('refuses to submit a plan with no actions, or one leaving a finding unanswered', () => {
    const scope = { kind: 'post_inspection' as const, coversDevelopment: false };
    expect(submissionProblem(scope, [], 0)).toBe(
      'The plan cannot be submitted without any actions. A post-inspection improvement plan must answer every area for improvement with at least one action.',
    );
    expect(submissionProblem(scope, [], 2)).toBeNull();
    const open = {
      findingId: 'f',
      text: 'Waiting times',
      type: 'area_for_improvement' as const,
      position: 1,
      priorityIds: [],
      actionCount: 0,
      covered: false,
    };
    expect(submissionProblem(scope, [open], 2)).toBe(
      'The plan cannot be submitted until every finding has an action. No action yet for: “Waiting times”',
    );
    expect(submissionProblem(scope, [{ ...open, actionCount: 1, covered: true }], 1)).toBeNull();
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
