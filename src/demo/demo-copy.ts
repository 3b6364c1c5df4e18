/**
 * One copy of the Northshire demo partnership, step by step: its people and organisations, the
 * inspection, the written statement of action, its approval, the monthly rounds with their
 * history of updates, and the performance data. Every step goes through the same services as the
 * pages, so audit entries, versions and numbering are real.
 */
import type { Db } from '../platform/db/db.js';
import type { Actor, Role } from '../platform/identity/types.js';
import { insertUser } from '../platform/identity/identity-repository.js';
import { createPartnership } from '../partnerships/index.js';
import { insertMembership } from '../partnerships/index.js';
import { addOrganisationMember } from '../organisations/index.js';
import { createOrganisation } from '../organisations/index.js';
import { createInspection } from '../inspections/index.js';
import { findPlan, listPlanFindings } from '../plans/index.js';
import {
  addAction,
  addMeasure,
  addPriority,
  changePlanStatus,
  createPlan,
} from '../plans/index.js';
import type { PlanStatus } from '../plans/index.js';
import { finishRound, openRound } from '../progress/index.js';
import { systemTenant, type Tenant } from '../platform/tenancy/tenancy.js';
import {
  demoEmail,
  INSPECTION,
  LEAD_ADMIN,
  ORGANISATIONS,
  PARTNERSHIP,
  PEOPLE,
  PRIORITIES,
  PROGRAMME_MANAGER,
  STRENGTHS_AND_AREAS,
  WEAKNESSES,
  type OrgKey,
  type PersonKey,
  type WeaknessKey,
} from './demo-content.js';
import { generateHistory, type HistoryAction } from './demo-history.js';
import {
  backdateRounds,
  insertUpdatesInBulk,
  syncActionsWithLatestUpdates,
  type BulkUpdate,
} from './demo-repository.js';
import { addMonths, endOfMonth, type DemoTimeline } from './demo-timeline.js';
import type { PerformanceFiles } from './demo-performance.js';
import { addPerformance, must } from './demo-imports.js';
import { recordAudit } from '../platform/audit/record.js';

export type DemoPersonAccount = { name: string; email: string; role: Role; job: string };

export type DemoPartnership = {
  id: string;
  slug: string;
  name: string;
  path: string;
  planPath: string;
  people: DemoPersonAccount[];
  counts: {
    actions: number;
    rounds: number;
    updates: number;
    indicators: number;
    schools: number;
    ehcRequests: number;
  };
};

export type CopyInput = {
  n: number;
  years: number;
  today: string;
  timeline: DemoTimeline;
  passwordHash: string;
  admin: { id: string; name: string; email: string } | undefined;
  performance: PerformanceFiles;
  platformOwner: boolean;
};

const GENERATOR: Actor = { userId: null, name: 'Sendboard demo generator' };
const HISTORY_SEED = 2016;

export const copyName = (n: number) =>
  n === 1 ? PARTNERSHIP.name : PARTNERSHIP.name.replace('Northshire', `Northshire ${n}`);
export const copyDomain = (n: number) =>
  n === 1
    ? PARTNERSHIP.emailDomain
    : PARTNERSHIP.emailDomain.replace('northshire', `northshire${n}`);

/** Where each step writes: the copy's partnership, as its lead admin (or the generator). */
type Scope = { db: Db; tenant: Tenant; actor: Actor };

export async function createCopy(db: Db, input: CopyInput): Promise<DemoPartnership> {
  const { partnership, tenant, orgIds, userIds, people } = await addPartnershipAndPeople(db, input);
  const leadAdmin = PEOPLE[LEAD_ADMIN];
  const actor: Actor = { userId: userIds[LEAD_ADMIN], name: `${leadAdmin.name} (demo data)` };
  const scope: Scope = { db, tenant, actor };
  const { inspectionId, findingId } = await addInspection(scope, input.timeline);
  const plan = await addWrittenStatement(scope, input, {
    inspectionId,
    findingId,
    orgIds,
    userIds,
  });
  await approvePlan(scope, plan.id, input.timeline);
  const history = await addHistory(scope, input, plan, userIds);

  // Performance: indicators with values, targets and links, the geography, a school census and
  // an EHC case set, each imported as a person would import its file.
  const titles = new Map(
    PRIORITIES.flatMap((p) => p.actions).map((action, i) => [action.title, plan.actionIds[i]!]),
  );
  const performed = await addPerformance(db, actor, tenant, {
    today: input.today,
    files: input.performance,
    userIds,
    actionId: (title) => must(titles.get(title), `No demo action titled ${title}`),
    findingId,
  });

  return {
    id: partnership.id,
    slug: partnership.slug,
    name: partnership.name,
    path: `/p/${partnership.slug}`,
    planPath: `/p/${partnership.slug}/plans/${plan.id}`,
    people,
    counts: {
      actions: plan.actionIds.length,
      rounds: history.rounds,
      updates: history.updates,
      ...performed,
    },
  };
}

