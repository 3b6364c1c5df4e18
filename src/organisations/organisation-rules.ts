import { FormErrors, requireChoice, requireText } from '../web/forms.js';

export const ORGANISATION_KINDS = [
  'council',
  'icb',
  'ccg',
  'school',
  'college',
  'early_years',
  'forum',
  'provider',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  council: 'Council (local authority)',
  icb: 'Integrated care board (ICB)',
  ccg: 'Clinical commissioning group (CCG, before July 2022)',
  school: 'School',
  college: 'College or further education',
  early_years: 'Early years setting',
  forum: 'Parent carer forum',
  provider: 'Health or care provider',
  other: 'Other',
};

export type OrganisationInput = { name: string; kind: OrganisationKind };

export function validateOrganisation(
  raw: { name: string; kind: string },
  errors: FormErrors,
): OrganisationInput | undefined {
  requireText(errors, 'name', raw.name, { label: 'the organisation’s name', max: 160 });
  const kind = requireChoice(
    errors,
    'kind',
    raw.kind,
    ORGANISATION_KINDS,
    'Select the kind of organisation',
  );
  return errors.any || !kind ? undefined : { name: raw.name, kind };
}
