/** `sendboard report plan`: the plan document written to a file, for the command line. */
import { writeFile } from 'node:fs/promises';
import type { Db } from '../platform/db/db.js';
import { systemTenant } from '../platform/tenancy/tenancy.js';
import { todayInLondon } from '../platform/web/today.js';
import { partnershipOfPlan } from '../plans/index.js';
import { toDocx } from './docx.js';
import { planDocumentModel } from './render.js';

/** Writes the plan (or its version) as Word to `out`; the error says what was not found. */
export async function writePlanDocument(
  db: Db,
  options: { plan: string; version?: number; out: string },
): Promise<string> {
  const partnership = await partnershipOfPlan(db, options.plan);
  if (!partnership) throw new Error(`No plan has the id ${options.plan}`);
  const model = await planDocumentModel(
    db,
    systemTenant(partnership),
    options.plan,
    todayInLondon(),
    options.version,
  );
  if (!model) throw new Error(`The plan has no version ${options.version}`);
  await writeFile(options.out, await toDocx(model));
  return `Wrote ${model.title}${options.version ? `, version ${options.version}` : ''} to ${options.out}`;
}