/** The partnership, its organisations and its people (with the set-up admin, if any). */
async function addPartnershipAndPeople(db: Db, input: CopyInput) {
  const domain = copyDomain(input.n);
  const partnership = await db.transaction((tx) =>
    createPartnership(tx, GENERATOR, {
      name: copyName(input.n),
      localAuthority: PARTNERSHIP.localAuthority,
      laCode: PARTNERSHIP.laCode,
    }),
  );
  const tenant = systemTenant(partnership);
  const orgIds = {} as Record<OrgKey, string>;
  for (const [key, org] of Object.entries(ORGANISATIONS) as [
    OrgKey,
    (typeof ORGANISATIONS)[OrgKey],
  ][])
    orgIds[key] = (await createOrganisation(db, GENERATOR, tenant, org)).id;
  const userIds = await addPeople(db, tenant, domain, orgIds, input.passwordHash, input.admin, {
    platformOwner: input.platformOwner ? LEAD_ADMIN : null,
  });
  const people: DemoPersonAccount[] = (
    Object.entries(PEOPLE) as [PersonKey, (typeof PEOPLE)[PersonKey]][]
  ).map(([, p]) => ({ name: p.name, email: demoEmail(p.name, domain), role: p.role, job: p.job }));
  return { partnership, tenant, orgIds, userIds, people };
}

/** The inspection and its findings, as the outcome letter lists them. */
async function addInspection({ db, tenant, actor }: Scope, timeline: DemoTimeline) {
  const inspection = await createInspection(
    db,
    actor,
    tenant,
    {
      framework: '2016',
      kind: 'initial',
      onSiteStart: timeline.onSiteStart,
      onSiteEnd: timeline.onSiteEnd,
      publishedOn: timeline.publishedOn,
      team: INSPECTION.team,
      outcome: null,
      wsoaRequired: true,
      outcomeText: INSPECTION.outcomeText,
    },
    [
      ...STRENGTHS_AND_AREAS.map((f) => ({ ...f, sufficientProgress: null })),
      ...Object.values(WEAKNESSES).map((text) => ({
        type: 'significant_weakness' as const,
        question: null,
        text,
        sufficientProgress: null,
      })),
    ],
  );
  const findings = await listPlanFindings(db, tenant, inspection.id);
  const findingId = (key: WeaknessKey) => findings.find((f) => f.text === WEAKNESSES[key])!.id;
  return { inspectionId: inspection.id, findingId };
}

/** The plan as the later steps need it: its actions in order, with what history tracks. */
type WrittenStatement = {
  id: string;
  actionIds: string[];
  trackedMeasureTexts: (string | null)[];
  historyActions: HistoryAction[];
};

/**
 * The written statement of action: priorities, numbered actions (a few lettered sub-actions,
 * like 3.5 a), success measures.
 */
async function addWrittenStatement(
  scope: Scope,
  input: CopyInput,
  refs: {
    inspectionId: string;
    findingId: (key: WeaknessKey) => string;
    orgIds: Record<OrgKey, string>;
    userIds: Record<PersonKey, string>;
  },
): Promise<WrittenStatement> {
  const { db, tenant, actor } = scope;
  const plan = await createPlan(db, actor, tenant, {
    kind: 'wsoa',
    inspectionId: refs.inspectionId,
    title: 'Northshire written statement of action',
    ownerUserId: refs.userIds[LEAD_ADMIN],
  });
  const statement: WrittenStatement = {
    id: plan.id,
    actionIds: [],
    trackedMeasureTexts: [],
    historyActions: [],
  };
  for (const priority of PRIORITIES) {
    const created = await addPriority(db, actor, tenant, plan.id, {
      title: priority.title,
      description: priority.description,
      findingIds: priority.weaknesses.map(refs.findingId),
    });
    let topLevelId: string | null = null;
    for (const action of priority.actions) {
      const id = await addDemoAction(scope, input, statement, {
        priority,
        priorityId: created!.id,
        parentActionId: action.subAction ? topLevelId : null,
        action,
        orgIds: refs.orgIds,
        userIds: refs.userIds,
      });
      if (!action.subAction) topLevelId = id;
    }
  }
  return statement;
}

