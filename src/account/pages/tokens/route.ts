import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { actorFor, userOf, type App } from '../../../platform/web/request.js';
import { createApiToken, revokeApiToken } from '../../commands/account.js';
import { TokenInput } from '../../inputs.js';
import { listTokens } from '../../token-service.js';

/** Any token id: one that is not a token's is simply not found (404), as it always was. */
const TokenParams = Type.Object({ tokenId: Type.String() });

/** Your personal API tokens: create one (its secret shown once) and revoke them. */
export function tokensPage(app: App): void {
  const renderTokens = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const tokens = await listTokens(app.db, userOf(request).id);
    return reply.page(
      'account/pages/tokens/tokens.njk',
      { title: 'API tokens', tokens, backLink: '/account', baseUrl: app.config.baseUrl, ...extra },
      status,
    );
  };

  app.get('/account/tokens', (request, reply) => renderTokens(request, reply));

  app.post('/account/tokens', { schema: { body: FORM } }, async (request, reply) => {
    const form = readForm(TokenInput, request.body);
    const context = { db: app.db, actor: actorFor(request) };
    const result = await createApiToken(context, userOf(request).id, form.input);
    switch (result.kind) {
      case 'ok':
        return renderTokens(request, reply, {
          created: { name: result.value.name, token: result.value.token },
        });
      case 'invalid':
        return renderTokens(
          request,
          reply,
          { values: form.values, ...formErrors(form, result.problems).toView() },
          400,
        );
      default:
        return sendPageResult(reply, result);
    }
  });

  app.post(
    '/account/tokens/:tokenId/revoke',
    { schema: { params: TokenParams } },
    async (request, reply) => {
      const context = { db: app.db, actor: actorFor(request) };
      const result = await revokeApiToken(context, userOf(request).id, request.params.tokenId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Token revoked. Anything using it can no longer reach Sendboard.')
        .redirect('/account/tokens', 303);
    },
  );
}
