import { type OrganisationKind } from '../platform/directory/directory.js';

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

/** How many things refer to an organisation. */
export type OrganisationUseCounts = { leads: number; partners: number; members: number };

const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b and c". */
const listed = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/**
 * Why an organisation cannot be deleted, or null when nothing refers to it. Deleting it would
 * silently change what actions and people say, so what refers to it must be changed first.
 */
export function organisationRemovalProblem(
  name: string,
  uses: OrganisationUseCounts,
): string | null {
  const parts: string[] = [];
  const steps: string[] = [];
  if (uses.leads) {
    parts.push(`it is the lead organisation of ${counted(uses.leads, 'action')}`);
    steps.push(
      `choose another lead organisation for ${uses.leads === 1 ? 'that action' : 'those actions'}`,
    );
  }
  if (uses.partners) {
    parts.push(`it is a partner in ${counted(uses.partners, 'action')}`);
    steps.push(
      `remove it from the partners of ${uses.partners === 1 ? 'that action' : 'those actions'}`,
    );
  }
  if (uses.members) {
    parts.push(
      `${counted(uses.members, 'person', 'people')} ${uses.members === 1 ? 'is' : 'are'} recorded as part of it`,
    );
    steps.push(`remove ${uses.members === 1 ? 'that person' : 'those people'} from it`);
  }
  if (!parts.length) return null;
  return `${name} cannot be deleted while it is in use: ${listed(parts)}. To delete it, first ${listed(steps)}.`;
}