type DemoPriority = (typeof PRIORITIES)[number];

/** One action with its success measures, noted in `statement` for the history to follow. */
async function addDemoAction(
  { db, tenant, actor }: Scope,
  { timeline, years }: CopyInput,
  statement: WrittenStatement,
  refs: {
    priority: DemoPriority;
    priorityId: string;
    parentActionId: string | null;
    action: DemoPriority['actions'][number];
    orgIds: Record<OrgKey, string>;
    userIds: Record<PersonKey, string>;
  },
): Promise<string> {
  const { priority, action, orgIds } = refs;
  const startDate = addMonths(timeline.planStart, action.start * years);
  const dueDate = endOfMonth(addMonths(startDate, action.months * years - 1));
  const added = await addAction(db, actor, tenant, statement.id, {
    priorityId: refs.priorityId,
    parentActionId: refs.parentActionId,
    title: action.title,
    description: '',
    category: action.category,
    leadUserId: refs.userIds[action.lead],
    leadOrganisationId: orgIds[action.org],
    partnerIds: action.partners.map((p) => orgIds[p]),
    startDate,
    dueDate,
  });
  for (const measure of action.measures)
    await addMeasure(db, actor, tenant, statement.id, added!.id, {
      text: measure.text,
      target: measure.target,
      targetDate: dueDate,
    });
  const tracked = action.measures.find((m) => m.baseline !== undefined && m.target !== null);
  statement.actionIds.push(added!.id);
  statement.trackedMeasureTexts.push(tracked ? tracked.text : null);
  statement.historyActions.push({
    theme: priority.theme,
    topic: action.topic,
    startDate,
    dueDate,
    lead: personIndex(action.lead),
    reliability: PEOPLE[action.lead].reliability,
    hard: priority.weaknesses.includes('healthWaits') && action.org !== 'council',
    ...(tracked
      ? {
          measure: {
            text: tracked.text,
            baseline: tracked.baseline!,
            target: tracked.target!,
            unit: tracked.unit ?? '',
          },
        }
      : {}),
  });
  return added!.id;
}

/** Signed off by the board, submitted, and judged fit for purpose: versions are frozen. */
async function approvePlan({ db, tenant, actor }: Scope, planId: string, timeline: DemoTimeline) {
  const moves: [PlanStatus, string, string][] = [
    [
      'signed_off',
      timeline.signedOffOn,
      'Signed off by the SEND Improvement Board, Cabinet and the ICB board.',
    ],
    [
      'submitted',
      timeline.submittedOn,
      'Submitted to Ofsted jointly by Northshire County Council and NHS Northshire and Eastvale ICB.',
    ],
    [
      'fit_for_purpose',
      timeline.fitOn,
      'Ofsted and CQC wrote to confirm the written statement is fit for purpose.',
    ],
  ];
  for (const [to, eventOn, note] of moves) {
    const current = await findPlan(db, tenant, planId);
    await changePlanStatus(db, actor, tenant, planId, {
      to,
      version: current!.version,
      note,
      eventOn,
    });
  }
}

/** Monthly update rounds, all closed but the latest, then their updates in bulk. */
async function addHistory(
  scope: Scope,
  input: CopyInput,
  plan: WrittenStatement,
  userIds: Record<PersonKey, string>,
): Promise<{ rounds: number; updates: number }> {
  const { db, tenant, actor } = scope;
  const roundIds: string[] = [];
  for (const round of input.timeline.rounds) {
    const { id } = await openRound(db, actor, tenant, {
      title: round.title,
      openedOn: round.openedOn,
      dueOn: round.dueOn,
    });
    if (!round.open) await finishRound(db, actor, tenant, id);
    roundIds.push(id);
  }
  const rows = await historyRows(scope, input, plan, { roundIds, userIds });
  await db.transaction(async (tx) => {
    await backdateRounds(tx, tenant);
    await insertUpdatesInBulk(tx, tenant, rows);
    await syncActionsWithLatestUpdates(tx, tenant);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'action update',
      entityId: null,
      action: 'create in bulk (demo history)',
      after: { plan_id: plan.id, rounds: roundIds.length, updates: rows.length },
    });
  });
  return { rounds: roundIds.length, updates: rows.length };
}

