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
