import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { OptionalDate, Text } from '../commands/input.js';
import { formErrors, readForm } from './form-input.js';

const Schema = Type.Object({
  title: Text({ label: 'a title', max: 10, required: true }),
  dueDate: OptionalDate('the due date'),
  note: Text({ label: 'a note', max: 10 }),
});

describe('formErrors', () => {
  // The date's own problem (no month, so it points at the month input) and the command's problems on the fields either side.
  const form = readForm(Schema, { title: '', 'dueDate-day': '3', 'dueDate-year': '2026' });
  const commandProblems = [
    { field: 'note', text: 'Note is wrong' },
    { field: 'title', text: 'Enter a title' },
  ];

  it("lists the form's own problems first, then the command's, as they came", () => {
    const fields = formErrors(form, commandProblems).list.map((e) => e.field);
    expect(fields).toEqual(['dueDate-month', 'note', 'title']);
  });

  it("with the schema's order, lists them as the fields stand on the page", () => {
    const errors = formErrors(form, commandProblems, { order: Schema });
    expect(errors.list.map((e) => e.field)).toEqual(['title', 'dueDate-month', 'note']);
  });

  it('puts a field the schema does not name last, and keeps one problem per field', () => {
    const errors = formErrors(
      form,
      [
        { field: 'renamed', text: 'Renamed field' },
        { field: 'title', text: 'Enter a title' },
        { field: 'title', text: 'A second problem' },
      ],
      { order: Schema },
    );
    expect(errors.list).toEqual([
      { field: 'title', text: 'Enter a title' },
      { field: 'dueDate-month', text: expect.any(String) },
      { field: 'renamed', text: 'Renamed field' },
    ]);
  });
});
