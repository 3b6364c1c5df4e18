import { describe, expect, it } from 'vitest';
import { includedElsewhereProblem, inclusionProblems, type Includable } from './inclusion-rules.js';

const plan = 'poap';
const wsoaPriority: Includable = {
  kind: 'priority',
  id: 'p1',
  plan_id: 'wsoa',
  priority_id: 'p1',
  parent_action_id: null,
};
const wsoaAction: Includable = {
  kind: 'action',
  id: 'a1',
  plan_id: 'wsoa',
  priority_id: 'p1',
  parent_action_id: null,
};
const own = ['host'];
const none = { priorityIds: [], actionIds: [], hostPriorityId: null };

describe('inclusionProblems', () => {
  it('accepts a whole priority, and actions under a priority of the plan', () => {
    expect(
      inclusionProblems(plan, { ...none, priorityIds: ['p1'] }, [wsoaPriority], own, []),
    ).toEqual([]);
    expect(
      inclusionProblems(
        plan,
        { ...none, actionIds: ['A1'], hostPriorityId: 'HOST' },
        [wsoaAction],
        own,
        [],
      ),
    ).toEqual([]);
  });

  it('asks for something to include', () => {
    expect(inclusionProblems(plan, none, [], own, [])).toEqual([
      { field: 'actionIds', text: 'Select the priorities or actions to include' },
    ]);
  });

  it('refuses what is not found, or is the plan’s own', () => {
    expect(inclusionProblems(plan, { ...none, priorityIds: ['zz'] }, [], own, [])[0]?.text).toBe(
      'Select priorities from the list',
    );
    const ownAction = { ...wsoaAction, plan_id: plan };
    expect(
      inclusionProblems(
        plan,
        { ...none, actionIds: ['a1'], hostPriorityId: 'host' },
        [ownAction],
        own,
        [],
      )[0]?.text,
    ).toMatch(/already in it/);
  });

  it('takes sub-actions only with the action they are part of', () => {
    const sub = { ...wsoaAction, id: 'a1a', parent_action_id: 'a1' };
    expect(
      inclusionProblems(
        plan,
        { ...none, actionIds: ['a1a'], hostPriorityId: 'host' },
        [sub],
        own,
        [],
      )[0]?.text,
    ).toMatch(/sub-action comes with/);
  });

  it('never shows one action twice: not again, nor beside its whole priority', () => {
    const ask = { ...none, actionIds: ['a1'], hostPriorityId: 'host' };
    const already = { priority_id: null, action_id: 'a1', action_priority_id: 'p1' };
    expect(inclusionProblems(plan, ask, [wsoaAction], own, [already])[0]?.text).toBe(
      'This plan already includes that action',
    );
    const whole = { priority_id: 'p1', action_id: null, action_priority_id: null };
    expect(inclusionProblems(plan, ask, [wsoaAction], own, [whole])[0]?.text).toMatch(
      /whole priority/,
    );
    expect(
      inclusionProblems(
        plan,
        { ...ask, priorityIds: ['p1'] },
        [wsoaPriority, wsoaAction],
        own,
        [],
      )[0]?.text,
    ).toMatch(/whole priority/);
    expect(
      inclusionProblems(plan, { ...none, priorityIds: ['p1'] }, [wsoaPriority], own, [already])[0]
        ?.text,
    ).toMatch(/one by one: remove them/);
  });

  it('puts single actions under a priority of this plan', () => {
    expect(inclusionProblems(plan, { ...none, actionIds: ['a1'] }, [wsoaAction], own, [])).toEqual([
      { field: 'hostPriorityId', text: 'Select the priority of this plan the actions go under' },
    ]);
    expect(
      inclusionProblems(
        plan,
        { ...none, actionIds: ['a1'], hostPriorityId: 'p1' },
        [wsoaAction],
        own,
        [],
      ),
    ).toEqual([{ field: 'hostPriorityId', text: 'Select a priority of this plan' }]);
  });
});

describe('includedElsewhereProblem', () => {
  it('names the plans that include it, and is silent when none does', () => {
    expect(includedElsewhereProblem('action', 'deleted', [])).toBeNull();
    expect(
      includedElsewhereProblem('action', 'deleted', [{ title: 'Post Ofsted Action Plan' }]),
    ).toBe(
      'This action is included in another plan: “Post Ofsted Action Plan”. It cannot be deleted while that plan includes it: remove it from that plan first.',
    );
    expect(
      includedElsewhereProblem('priority', 'moved to another priority', [
        { title: 'A' },
        { title: 'B' },
      ]),
    ).toMatch(
      /^This priority is included in other plans: “A”, “B”\. .* while those plans include it/,
    );
  });
});
