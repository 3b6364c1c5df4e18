/**
 * `createDemo`: the fictional Northshire partnership with a year (or more) of history, built
 * through the same services and repositories as the pages, so audit entries, versions and
 * numbering are real. Only the monthly updates go in bulk, for speed. All of it is one
 * transaction: a demo that fails partway leaves nothing behind.
 */
import type { Db, Queryable } from '../platform/db/db.js';
import type { Actor, Role } from '../platform/identity/types.js';
import { generatePassword, hashPassword } from '../platform/identity/passwords.js';
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
import { todayInLondon } from '../platform/web/today.js';
import { addStarterSet, addTarget, editIndicator } from '../performance/indicators/index.js';
import { listIndicators } from '../performance/indicators/index.js';
import { columnsOfRow } from '../performance/indicators/index.js';
import { checkImport, saveImport, type ImportCheckResult } from '../performance/imports/index.js';
import type { DataImportKind } from '../performance/imports/index.js';
import { checkCensusUpload, confirmCensus, stageCensus } from '../performance/census/index.js';
import { checkCaseFile, saveCaseSet, summariseCases } from '../performance/timeliness/index.js';
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
  findUserById,
  hasPlatformOwner,
  insertUpdatesInBulk,
  syncActionsWithLatestUpdates,
  takenDemoNames,
  type BulkUpdate,
} from './demo-repository.js';
import { addMonths, demoTimeline, endOfMonth, type DemoTimeline } from './demo-timeline.js';
import {
  DEMO_LINKS,
  DEMO_TARGETS,
  performanceFiles,
  targetDueOn,
  type PerformanceFiles,
} from './demo-performance.js';
import { recordAudit } from '../platform/audit/record.js';

export type DemoOptions = {
  /** Years of monthly history: 12 rounds each (default 1). */
  years?: number;
  /** How many copies: Northshire, Northshire 2, Northshire 3… (default 1). */
  partnerships?: number;
  /** An existing person who becomes an admin of every copy too (the set-up page's new admin). */
  adminUserId?: string;
  /** The date history ends on, YYYY-MM-DD (default today in England). */
  today?: string;
  /** The password every demo account shares (default: a new random one). */
  password?: string;
  /**
   * When Sendboard has no platform owner yet (the command line on a new Sendboard), the first
   * copy's lead admin becomes it, so someone can create partnerships. The set-up page has made
   * its admin the owner already.
   */
  platformOwnerIfNone?: boolean;
};

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

export type DemoResult = {
  password: string;
  partnerships: DemoPartnership[];
  /** The demo person made platform owner, when Sendboard had none. */
  platformOwner: DemoPersonAccount | null;
};

export class DemoOptionError extends Error {}

const GENERATOR: Actor = { userId: null, name: 'Sendboard demo generator' };
const HISTORY_SEED = 2016;

export async function createDemo(db: Db, options: DemoOptions = {}): Promise<DemoResult> {
  const years = options.years ?? 1;
  const copies = options.partnerships ?? 1;
  if (!Number.isInteger(years) || years < 1 || years > 200)
    throw new DemoOptionError('Years of history must be a whole number from 1 to 200');
  if (!Number.isInteger(copies) || copies < 1 || copies > 1000)
    throw new DemoOptionError('Partnerships must be a whole number from 1 to 1000');
  const today = options.today ?? todayInLondon();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new DemoOptionError('Today must be YYYY-MM-DD');
  const admin = options.adminUserId ? await findUserById(db, options.adminUserId) : undefined;
  if (options.adminUserId && !admin) throw new DemoOptionError('No such person to make an admin');

  const password = options.password ?? generatePassword();
  // Hashing is deliberately slow: before the transaction, which then holds its locks less long.
  const passwordHash = await hashPassword(password);
  const timeline = demoTimeline(today, years);
  // The performance files do not grow with the years of history, and copies share them.
  const performance = performanceFiles(today, timeline.planStart);
  const partnerships = await db.transaction(async (tx) => {
    // Two demos at once (PostgreSQL) queue here, so the second sees the first's copy and takes
    // the next number rather than failing on the first's names.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('sendboard demo', 0))`);
    const inside = runningIn(db, tx);
    const numbers = freeCopyNumbers(await takenDemoNames(tx), copies);
    const makeOwner = options.platformOwnerIfNone === true && !(await hasPlatformOwner(tx));
    const created: DemoPartnership[] = [];
    for (const n of numbers)
      created.push(
        await createCopy(inside, {
          n,
          years,
          today,
          timeline,
          passwordHash,
          admin,
          performance,
          platformOwner: makeOwner && n === numbers[0],
        }),
      );
    return { created, makeOwner };
  });
  const first = partnerships.created[0]!;
  return {
    password,
    partnerships: partnerships.created,
    platformOwner: partnerships.makeOwner
      ? first.people.find((p) => p.name === PEOPLE[LEAD_ADMIN].name)!
      : null,
  };
}

