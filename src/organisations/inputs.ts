/**
 * The input of each organisations command: the JSON API's body schema and, through readForm, the
 * page form's fields. One schema, so both give the same verdict on the same input.
 */
import type { Static } from 'typebox';
import { Choice, Id, InputSchema, Text, Version } from '../platform/commands/input.js';
import { ORGANISATION_KINDS } from '../platform/directory/directory.js';

const organisationFields = {
  name: Text({ label: 'the organisation’s name', max: 160, required: true }),
  kind: Choice(ORGANISATION_KINDS, 'Select the kind of organisation'),
};

/** A new organisation in the partnership. */
export const OrganisationInput = InputSchema(organisationFields);
export type OrganisationInput = Static<typeof OrganisationInput>;

/** An organisation renamed (or its kind changed): every field, with the version the editor read. */
export const OrganisationChange = InputSchema({ ...organisationFields, version: Version });
export type OrganisationChange = Static<typeof OrganisationChange>;

/** Someone recorded as part of an organisation: a current member of the partnership. */
export const OrganisationMemberInput = InputSchema({
  userId: Id('Select a person from the list'),
});
export type OrganisationMemberInput = Static<typeof OrganisationMemberInput>;
