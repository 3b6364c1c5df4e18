/** Set-up: the first partnership and its first admin, and the demo partnership if asked for. */
import type { Db } from '../../platform/db/db.js';
import { parseInput } from '../../platform/commands/input.js';
import { invalid, ok, refused, type Result } from '../../platform/commands/result.js';
import { newPasswordProblems, typedText } from '../../people/index.js';
import { createDemo } from '../../demo/index.js';
import { SetupInput } from '../inputs.js';
import { AlreadySetUpError, setUpSendboard } from '../setup-service.js';

/** The demo partnership, when asked for: its name, or why it could not be made. */
export type DemoOutcome = { name: string } | { failed: unknown } | undefined;

export type SetUp = Awaited<ReturnType<typeof setUpSendboard>> & { demo: DemoOutcome };

/**
 * Sets Sendboard up, refused once someone has (another set-up may finish a moment earlier). The
 * demo, if asked for, comes after: its failure leaves the set-up done and is reported.
 */
export async function setUp(db: Db, raw: unknown, requestId: string): Promise<Result<SetUp>> {
  const parsed = parseInput(SetupInput, raw);
  const password = typedText(raw, 'password');
  const passwordProblems = newPasswordProblems(password, typedText(raw, 'confirmPassword'), {
    email: typedText(raw, 'email').trim(),
  });
  if (!parsed.ok || passwordProblems.length)
    return invalid(...(parsed.ok ? [] : parsed.problems), ...passwordProblems);
  const input = parsed.value;
  let created: Awaited<ReturnType<typeof setUpSendboard>>;
  try {
    created = await setUpSendboard(db, {
      partnership: { name: input.name, localAuthority: input.localAuthority, laCode: input.laCode },
      admin: { name: input.adminName, email: input.email, password },
      requestId,
    });
  } catch (error) {
    if (error instanceof AlreadySetUpError) return refused(error.message);
    throw error;
  }
  return ok({
    ...created,
    demo: input.demo === 'yes' ? await addDemo(db, created.user.id) : undefined,
  });
}

async function addDemo(db: Db, adminUserId: string): Promise<DemoOutcome> {
  try {
    const demo = await createDemo(db, { adminUserId });
    return { name: demo.partnerships[0]!.name };
  } catch (failed) {
    return { failed };
  }
}
