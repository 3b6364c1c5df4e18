/**
 * A partnership with more of everything than the Overview shows: overdue actions, actions due
 * soon, open risks, planned meetings and board follow-ups, for the "See all" pages' tests.
 */
import type { Db } from '../../src/platform/db/db.js';
import type { Tenant } from '../../src/platform/tenancy/tenancy.js';
import { createInspection } from '../../src/inspections/index.js';
import { addAction, addPriority, changePlanStatus, createPlan } from '../../src/plans/index.js';
import { openRound } from '../../src/progress/index.js';
import { createRisk } from '../../src/risks/index.js';
import {
  addBoardMember,
  createBoard,
  createMeeting,
  followUps,
} from '../../src/governance/index.js';
import { todayInLondon } from '../../src/platform/web/today.js';

export type FullListCounts = {
  overdue: number;
  dueSoon: number;
  risks: number;
  meetings: number;
  followUps: number;
};

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const pad = (n: number) => String(n).padStart(2, '0');

/** Seeds `counts` of each list (names numbered from 01) for `tenant`, led and owned by `userId`. */
export async function seedFullLists(
  db: Db,
  tenant: Tenant,
  actor: { userId: string; name: string },
  label: string,
  counts: FullListCounts,
  options: { leadUserId?: string; organisationId?: string | null } = {},
) {
  const today = todayInLondon();
  const context = { db, actor, tenant };
  const inspection = await createInspection(
    db,
    actor,
    tenant,
    {
      framework: '2016',
      kind: 'initial',
      onSiteStart: '2025-11-24',
      onSiteEnd: '2025-11-28',
      publishedOn: '2025-12-19',
      team: '',
      outcome: null,
      wsoaRequired: true,
      outcomeText: '',
    },
    [
      {
        type: 'significant_weakness',
        question: null,
        text: `${label} weakness`,
        sufficientProgress: null,
      },
    ],
  );
  const plan = await createPlan(db, actor, tenant, {
    kind: 'wsoa',
    inspectionId: inspection.id,
    title: `${label} WSoA`,
    ownerUserId: null,
  });
  const priority = (await addPriority(db, actor, tenant, plan.id, {
    title: `${label} leadership`,
    description: '',
    findingIds: [],
  }))!;
  const action = (title: string, dueDate: string) =>
    addAction(db, actor, tenant, plan.id, {
      priorityId: priority.id,
      title,
      description: '',
      category: 'strategic',
      leadUserId: options.leadUserId ?? actor.userId,
      leadOrganisationId: options.organisationId ?? null,
      partnerIds: [],
      startDate: null,
      dueDate,
    });
  // Overdue by one day more for each, so the oldest (the last numbered) is listed first.
  for (let n = 1; n <= counts.overdue; n++)
    await action(`${label} overdue action ${pad(n)}`, addDays(today, -n));
  for (let n = 1; n <= counts.dueSoon; n++)
    await action(`${label} action due soon ${pad(n)}`, addDays(today, n));
  await changePlanStatus(db, actor, tenant, plan.id, {
    to: 'signed_off',
    version: 1,
    note: '',
    eventOn: '2026-03-20',
  });
  await openRound(db, actor, tenant, {
    title: `${label} update round`,
    openedOn: today,
    dueOn: addDays(today, 60),
  });
  // Scores from high to low: risk 01 is the top one.
  for (let n = 1; n <= counts.risks; n++)
    await createRisk(context, {
      title: `${label} risk ${pad(n)}`,
      ownerUserId: actor.userId,
      inherentLikelihood: 5,
      inherentImpact: 5,
      currentLikelihood: 5 - Math.min(4, Math.floor((n - 1) / 5)),
      currentImpact: 5 - ((n - 1) % 5),
    });
  const board = await createBoard(context, {
    name: `${label} improvement board`,
    kind: 'send_board',
  });
  if (board.kind !== 'ok') throw new Error('board not created');
  const member = await addBoardMember(context, board.value.id, { name: `${label} member` });
  if (member.kind !== 'ok') throw new Error('member not created');
  const meetingIds: string[] = [];
  for (let n = 1; n <= Math.max(1, counts.meetings); n++) {
    const meeting = await createMeeting(context, board.value.id, {
      meetsOn: addDays(today, 7 * n),
      status: 'planned',
    });
    if (meeting.kind !== 'ok') throw new Error('meeting not created');
    meetingIds.push(meeting.value.id);
  }
  for (let n = 1; n <= counts.followUps; n++)
    await followUps.add(context, meetingIds[0]!, {
      text: `${label} follow-up ${pad(n)}`,
      ownerMemberId: member.value.id,
      dueOn: addDays(today, n - 3),
    });
  return { planId: plan.id, boardId: board.value.id, meetingIds };
}
