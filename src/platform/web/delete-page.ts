import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { formatDate } from './views.js';

/** "1 success measure", "3 success measures". */
export const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Records that go too, as the page lists them: each by its title, and its date when it has one. */
export const alsoDeleted = (
  text: string,
  rows: readonly { title: string; due_on: string | null }[],
): NonNullable<DeletePage['alsoDeleted']> => ({
  text,
  items: rows.map((r) => (r.due_on ? `${r.title} (${formatDate(r.due_on)})` : r.title)),
});

/** What the shared confirmation page (plans/delete.njk) shows before something is deleted. */
export type DeletePage = {
  title: string;
  caption?: string;
  /** "this priority": the words after "Deleting". */
  what: string;
  summary: [string, string][];
  goes: string[];
  /** Named records that go too, listed under their own words ("These dates … will also be deleted:"). */
  alsoDeleted?: { text: string; items: string[] };
  /** Why it cannot be deleted (the removal service's own words); no button is shown. */
  problem: string | null;
  /** With a problem: what still uses it, as linked lists under headings, and what to do next. */
  uses?: { heading: string; items: { href: string; text: string }[] }[];
  usesHint?: { text: string; href: string; linkText: string };
  action: string;
  buttonText: string;
  backLink: string;
  backText: string;
};

export const renderDeletePage = (reply: FastifyReply, page: DeletePage, status = 200) =>
  reply.page('platform/layout/delete.njk', { ...page }, status);

/** What a pair of delete routes needs to know about the thing it deletes. */
export type DeleteRoutes<T> = {
  /** Route options: the role check and the params schema. */
  options: RouteShorthandOptions;
  /** The thing and what its page shows; undefined when it is not there (404). */
  load: (request: FastifyRequest) => Promise<T | undefined>;
  /** Why it cannot be deleted, in the removal service's own words, or null. */
  problem: (request: FastifyRequest, found: T) => Promise<string | null> | string | null;
  page: (request: FastifyRequest, found: T, problem: string | null) => DeletePage;
  /** Deletes through the service (which audits); false when it went meanwhile. */
  remove: (request: FastifyRequest, found: T) => Promise<boolean>;
  /** The service's refusal, shown on the page with status 409. */
  isRefusal: (error: unknown) => error is Error;
  /** The success banner and where to go next. */
  done: (request: FastifyRequest, found: T) => { message: string; redirect: string };
};

/**
 * GET `url`: the confirmation page, or why it cannot go; POST `url`: deletes, then redirects
 * with a banner. The same shape for plans, priorities, actions, inspections and findings.
 */
export function deleteRoutes<T>(app: FastifyInstance, url: string, spec: DeleteRoutes<T>): void {
  app.get(url, spec.options, async (request, reply) => {
    const found = await spec.load(request);
    if (!found) return reply.callNotFound();
    return renderDeletePage(reply, spec.page(request, found, await spec.problem(request, found)));
  });
  app.post(url, spec.options, async (request, reply) => {
    const found = await spec.load(request);
    if (!found) return reply.callNotFound();
    try {
      if (!(await spec.remove(request, found))) return reply.callNotFound();
    } catch (error) {
      if (!spec.isRefusal(error)) throw error;
      return renderDeletePage(reply, spec.page(request, found, error.message), 409);
    }
    const { message, redirect } = spec.done(request, found);
    return reply.flash(message).redirect(redirect, 303);
  });
}

/** What delete routes need for a record nothing refers to, whose page has no problem to show. */
export type UnrefusedDeleteRoutes<T> = Omit<DeleteRoutes<T>, 'problem' | 'isRefusal' | 'page'> & {
  page: (request: FastifyRequest, found: T) => Omit<DeletePage, 'problem'>;
};

/** deleteRoutes for a record nothing refers to, so nothing refuses its deletion. */
export function unrefusedDeleteRoutes<T>(
  app: FastifyInstance,
  url: string,
  spec: UnrefusedDeleteRoutes<T>,
): void {
  deleteRoutes<T>(app, url, {
    ...spec,
    problem: () => null,
    page: (request, found) => ({ ...spec.page(request, found), problem: null }),
    isRefusal: (_error): _error is Error => false,
  });
}
