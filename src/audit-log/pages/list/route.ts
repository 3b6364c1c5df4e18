import { Type, type Static } from 'typebox';
import type { Db } from '../../../platform/db/db.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import {
  auditEntityTypes,
  listAudit,
  resolveAuditNames,
  type AuditRow,
} from '../../audit-repository.js';
import {
  describeChange,
  entityTypeChoices,
  idsToResolve,
  type AuditEntryInput,
} from '../../describe-change.js';

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

type Filters = { entityType: string; actor: string; from: string; to: string; before: string };

/** The filters as asked for: text cut to length, and dates and the page mark only if well formed. */
function readFilters(query: Static<typeof AuditQuery>): Filters {
  const str = (v: string | undefined, max = 120) =>
    typeof v === 'string' ? v.trim().slice(0, max) : '';
  return {
    entityType: str(query.entityType),
    actor: str(query.actor),
    from: ISO_DATE.test(str(query.from)) ? str(query.from) : '',
    to: ISO_DATE.test(str(query.to)) ? str(query.to) : '',
    before: /^\d{1,18}$/.test(str(query.before)) ? str(query.before) : '',
  };
}

/** A page of entries, each in words, with the names of the records they refer to. */
async function describeEntries(db: Db, partnershipId: string, page: AuditRow[]) {
  const inputs: AuditEntryInput[] = page.map((row) => ({
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    actorName: row.actor_name,
    before: row.before,
    after: row.after,
  }));
  // Names of the records the entries refer to: one query per kind for the whole page.
  const names = await resolveAuditNames(db, partnershipId, idsToResolve(inputs));
  // The raw before and after go to the page only as describeChange redacted them again.
  return page.map((row, i) => ({
    id: row.id,
    at: row.at,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    requestId: row.request_id,
    ...describeChange(inputs[i]!, names),
  }));
}

/**
 * The audit log: read-only, newest first, filtered; nothing in the app edits or deletes it. Each
 * entry is shown in words (describe-change.ts) with the data as recorded beside it.
 */
export function auditLogPage(app: App): void {
  app.get(
    '/p/:partnership/audit',
    {
      config: { roles: ['admin'] },
      schema: { params: paramsSchema(), querystring: AuditQuery },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const filters = readFilters(request.query);
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
      const entries = await describeEntries(app.db, tenant.partnershipId, rows.slice(0, PAGE_SIZE));
      const params = new URLSearchParams(
        Object.entries(filters).filter(([k, v]) => v && k !== 'before'),
      );
      const olderHref =
        rows.length > PAGE_SIZE
          ? `?${params.toString()}${params.size ? '&' : ''}before=${entries[entries.length - 1]!.id}`
          : undefined;
      return reply.page('audit-log/pages/list/list.njk', {
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
