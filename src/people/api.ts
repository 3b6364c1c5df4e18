import type { FastifyInstance } from 'fastify';
import { ROLES } from '../platform/identity/types.js';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { readErrors, secured, uuid } from '../platform/web/api-kit.js';
import { findMember, listMembers, type MemberRow } from '../platform/directory/directory.js';

const person = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    disabled: { type: 'boolean', description: 'Their access to this partnership is turned off' },
    organisations: {
      type: 'array',
      items: { type: 'object', properties: { id: uuid, name: { type: 'string' } } },
    },
  },
} as const;

const toPerson = (p: MemberRow) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  role: p.role,
  disabled: Boolean(p.disabled_at),
  organisations: p.organisations,
});

/** The partnership's people (read-only: people are added and changed on the pages). */
export async function peopleApi(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  const tags = ['people'];

  app.get(
    '/partnerships/:partnership/people',
    {
      schema: {
        ...secured,
        tags,
        summary: 'People in the partnership',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: person }, ...readErrors },
      },
    },
    async (request) => (await listMembers(app.db, tenantOf(request))).map(toPerson),
  );

  app.get(
    '/partnerships/:partnership/people/:userId',
    {
      schema: {
        ...secured,
        tags,
        summary: 'One person',
        params: paramsSchema('userId'),
        response: { 200: person, ...readErrors },
      },
    },
    async (request, reply) => {
      const found = await findMember(app.db, tenantOf(request), request.params.userId);
      return found ? toPerson(found) : reply.callNotFound();
    },
  );
}
