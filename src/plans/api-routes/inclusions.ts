import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { error, secured, sendResult, writeErrors } from '../../platform/web/api-kit.js';
import { includeInPlan, removeInclusion } from '../commands/inclusions.js';
import { INCLUSION_RULE } from '../inclusion-rules.js';
import { InclusionInput } from '../inputs.js';
import { planDetailSchema } from './schemas.js';
import { ADMIN, detailOf, noBody, P } from './shared.js';

/** Plans inside plans: including other plans' priorities and actions by reference. */
export async function inclusionRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];

  api.post(
    `${P}/:planId/inclusions`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: `Include priorities or actions of other plans by reference (admins). ${INCLUSION_RULE} Answers the plan as it now is.`,
        params: paramsSchema('planId'),
        body: InclusionInput,
        response: { 201: planDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const result = await includeInPlan(commandContext(request), planId, request.body);
      const detail =
        result.kind === 'ok' ? await detailOf(app.db, tenantOf(request), planId) : undefined;
      return sendResult(reply, result, () => detail, { status: 201 });
    },
  );

  api.delete(
    `${P}/:planId/inclusions/:inclusionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Take an included priority or action out of this plan (admins); it stays in its own plan unchanged. The id is includedFrom.inclusionId.',
        params: paramsSchema('planId', 'inclusionId'),
        response: { 204: { type: 'null' }, ...writeErrors, 404: error },
      },
    },
    async (request, reply) => {
      const { planId, inclusionId } = request.params;
      const result = await removeInclusion(commandContext(request), planId, inclusionId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );
}
