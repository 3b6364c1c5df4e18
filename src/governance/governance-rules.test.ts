import { describe, expect, it } from 'vitest';
import {
  boardRemovalProblem,
  isOverdue,
  meetingRemovalProblem,
  memberRemovalProblem,
} from './governance-rules.js';

describe('governance rules', () => {
  it('keep a board with meetings, a meeting with a record and an owner of follow-ups', () => {
    expect(boardRemovalProblem('Cabinet', 0)).toBeNull();
    expect(boardRemovalProblem('Cabinet', 2)).toContain('it has 2 meetings');
    expect(boardRemovalProblem('Cabinet', 0, 1)).toContain('1 risk is escalated to it');
    expect(boardRemovalProblem('Cabinet', 0, 3)).toContain('3 risks are escalated to it');
    expect(meetingRemovalProblem(0, 0)).toBeNull();
    expect(meetingRemovalProblem(1, 0)).toContain('records 1 decision.');
    expect(meetingRemovalProblem(2, 1)).toContain('2 decisions and 1 follow-up action');
    expect(memberRemovalProblem('Dr Lee', 0)).toBeNull();
    expect(memberRemovalProblem('Dr Lee', 1)).toBe(
      'Dr Lee owns 1 follow-up action. Give it to someone else first.',
    );
  });

  it('call a follow-up overdue only when due before today and not done', () => {
    const today = '2027-03-10';
    expect(isOverdue({ due_on: '2027-03-09', done_on: null }, today)).toBe(true);
    expect(isOverdue({ due_on: '2027-03-10', done_on: null }, today)).toBe(false);
    expect(isOverdue({ due_on: '2027-03-09', done_on: '2027-03-09' }, today)).toBe(false);
    expect(isOverdue({ due_on: null, done_on: null }, today)).toBe(false);
  });
});
