/**
 * Action numbers as plans write them, computed in one place for every page, download and API
 * answer: priority 2's third action is "2.3", and the second sub-action of 5.1 is "5.1 b".
 *
 * Positions count from 1 within a group: top-level actions within their priority, sub-actions
 * within their parent action. Pure, so the numbering is tested alone.
 */

/** What a number is made of, as the repositories return it (`parent_position` is null for a top-level action). */
export type NumberedAction = {
  priority_position: number;
  position: number;
  parent_position: number | null;
};

/** The letters of sub-actions: 1 → "a", 26 → "z", 27 → "aa", 28 → "ab", 52 → "az", 53 → "ba". */
export function subActionLetter(position: number): string {
  if (!Number.isInteger(position) || position < 1)
    throw new RangeError(`A sub-action position must be a whole number from 1, not ${position}`);
  let letters = '';
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(97 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "2.3" for an action, "2.3 b" for a sub-action of 2.3. */
export function actionNumber(action: NumberedAction): string {
  return action.parent_position === null
    ? `${action.priority_position}.${action.position}`
    : `${action.priority_position}.${action.parent_position} ${subActionLetter(action.position)}`;
}
