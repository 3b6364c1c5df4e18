/**
 * `createDemo`: the fictional Northshire partnership with a year (or more) of history, built
 * through the same services and repositories as the pages, so audit entries, versions and
 * numbering are real. Only the monthly updates go in bulk, for speed. All of it is one
 * transaction: a demo that fails partway leaves nothing behind.
 */
import type { Db, Queryable } from '../platform/db/db.js';
import { generatePassword, hashPassword } from '../platform/identity/passwords.js';
import { todayInLondon } from '../platform/web/today.js';
import { LEAD_ADMIN, PEOPLE } from './demo-content.js';
import { findUserById, hasPlatformOwner, takenDemoNames } from './demo-repository.js';
import { demoTimeline } from './demo-timeline.js';
import { performanceFiles } from './demo-performance.js';
import {
  copyDomain,
  copyName,
  createCopy,
  type DemoPartnership,
  type DemoPersonAccount,
} from './demo-copy.js';

export type { DemoPartnership, DemoPersonAccount } from './demo-copy.js';

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

export type DemoResult = {
  password: string;
  partnerships: DemoPartnership[];
  /** The demo person made platform owner, when Sendboard had none. */
  platformOwner: DemoPersonAccount | null;
};

export class DemoOptionError extends Error {}

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
