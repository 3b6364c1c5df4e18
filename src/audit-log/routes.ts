import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { auditEntityTypes, listAudit, resolveAuditNames } from './audit-repository.js';
import {
  describeChange,
  entityTypeChoices,
  idsToResolve,
  type AuditEntryInput,
} from './describe-change.js';

const PAGE_SIZE = 50;

/** The filters, each optional; other query keys are allowed and ignored. */
const AuditQuery = Type.Object({
  entityType: Type.Optional(Type.String()),
  actor: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  before: Type.Optional(Type.String()),
});
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The audit log: read-only, newest first, filtered; nothing in the app edits or deletes it. Each
 * entry is shown in words (describe-change.ts) with the data as recorded beside it.
 */
export async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  app.get(
    '/p/:partnership/audit',
    {
      config: { roles: ['admin'] },
      schema: { params: paramsSchema(), querystring: AuditQuery },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const query = request.query;
      const str = (v: string | undefined, max = 120) =>
        typeof v === 'string' ? v.trim().slice(0, max) : '';
      const filters = {
        entityType: str(query.entityType),
        actor: str(query.actor),
        from: ISO_DATE.test(str(query.from)) ? str(query.from) : '',
        to: ISO_DATE.test(str(query.to)) ? str(query.to) : '',
        before: /^\d{1,18}$/.test(str(query.before)) ? str(query.before) : '',
      };
      const [rows, entityTypes] = await Promise.all([
        listAudit(app.db, tenant.partnershipId, {
          ...(filters.entityType ? { entityType: filters.entityType } : {}),
          ...(filters.actor ? { actor: filters.actor } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
          ...(filters.before ? { beforeId: filters.before } : {}),
          limit: PAGE_SIZE + 1,
        }),
        auditEntityTypes(app.db, tenant.partnershipId),
      ]);
      const page = rows.slice(0, PAGE_SIZE);
      const inputs: AuditEntryInput[] = page.map((row) => ({
        entityType: row.entity_type,
        entityId: row.entity_id,
        action: row.action,
        actorName: row.actor_name,
        before: row.before,
        after: row.after,
      }));
      // Names of the records the entries refer to: one query per kind for the whole page.
      const names = await resolveAuditNames(app.db, tenant.partnershipId, idsToResolve(inputs));
      // The raw before and after go to the page only as describeChange redacted them again.
      const entries = page.map((row, i) => ({
        id: row.id,
        at: row.at,
        entityType: row.entity_type,
        entityId: row.entity_id,
        action: row.action,
        requestId: row.request_id,
        ...describeChange(inputs[i]!, names),
      }));
      const params = new URLSearchParams(
        Object.entries(filters).filter(([k, v]) => v && k !== 'before'),
      );
      const olderHref =
        rows.length > PAGE_SIZE
          ? `?${params.toString()}${params.size ? '&' : ''}before=${entries[entries.length - 1]!.id}`
          : undefined;
      return reply.page('audit-log/list.njk', {
        title: 'Audit log',
        entries,
        entityTypes: entityTypeChoices(entityTypes).map((choice) => ({
          ...choice,
          selected: choice.value === filters.entityType,
        })),
        filters,
        olderHref,
        newestHref: filters.before ? `?${params.toString()}` : undefined,
      });
    },
  );
}
