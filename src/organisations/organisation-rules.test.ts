import { describe, expect, it } from 'vitest';
import { organisationRemovalProblem } from './organisation-rules.js';

describe('organisationRemovalProblem', () => {
  it('allows deleting an organisation nothing refers to', () => {
    expect(
      organisationRemovalProblem('Hillside', { leads: 0, partners: 0, members: 0 }),
    ).toBeNull();
  });

  it('names every kind of use, counted in words', () => {
    expect(
      organisationRemovalProblem('Northshire ICB', { leads: 2, partners: 1, members: 3 }),
    ).toBe(
      'Northshire ICB cannot be deleted while it is in use: it is the lead organisation of 2 actions, it is a partner in 1 action and 3 people are recorded as part of it. To delete it, first choose another lead organisation for those actions, remove it from the partners of that action and remove those people from it.',
    );
  });

  it('says only what applies', () => {
    const problem = organisationRemovalProblem('Hillside', { leads: 0, partners: 0, members: 1 });
    expect(problem).toBe(
      'Hillside cannot be deleted while it is in use: 1 person is recorded as part of it. To delete it, first remove that person from it.',
    );
    expect(problem).not.toContain('lead organisation of');
    expect(organisationRemovalProblem('Hillside', { leads: 1, partners: 0, members: 0 })).toContain(
      'in use: it is the lead organisation of 1 action.',
    );
  });
});
