import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../platform/identity/types.js';
import { Type } from 'typebox';
import { field, FormErrors, requireText } from '../platform/web/forms.js';
import { FORM } from '../platform/web/form-input.js';
import { actorFor, typed, userOf } from '../platform/web/request.js';
import { deleteSessionsOfUser, findUserById } from '../platform/identity/identity-repository.js';
import { hashPassword, verifyPassword } from '../platform/identity/passwords.js';
import { validateNewPassword } from '../people/index.js';
import { createToken, listTokens, revokeToken } from './token-service.js';
import { changeOwnName } from './account-service.js';
import { renderConflict } from '../platform/web/conflict.js';
import { recordAudit } from '../platform/audit/record.js';

/** Any token id: one that is not a token's is simply not found (404), as it always was. */
const TokenParams = Type.Object({ tokenId: Type.String() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in person's own account: details, password and personal API tokens. */
export async function accountRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  app.get('/account', async (request, reply) => {
    const user = userOf(request);
    return reply.page('account/account.njk', {
      title: 'Your account',
      account: user,
      roleLabels: ROLE_LABELS,
    });
  });

  const renderName = (reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) =>
    reply.page(
      'account/name.njk',
      { title: 'Change your name', backLink: '/account', values, ...(errors?.toView() ?? {}) },
      errors ? 400 : 200,
    );

  app.get('/account/name', async (request, reply) => {
    const record = await findUserById(app.db, userOf(request).id);
    if (!record) return reply.callNotFound();
    return renderName(reply, { name: record.name, version: String(record.version) });
  });

  app.post('/account/name', { schema: { body: FORM } }, async (request, reply) => {
    const body = request.body;
    const values = { name: field(body, 'name'), version: field(body, 'version') };
    const errors = new FormErrors();
    requireText(errors, 'name', values.name, { label: 'your full name', max: 120 });
    if (errors.any) return renderName(reply, values, errors);
    const result = await changeOwnName(
      app.db,
      actorFor(request),
      userOf(request).id,
      values.name,
      Number(values.version),
    );
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'conflict')
      return renderConflict(reply, {
        what: 'name',
        rows: [['Full name', result.current.name, values.name]],
        retryAction: '/account/name',
        retryFields: { name: values.name, version: String(result.current.version) },
        backLink: '/account',
      });
    return reply
      .flash(
        result.outcome === 'unchanged'
          ? 'Nothing was changed: that is already your name.'
          : `Your name is now ${values.name}.`,
      )
      .redirect('/account', 303);
  });

  app.get('/account/password', (_request, reply) =>
    reply.page('account/password.njk', { title: 'Change your password', backLink: '/account' }),
  );

  app.post('/account/password', { schema: { body: FORM } }, async (request, reply) => {
    const user = userOf(request);
    const body = request.body;
    const current = typeof body?.currentPassword === 'string' ? body.currentPassword : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    const confirm = typeof body?.confirmPassword === 'string' ? body.confirmPassword : '';
    const errors = new FormErrors();
    const record = await findUserById(app.db, user.id);
    if (current === '') errors.add('currentPassword', 'Enter your current password');
    else if (
      current.length > 256 ||
      !(await verifyPassword(current, record?.password_hash ?? null))
    )
      errors.add('currentPassword', 'Your current password is not correct');
    validateNewPassword(errors, password, confirm, { email: user.email });
    if (errors.any)
      return reply.page(
        'account/password.njk',
        { title: 'Change your password', backLink: '/account', ...errors.toView() },
        400,
      );
    const passwordHash = await hashPassword(password);
    await app.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2, version = version + 1 WHERE id = $1', [
        user.id,
        passwordHash,
      ]);
      // Other browsers signed in as this person are signed out: the old password may be known to someone else.
      await deleteSessionsOfUser(tx, user.id, request.sessionId ?? undefined);
      await recordAudit(tx, actorFor(request), {
        partnershipId: null,
        entityType: 'person',
        entityId: user.id,
        action: 'change password',
      });
    });
    return reply
      .flash(
        'Your password has been changed. Any other devices signed in as you have been signed out.',
      )
      .redirect('/account', 303);
  });

  const renderTokens = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const tokens = await listTokens(app.db, userOf(request).id);
    return reply.page(
      'account/tokens.njk',
      { title: 'API tokens', tokens, backLink: '/account', baseUrl: app.config.baseUrl, ...extra },
      status,
    );
  };

  app.get('/account/tokens', (request, reply) => renderTokens(request, reply));

  app.post('/account/tokens', { schema: { body: FORM } }, async (request, reply) => {
    const name = field(request.body, 'name');
    const errors = new FormErrors();
    requireText(errors, 'name', name, { label: 'a name for the token', max: 80 });
    if (errors.any)
      return renderTokens(request, reply, { values: { name }, ...errors.toView() }, 400);
    const created = await createToken(app.db, actorFor(request), userOf(request).id, name);
    return renderTokens(request, reply, { created: { name, token: created.token } });
  });

  app.post(
    '/account/tokens/:tokenId/revoke',
    { schema: { params: TokenParams } },
    async (request, reply) => {
      const { tokenId } = request.params;
      if (
        !UUID.test(tokenId) ||
        !(await revokeToken(app.db, actorFor(request), userOf(request).id, tokenId))
      )
        return reply.callNotFound();
      return reply
        .flash('Token revoked. Anything using it can no longer reach Sendboard.')
        .redirect('/account/tokens', 303);
    },
  );
}