/** The generated history of updates, as rows for the bulk insert. */
async function historyRows(
  { db, tenant }: Scope,
  input: CopyInput,
  plan: WrittenStatement,
  refs: { roundIds: string[]; userIds: Record<PersonKey, string> },
): Promise<BulkUpdate[]> {
  const { actionIds, trackedMeasureTexts } = plan;
  const measureRows = await db.query<{ id: string; action_id: string; text: string }>(
    'SELECT id, action_id, text FROM success_measures WHERE partnership_id = $1',
    [tenant.partnershipId],
  );
  const measureId = (i: number) =>
    measureRows.find((m) => m.action_id === actionIds[i] && m.text === trackedMeasureTexts[i])
      ?.id ?? null;
  const personKeys = Object.keys(PEOPLE) as PersonKey[];
  const history = generateHistory(plan.historyActions, input.timeline.rounds, {
    seed: HISTORY_SEED, // copies are copies: the same history in each
    today: input.today,
    programmeManager: personIndex(PROGRAMME_MANAGER),
    authorNames: personKeys.map((k) => PEOPLE[k].name),
  });
  const measureIdsByAction = actionIds.map((_, i) => measureId(i));
  return history.map((u) => ({
    action_id: actionIds[u.action]!,
    round_id: refs.roundIds[u.round]!,
    status: u.status,
    rag: u.rag,
    narrative: u.narrative,
    measure_id: u.measureValue === null ? null : measureIdsByAction[u.action]!,
    measure_value: u.measureValue,
    author_user_id: refs.userIds[personKeys[u.author]!],
    created_at: u.createdAt,
  }));
}

function personIndex(key: PersonKey): number {
  return (Object.keys(PEOPLE) as PersonKey[]).indexOf(key);
}

/** Everyone in one transaction, sharing one password hash (hashing is deliberately slow). */
async function addPeople(
  db: Db,
  tenant: Tenant,
  domain: string,
  orgIds: Record<OrgKey, string>,
  passwordHash: string,
  admin: { id: string; name: string; email: string } | undefined,
  options: { platformOwner: PersonKey | null },
): Promise<Record<PersonKey, string>> {
  return db.transaction(async (tx) => {
    const ids = {} as Record<PersonKey, string>;
    for (const [key, person] of Object.entries(PEOPLE) as [
      PersonKey,
      (typeof PEOPLE)[PersonKey],
    ][]) {
      const email = demoEmail(person.name, domain);
      const owner = key === options.platformOwner;
      const user = await insertUser(tx, {
        email,
        name: person.name,
        passwordHash,
        isPlatformOwner: owner,
      });
      ids[key] = user.id;
      await insertMembership(tx, {
        partnershipId: tenant.partnershipId,
        userId: user.id,
        role: person.role,
      });
      for (const org of person.orgs) await addOrganisationMember(tx, tenant, orgIds[org], user.id);
      await recordAudit(tx, GENERATOR, {
        partnershipId: tenant.partnershipId,
        entityType: 'person',
        entityId: user.id,
        action: 'create with password',
        after: {
          name: person.name,
          email,
          role: person.role,
          organisation_id: person.orgs[0] ? orgIds[person.orgs[0]] : null,
          ...(owner ? { platform_owner: true } : {}),
        },
      });
    }
    if (admin) {
      await insertMembership(tx, {
        partnershipId: tenant.partnershipId,
        userId: admin.id,
        role: 'admin',
      });
      await recordAudit(tx, GENERATOR, {
        partnershipId: tenant.partnershipId,
        entityType: 'person',
        entityId: admin.id,
        action: 'add existing account',
        after: { name: admin.name, email: admin.email, role: 'admin' },
      });
    }
    return ids;
  });
}
