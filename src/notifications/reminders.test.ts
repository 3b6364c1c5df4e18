import { describe, expect, it } from 'vitest';
import { roundReminderSubject } from './reminders.js';

describe('round reminder subject', () => {
  it('does not say "update" twice when the round is named as an update', () => {
    expect(roundReminderSubject('November 2026 update', '2026-11-28', true)).toBe(
      'Your November 2026 update is late',
    );
    expect(roundReminderSubject('November 2026 Update', '2026-11-28', false)).toBe(
      'Your November 2026 Update is due by 28 November 2026',
    );
  });

  it('names any other round as a round', () => {
    expect(roundReminderSubject('Autumn review', '2026-11-28', true)).toBe(
      'Your update for the ‘Autumn review’ round is late',
    );
    expect(roundReminderSubject('Updates', '2026-11-28', false)).toBe(
      'Your update for the ‘Updates’ round is due by 28 November 2026',
    );
  });
});
