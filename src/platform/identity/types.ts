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

/** What each role can do today; keep in step with the route checks and README's roles table. */
export const ROLE_HINTS: Record<Role, string> = {
  admin:
    'Records inspections, builds plans, imports data, manages people and organisations, and runs update rounds',
  lead: 'Records progress updates on the actions they lead, and reads everything else in this partnership',
  contributor:
    'Records progress updates on any action, and reads everything else in this partnership',
  viewer:
    'Reads inspections, plans, progress and performance and changes nothing, for example a councillor or board member',
  forum:
    'Reads inspections, plans, progress and performance and changes nothing, for members of the parent carer forum',
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
