import { describe, expect, it } from 'vitest';
import { actionNumber, subActionLetter } from './action-numbers.js';

const top = (priority: number, position: number) => ({
  priority_position: priority,
  position,
  parent_position: null,
});
const sub = (priority: number, parent: number, position: number) => ({
  priority_position: priority,
  position,
  parent_position: parent,
});

describe('action numbers', () => {
  it('numbers top-level actions by priority and position, as the seeds do', () => {
    expect(actionNumber(top(1, 1))).toBe('1.1');
    expect(actionNumber(top(5, 12))).toBe('5.12');
  });

  it('numbers sub-actions after their action with a letter: 5.1 a, 5.1 b, 5.1 c', () => {
    expect([1, 2, 3].map((n) => actionNumber(sub(5, 1, n)))).toEqual(['5.1 a', '5.1 b', '5.1 c']);
    expect(actionNumber(sub(2, 10, 26))).toBe('2.10 z');
  });

  it('goes on past z as spreadsheets name columns: aa, ab … az, ba … zz, aaa', () => {
    expect(subActionLetter(1)).toBe('a');
    expect(subActionLetter(26)).toBe('z');
    expect(subActionLetter(27)).toBe('aa');
    expect(subActionLetter(28)).toBe('ab');
    expect(subActionLetter(52)).toBe('az');
    expect(subActionLetter(53)).toBe('ba');
    expect(subActionLetter(702)).toBe('zz');
    expect(subActionLetter(703)).toBe('aaa');
    expect(actionNumber(sub(1, 1, 27))).toBe('1.1 aa');
  });

  it('gives every position its own letters', () => {
    const letters = Array.from({ length: 2000 }, (_, i) => subActionLetter(i + 1));
    expect(new Set(letters).size).toBe(2000);
    expect(letters.every((l) => /^[a-z]+$/.test(l))).toBe(true);
  });

  it('refuses a position that is not a whole number from 1', () => {
    expect(() => subActionLetter(0)).toThrow(RangeError);
    expect(() => subActionLetter(1.5)).toThrow(RangeError);
  });
});
