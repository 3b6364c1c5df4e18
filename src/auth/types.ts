export const ROLES = ['admin', 'lead', 'contributor', 'viewer', 'forum', 'adviser'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Partnership admin',
  lead: 'Action lead',
  contributor: 'Contributor',
  viewer: 'Board viewer',
  forum: 'Parent carer forum',
  adviser: 'External adviser (read only)',
};

export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Records inspections, builds plans, manages people and runs update rounds',
  lead: 'Updates their own actions each month and attaches evidence',
  contributor: 'Adds updates, evidence and feedback where asked',
  viewer: 'Reads dashboards and reports, for example a councillor or board member',
  forum: 'Reads plans and progress, records families’ feedback',
  adviser:
    'Reads everything in this partnership and changes nothing, for example DfE or NHS England',
};

export type Membership = {
  partnershipId: string;
  slug: string;
  partnershipName: string;
  role: Role;
  /** Changes whenever anything in the partnership changes (see migration 005): a cache key. */
  dataVersion: string;
};

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  isPlatformOwner: boolean;
  memberships: Membership[];
  /** How the request proved who it is: a browser session or a personal API token. */
  via: 'session' | 'token';
};

/** Who made a change, for the audit log. A null userId is the CLI or the system itself. */
export type Actor = { userId: string | null; name: string; requestId?: string };

export function actorOf(user: CurrentUser, requestId?: string): Actor {
  return { userId: user.id, name: user.name, ...(requestId ? { requestId } : {}) };
}
