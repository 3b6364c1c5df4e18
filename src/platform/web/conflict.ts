import type { FastifyReply } from 'fastify';

export type ConflictPage = {
  /** What was being edited, for the heading: "Someone else changed this action…". */
  what: string;
  /** [field, saved value, your value] */
  rows: [string, string, string][];
  /** Where "Save my version" posts, with the fields to post (the fresh version among them). */
  retryAction: string;
  retryFields: Record<string, string>;
  retryLists?: Record<string, string[]>;
  backLink: string;
};

/** The 409 page of a stale edit: both versions side by side, nothing lost, the choice to the user. */
export function renderConflict(reply: FastifyReply, page: ConflictPage): FastifyReply {
  return reply.page(
    'platform/layout/conflict.njk',
    { title: `Someone else changed this ${page.what} while you were editing`, ...page },
    409,
  );
}

/**
 * Form values (as `readForm` keeps them) as the retry form posts them: text as typed, a date's
 * parts spread back into `name-day`, `name-month` and `name-year`. Lists go in `retryLists`.
 */
export function retryFieldsOf(values: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) continue;
    if (value && typeof value === 'object') {
      for (const [part, v] of Object.entries(value)) fields[`${name}-${part}`] = String(v ?? '');
    } else fields[name] = String(value ?? '');
  }
  return fields;
}