/**
 * The database as the demo's services see it: each transaction they open runs as part of the
 * demo's one transaction `tx`, so their writes commit together or not at all. Nothing in the
 * demo catches an error from a service: any error ends the whole demo, and the database rolls
 * all of it back. Every query must go through `tx`: PGlite's single connection is busy with it.
 */
function runningIn(db: Db, tx: Queryable): Db {
  return {
    kind: db.kind,
    writeGeneration: db.writeGeneration,
    query: (sql, params) => tx.query(sql, params),
    transaction: (fn) => fn(tx),
    exec: () => Promise.reject(new Error('The demo runs statements one at a time')),
    close: () => Promise.reject(new Error('The demo does not close the database')),
  };
}

const copyName = (n: number) =>
  n === 1 ? PARTNERSHIP.name : PARTNERSHIP.name.replace('Northshire', `Northshire ${n}`);
const copyDomain = (n: number) =>
  n === 1
    ? PARTNERSHIP.emailDomain
    : PARTNERSHIP.emailDomain.replace('northshire', `northshire${n}`);

/** The lowest copy numbers whose partnership name and email domain are both unused. */
export function freeCopyNumbers(
  taken: { partnershipNames: string[]; emails: string[] },
  count: number,
): number[] {
  const names = new Set(taken.partnershipNames.map((n) => n.toLowerCase()));
  const domains = new Set(taken.emails.map((e) => e.toLowerCase().split('@')[1]));
  const free: number[] = [];
  for (let n = 1; free.length < count; n++)
    if (!names.has(copyName(n).toLowerCase()) && !domains.has(copyDomain(n))) free.push(n);
  return free;
}

