import type { Db } from '../platform/db/db.js';
import { systemTenant, type Tenant } from '../platform/tenancy/tenancy.js';
import { actionsWithTheirRounds, openRounds, type ActionInRoundRow } from '../progress/index.js';
import { partnershipDeadlines } from '../deadlines/index.js';
import { formatDate } from '../platform/web/views.js';
import { enqueueEmail } from '../platform/email/outbox-service.js';
import { ROLES_THAT_UPDATE } from '../plans/index.js';

/** Leads are reminded this many days before a round's updates are due (and once it is late). */
export const ROUND_REMINDER_DAYS = 5;

function daysUntil(today: string, date: string): number {
  return Math.round(
    (Date.parse(date + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86_400_000,
  );
}

type Person = { id: string; name: string; email: string };

/** "the ‘March’ round", or just "the March update" when the name already says update. */
function roundPhrase(title: string): string {
  return /\bupdate$/i.test(title.trim()) ? `the ${title}` : `the ‘${title}’ round`;
}

/** The subject of a round reminder, without saying "update" twice. Exported for its unit test. */
export function roundReminderSubject(title: string, dueOn: string, late: boolean): string {
  const phrase = /\bupdate$/i.test(title.trim())
    ? `Your ${title}`
    : `Your update for ${roundPhrase(title)}`;
  return late ? `${phrase} is late` : `${phrase} is due by ${formatDate(dueOn)}`;
}

/**
 * Queues the reminders that are due today, for every partnership: action leads whose updates are
 * due soon, and admins for statutory dates due soon or overdue. Dedupe keys make it safe to run
 * as often as you like: each reminder is queued once.
 */
export async function queueReminders(
  db: Db,
  options: { baseUrl: string; today: string },
): Promise<{ round: number; deadline: number }> {
  const partnerships = await db.query<{ id: string; slug: string; name: string }>(
    'SELECT id, slug, name FROM partnerships ORDER BY name',
  );
  const queued = { round: 0, deadline: 0 };
  for (const p of partnerships) {
    const tenant = systemTenant(p);
    queued.round += await queueRoundReminders(db, tenant, options);
    queued.deadline += await queueDeadlineReminders(db, tenant, options);
  }
  return queued;
}

/**
 * Reminds each lead of their actions with no update in the open round covering them, round by
 * round (rounds per plan: a monthly board round and a quarterly review may both be due), from
 * ROUND_REMINDER_DAYS before its due date.
 */
async function queueRoundReminders(
  db: Db,
  tenant: Tenant,
  { baseUrl, today }: { baseUrl: string; today: string },
): Promise<number> {
  const dueSoon = (r: { due_on: string }) => daysUntil(today, r.due_on) <= ROUND_REMINDER_DAYS;
  if (!(await openRounds(db, tenant)).some(dueSoon)) return 0;
  const missing = (await actionsWithTheirRounds(db, tenant)).filter(
    (a): a is ActionInRoundRow & { round: NonNullable<ActionInRoundRow['round']> } =>
      !!a.round &&
      dueSoon(a.round) &&
      a.status !== 'complete' &&
      !a.updated_in_round &&
      !!a.lead_user_id,
  );
  if (missing.length === 0) return 0;
  // Only leads whose role lets them record the update: a viewer, forum member or adviser who is
  // named as a lead could only reach a "not allowed" page.
  const leads = await activeUpdaters(db, tenant, [...new Set(missing.map((a) => a.lead_user_id!))]);
  const rounds = [...new Map(missing.map((a) => [a.round.id, a.round])).values()];
  let count = 0;
  await db.transaction(async (tx) => {
    for (const round of rounds) {
      const late = round.due_on < today;
      for (const lead of leads) {
        const theirs = missing.filter((a) => a.lead_user_id === lead.id && a.round.id === round.id);
        if (theirs.length === 0) continue;
        const lines = theirs.map(
          (a) =>
            `- ${a.number} ${a.title}\n  ${baseUrl}/p/${tenant.slug}/plans/${a.plan_id}/actions/${a.id}#update`,
        );
        const queuedOne = await enqueueEmail(tx, tenant, {
          kind: 'round-reminder',
          toAddress: lead.email,
          toName: lead.name,
          subject: roundReminderSubject(round.title, round.due_on, late),
          bodyText: [
            `Dear ${lead.name},`,
            '',
            late
              ? `Updates for ${roundPhrase(round.title)} were due on ${formatDate(round.due_on)}. These actions you lead in ${tenant.partnershipName} have no update yet:`
              : `Updates for ${roundPhrase(round.title)} are due by ${formatDate(round.due_on)}. These actions you lead in ${tenant.partnershipName} have no update yet:`,
            '',
            ...lines,
            '',
            `Your actions: ${baseUrl}/p/${tenant.slug}/my-actions`,
          ].join('\n'),
          dedupeKey: `round:${round.id}:${late ? 'late' : 'due'}:${lead.id}`,
        });
        if (queuedOne) count++;
      }
    }
  });
  return count;
}

async function queueDeadlineReminders(
  db: Db,
  tenant: Tenant,
  { baseUrl, today }: { baseUrl: string; today: string },
): Promise<number> {
  const due = (await partnershipDeadlines(db, tenant, today)).filter(
    (d) => d.status === 'due_soon' || d.status === 'overdue' || d.status === 'needs_setting',
  );
  if (due.length === 0) return 0;
  const admins = await db.query<Person>(
    `SELECT u.id, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.partnership_id = $1 AND m.role = 'admin' AND m.disabled_at IS NULL AND u.disabled_at IS NULL`,
    [tenant.partnershipId],
  );
  let count = 0;
  await db.transaction(async (tx) => {
    for (const d of due) {
      const when = d.date ? `${d.approximate ? 'about ' : ''}${formatDate(d.date)}` : 'not yet set';
      for (const admin of admins) {
        const queuedOne = await enqueueEmail(tx, tenant, {
          kind: 'deadline-reminder',
          toAddress: admin.email,
          toName: admin.name,
          subject:
            d.status === 'needs_setting'
              ? `${d.label}: confirm the rule in Sendboard`
              : `${d.label}: ${d.status === 'overdue' ? 'overdue since' : 'due'} ${when}`,
          bodyText: [
            `Dear ${admin.name},`,
            '',
            `${d.label} (${tenant.partnershipName}): ${when}.`,
            d.explanation,
            '',
            `Source: ${d.source}`,
            '',
            `Dashboard: ${baseUrl}/p/${tenant.slug}`,
          ].join('\n'),
          dedupeKey: `deadline:${d.key}:${d.status === 'overdue' ? 'overdue' : 'soon'}:${d.date ?? 'unset'}:${admin.id}`,
        });
        if (queuedOne) count++;
      }
    }
  });
  return count;
}

async function activeUpdaters(db: Db, tenant: Tenant, userIds: string[]): Promise<Person[]> {
  return db.query<Person>(
    `SELECT u.id, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.partnership_id = $1 AND m.user_id = ANY($2::uuid[]) AND m.role = ANY($3::text[])
       AND m.disabled_at IS NULL AND u.disabled_at IS NULL`,
    [tenant.partnershipId, userIds, [...ROLES_THAT_UPDATE]],
  );
}
