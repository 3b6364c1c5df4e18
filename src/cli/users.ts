import { loadConfig } from '../platform/config/config.js';
import { openAndMigrate } from '../platform/db/open.js';
import { ROLES, type Actor, type Role } from '../platform/identity/types.js';
import {
  countUsers,
  findUserByEmail,
  insertUser,
} from '../platform/identity/identity-repository.js';
import { generatePassword, hashPassword } from '../platform/identity/passwords.js';
import { passwordProblem } from '../platform/identity/password-policy.js';
import { FormErrors, requireEmail, requireText } from '../platform/web/forms.js';
import { validatePartnership } from '../partnerships/index.js';
import { findPartnershipBySlug } from '../partnerships/index.js';
import { setUpSendboard } from '../setup/index.js';
import { addPerson } from '../people/index.js';
import { systemTenant } from '../platform/tenancy/tenancy.js';
import { createToken } from '../account/index.js';
import { recordAudit } from '../platform/audit/record.js';

const CLI_ACTOR: Actor = { userId: null, name: 'Command line' };

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

class CliError extends Error {}

function fail(errors: FormErrors): never {
  throw new CliError(
    errors.list
      .map((e) => `--${e.field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${e.text}`)
      .join('\n'),
  );
}

type UserAddOptions = {
  email: string;
  name: string;
  partnership?: string;
  role: string;
  platformOwner?: boolean;
  partnershipName?: string;
  localAuthority?: string;
  laCode?: string;
  passwordStdin?: boolean;
};

/** `sendboard user add`: the CLI twin of the set-up page and of "Add a person". */
export async function runUserAdd(options: UserAddOptions): Promise<void> {
  const errors = new FormErrors();
  const email = options.email.trim();
  const name = options.name.trim();
  requireEmail(errors, 'email', email);
  requireText(errors, 'name', name, { label: 'full name', max: 120 });
  if (!(ROLES as readonly string[]).includes(options.role))
    errors.add('role', `Role must be one of ${ROLES.join(', ')}`);
  const partnershipInput = options.partnershipName
    ? {
        name: options.partnershipName.trim(),
        localAuthority: (options.localAuthority ?? '').trim(),
        laCode: (options.laCode ?? '').trim(),
      }
    : undefined;
  if (partnershipInput) {
    const partnershipErrors = new FormErrors();
    validatePartnership(partnershipInput, partnershipErrors);
    for (const e of partnershipErrors.list)
      errors.add(e.field === 'name' ? 'partnershipName' : e.field, e.text);
  }
  let password: string;
  let generated = false;
  if (options.passwordStdin) {
    password = (await readStream(process.stdin)).replace(/\r?\n$/, '');
    const problem = passwordProblem(password, { email });
    if (problem) errors.add('passwordStdin', problem);
  } else {
    password = generatePassword();
    generated = true;
  }
  if (errors.any) fail(errors);

  const db = await openAndMigrate(loadConfig());
  try {
    const firstUser = (await countUsers(db)) === 0;
    if (partnershipInput && firstUser) {
      const { partnership } = await setUpSendboard(db, {
        partnership: partnershipInput,
        admin: { name, email, password },
        via: 'command line',
      });
      console.log(
        `Created partnership ${partnership.name} (${partnership.slug}) and its first admin, ${email}.`,
      );
    } else if (partnershipInput) {
      throw new CliError(
        'Sendboard is already set up. Create further partnerships in the browser (Your partnerships → Create a partnership).',
      );
    } else if (options.partnership) {
      const partnership = await findPartnershipBySlug(db, options.partnership);
      if (!partnership)
        throw new CliError(`No partnership with the URL name "${options.partnership}"`);
      const existing = await findUserByEmail(db, email);
      await addPerson(db, CLI_ACTOR, systemTenant(partnership), {
        name,
        email,
        role: options.role as Role,
        password: existing ? undefined : password,
      });
      console.log(`Added ${email} to ${partnership.name} as ${options.role}.`);
      if (existing) {
        generated = false; // they keep their existing password
        console.log('They already had an account and keep their password.');
      }
    } else if (firstUser) {
      throw new CliError(
        'On a new Sendboard, also give --partnership-name, --local-authority and --la-code to create the first partnership.',
      );
    } else if (options.platformOwner) {
      if (await findUserByEmail(db, email)) throw new CliError(`${email} already has an account`);
      await db.transaction(async (tx) => {
        const created = await insertUser(tx, {
          email,
          name,
          passwordHash: await hashPassword(password),
          isPlatformOwner: true,
        });
        await recordAudit(tx, CLI_ACTOR, {
          partnershipId: null,
          entityType: 'person',
          entityId: created.id,
          action: 'create platform owner',
          after: { name, email },
        });
      });
      console.log(`Created platform owner ${email}.`);
    } else {
      throw new CliError('Give --partnership <slug> to say which partnership to add them to.');
    }
    if (generated) console.log(`Password (shown once): ${password}`);
  } finally {
    await db.close();
  }
}

export async function runTokenCreate(options: { email: string; name: string }): Promise<void> {
  const db = await openAndMigrate(loadConfig());
  try {
    const user = await findUserByEmail(db, options.email.trim());
    if (!user || user.disabled_at) throw new CliError(`No active account for ${options.email}`);
    const { token } = await createToken(
      db,
      CLI_ACTOR,
      user.id,
      options.name.trim().slice(0, 80) || 'Command line',
    );
    console.log(token);
  } finally {
    await db.close();
  }
}