async function createCopy(
  db: Db,
  input: {
    n: number;
    years: number;
    today: string;
    timeline: DemoTimeline;
    passwordHash: string;
    admin: { id: string; name: string; email: string } | undefined;
    performance: PerformanceFiles;
    platformOwner: boolean;
  },
): Promise<DemoPartnership> {
  const { n, years, timeline } = input;
  const domain = copyDomain(n);

  // The partnership, its people and their organisations.
  const partnership = await db.transaction((tx) =>
    createPartnership(tx, GENERATOR, {
      name: copyName(n),
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
  const people = (Object.entries(PEOPLE) as [PersonKey, (typeof PEOPLE)[PersonKey]][]).map(
    ([, p]) => ({ name: p.name, email: demoEmail(p.name, domain), role: p.role, job: p.job }),
  );
  const leadAdmin = PEOPLE[LEAD_ADMIN];
  const actor: Actor = { userId: userIds[LEAD_ADMIN], name: `${leadAdmin.name} (demo data)` };

  // The inspection and its findings, as the outcome letter lists them.
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

  // The written statement of action: priorities, numbered actions (a few lettered sub-actions,
  // like 3.5 a), success measures.
  const plan = await createPlan(db, actor, tenant, {
    kind: 'wsoa',
    inspectionId: inspection.id,
    title: 'Northshire written statement of action',
    ownerUserId: userIds[LEAD_ADMIN],
  });
  const historyActions: HistoryAction[] = [];
  const actionIds: string[] = [];
  const trackedMeasureTexts: (string | null)[] = [];
  for (const priority of PRIORITIES) {
    const created = await addPriority(db, actor, tenant, plan.id, {
      title: priority.title,
      description: priority.description,
      findingIds: priority.weaknesses.map(findingId),
    });
    let topLevelId: string | null = null;
    for (const action of priority.actions) {
      const startDate = addMonths(timeline.planStart, action.start * years);
      const dueDate = endOfMonth(addMonths(startDate, action.months * years - 1));
      const added = await addAction(db, actor, tenant, plan.id, {
        priorityId: created!.id,
        parentActionId: action.subAction ? topLevelId : null,
        title: action.title,
        description: '',
        category: action.category,
        leadUserId: userIds[action.lead],
        leadOrganisationId: orgIds[action.org],
        partnerIds: action.partners.map((p) => orgIds[p]),
        startDate,
        dueDate,
      });
      if (!action.subAction) topLevelId = added!.id;
      for (const measure of action.measures)
        await addMeasure(db, actor, tenant, plan.id, added!.id, {
          text: measure.text,
          target: measure.target,
          targetDate: dueDate,
        });
      const tracked = action.measures.find((m) => m.baseline !== undefined && m.target !== null);
      actionIds.push(added!.id);
      trackedMeasureTexts.push(tracked ? tracked.text : null);
      historyActions.push({
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
    }
  }

  // Signed off by the board, submitted, and judged fit for purpose: versions are frozen.
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
    const current = await findPlan(db, tenant, plan.id);
    await changePlanStatus(db, actor, tenant, plan.id, {
      to,
      version: current!.version,
      note,
      eventOn,
    });
  }

  // Monthly update rounds, all closed but the latest, then their updates in bulk.
  const roundIds: string[] = [];
  for (const round of timeline.rounds) {
    const { id } = await openRound(db, actor, tenant, {
      title: round.title,
      openedOn: round.openedOn,
      dueOn: round.dueOn,
    });
    if (!round.open) await finishRound(db, actor, tenant, id);
    roundIds.push(id);
  }
  const measureRows = await db.query<{ id: string; action_id: string; text: string }>(
    'SELECT id, action_id, text FROM success_measures WHERE partnership_id = $1',
    [tenant.partnershipId],
  );
  const measureId = (i: number) =>
    measureRows.find((m) => m.action_id === actionIds[i] && m.text === trackedMeasureTexts[i])
      ?.id ?? null;
  const personKeys = Object.keys(PEOPLE) as PersonKey[];
  const history = generateHistory(historyActions, timeline.rounds, {
    seed: HISTORY_SEED, // copies are copies: the same history in each
    today: input.today,
    programmeManager: personIndex(PROGRAMME_MANAGER),
    authorNames: personKeys.map((k) => PEOPLE[k].name),
  });
  const measureIdsByAction = actionIds.map((_, i) => measureId(i));
  const rows: BulkUpdate[] = history.map((u) => ({
    action_id: actionIds[u.action]!,
    round_id: roundIds[u.round]!,
    status: u.status,
    rag: u.rag,
    narrative: u.narrative,
    measure_id: u.measureValue === null ? null : measureIdsByAction[u.action]!,
    measure_value: u.measureValue,
    author_user_id: userIds[personKeys[u.author]!],
    created_at: u.createdAt,
  }));
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

  // Performance: indicators with values, targets and links, the geography, a school census and
  // an EHC case set, each imported as a person would import its file.
  const titles = new Map(
    PRIORITIES.flatMap((p) => p.actions).map((action, i) => [action.title, actionIds[i]!]),
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
      actions: actionIds.length,
      rounds: roundIds.length,
      updates: rows.length,
      ...performed,
    },
  };
}

function must<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}

async function importFile<K extends DataImportKind>(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  kind: K,
  fileName: string,
  csv: string,
): Promise<void> {
  const checked: ImportCheckResult<K> = await checkImport(db, tenant, kind, {
    input: new TextEncoder().encode(csv),
    fileName,
  });
  if (!checked.ok)
    throw new Error(`The demo's ${fileName} was refused: ${problems(checked.errors)}`);
  await saveImport(db, actor, tenant, checked);
}

const problems = (errors: readonly { row: number; message: string }[]) =>
  errors
    .slice(0, 3)
    .map((e) => `row ${e.row}: ${e.message}`)
    .join('; ');

async function addPerformance(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: {
    today: string;
    files: PerformanceFiles;
    userIds: Record<PersonKey, string>;
    actionId: (title: string) => string;
    findingId: (key: WeaknessKey) => string;
  },
): Promise<{ indicators: number; schools: number; ehcRequests: number }> {
  const { files, today } = input;
  const { added } = await addStarterSet(db, actor, tenant);
  await importFile(db, actor, tenant, 'geography', 'northshire-schools.csv', files.geography);
  await importFile(
    db,
    actor,
    tenant,
    'indicator_values',
    'northshire-indicators.csv',
    files.values,
  );

  const indicators = new Map(
    (await listIndicators(db, tenant, { archived: false })).map((i) => [i.code, i]),
  );
  const indicator = (code: string) => must(indicators.get(code), `No indicator ${code}`);
  for (const target of DEMO_TARGETS)
    await addTarget(db, actor, tenant, indicator(target.code).id, {
      value: target.value,
      dueOn: targetDueOn(today, target.dueInMonths),
      note: target.note,
    });
  for (const link of DEMO_LINKS) {
    const row = indicator(link.code);
    const edited = await editIndicator(
      db,
      actor,
      tenant,
      row.id,
      {
        name: row.name,
        code: row.code,
        definition: row.definition,
        unit: row.unit,
        polarity: row.polarity,
        frequency: row.frequency,
        source: row.source,
        ownerUserId: input.userIds[link.owner],
        ...columnsOfRow(row),
        actionIds: link.actions.map(input.actionId),
        findingIds: link.findings.map(input.findingId),
      },
      row.version,
    );
    if (edited.outcome !== 'ok') throw new Error(`Could not link indicator ${link.code}`);
  }

  const census = files.census;
  const check = await checkCensusUpload(db, tenant, new TextEncoder().encode(census.csv), {
    fileName: 'northshire-spring-census.csv',
    censusDate: census.date,
  });
  if (check.errorCount > 0 || check.notInGeography.length > 0)
    throw new Error(`The demo's census was refused: ${problems(check.errors)}`);
  const pendingId = await stageCensus(db, actor, tenant, {
    fileName: 'northshire-spring-census.csv',
    label: census.label,
    censusDate: census.date,
    check,
  });
  if ((await confirmCensus(db, actor, tenant, pendingId)).status !== 'saved')
    throw new Error('The demo census was not saved');

  const fileName = 'northshire-ehc-requests.csv';
  const cases = await checkCaseFile(new TextEncoder().encode(files.cases.csv), {
    fileName,
    today,
  });
  if (cases.errorCount > 0)
    throw new Error(`The demo's EHC requests were refused: ${problems(cases.errors)}`);
  const label = 'EHC needs assessment requests (demo)';
  await db.transaction((tx) =>
    saveCaseSet(tx, actor, tenant, {
      label,
      fileName,
      rowsRead: cases.rowsRead,
      cases: cases.cases,
      summary: summariseCases(label, cases.cases, cases),
    }),
  );
  return { indicators: added.length, schools: census.schools, ehcRequests: cases.cases.length };
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
