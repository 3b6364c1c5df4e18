import type { FastifyReply } from 'fastify';

/** "1 success measure", "3 success measures". */
export const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the shared confirmation page (plans/delete.njk) shows before something is deleted. */
export type DeletePage = {
  title: string;
  caption?: string;
  /** "this priority": the words after "Deleting". */
  what: string;
  summary: [string, string][];
  goes: string[];
  /** Why it cannot be deleted (the removal service's own words); no button is shown. */
  problem: string | null;
  action: string;
  buttonText: string;
  backLink: string;
  backText: string;
};

export const renderDeletePage = (reply: FastifyReply, page: DeletePage, status = 200) =>
  reply.page('plans/delete.njk', { ...page }, status);
