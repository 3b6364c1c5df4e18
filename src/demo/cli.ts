import { loadConfig } from '../platform/config/config.js';
import { openAndMigrate } from '../platform/db/open.js';
import { ROLE_LABELS } from '../platform/identity/types.js';
import { createDemo, type DemoResult } from './demo-service.js';
import { DISTRICTS } from './demo-performance.js';

/**
 * `sendboard demo`: creates the fictional Northshire partnership(s) and prints how to sign in. On
 * a Sendboard with no platform owner yet (a new one: the demo's people mean the set-up page will
 * not be shown), the demo's lead admin becomes the platform owner, so someone can create
 * partnerships, and the output says so.
 */
export async function runDemo(options: { years: number; partnerships: number }): Promise<void> {
  const db = await openAndMigrate(loadConfig());
  try {
    const started = Date.now();
    const result = await createDemo(db, { ...options, platformOwnerIfNone: true });
    console.log(formatDemo(result, Date.now() - started));
  } finally {
    await db.close();
  }
}

export function formatDemo(result: DemoResult, ms?: number): string {
  const lines: string[] = [];
  const [first, ...others] = result.partnerships;
  if (!first) return 'No demo partnership was created.';
  const total = result.partnerships.reduce((n, p) => n + p.counts.updates, 0);
  lines.push(
    `Created ${result.partnerships.length === 1 ? 'the fictional demo partnership' : `${result.partnerships.length} fictional demo partnerships`}` +
      ` (${first.counts.actions} actions, ${first.counts.rounds} update rounds, ${total} updates${ms === undefined ? '' : `, ${(ms / 1000).toFixed(1)} s`}).`,
    `Performance: ${first.counts.indicators} indicators with a few years of values, a January school census of ${first.counts.schools} schools in ${DISTRICTS.length} districts, ${first.counts.ehcRequests} requests for an EHC needs assessment.`,
    '',
  );
  for (const p of result.partnerships.slice(0, 10)) {
    lines.push(
      `${p.name}`,
      `  overview:    ${p.path}`,
      `  plan:        ${p.planPath}`,
      `  performance: ${p.path}/performance`,
    );
  }
  if (result.partnerships.length > 10)
    lines.push(`…and ${result.partnerships.length - 10} more, named the same way.`);
  lines.push('', `Sign in to ${first.name} as any of these people:`);
  const width = Math.max(...first.people.map((p) => p.email.length));
  for (const person of first.people)
    lines.push(
      `  ${person.email.padEnd(width)}  ${ROLE_LABELS[person.role].padEnd(28)}  ${person.name}, ${person.job}`,
    );
  if (others.length)
    lines.push(
      `The other copies have the same people at their own domain, for example ${others[0]!.people[0]!.email}.`,
    );
  if (result.platformOwner)
    lines.push(
      '',
      `Sendboard had no platform owner, so ${result.platformOwner.name} (${result.platformOwner.email}) is now its platform owner:`,
      'signed in as her, /partnerships/new (Your partnerships → Create a partnership) sets up your own.',
      'The set-up page is not shown once Sendboard has people; `sendboard user add --platform-owner` adds another owner.',
    );
  lines.push(
    '',
    `Every demo account shares this password (shown once): ${result.password}`,
    'Everything in the demo is fictional.',
  );
  return lines.join('\n');
}
