import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** The fields a page's error summary links to, like ["title", "dueDate-day"]. */
export function errorFields(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#([^"]*)">/g)].map((m) => m[1]!);
}

/** One bad input as a page form posts it and as an API caller sends it, and the field at fault. */
export type BadInput = {
  name: string;
  form: Record<string, string | string[]>;
  json: Record<string, unknown>;
  /** The field the page must point at (a date's is its day input: `dueDate-day`). */
  field: string;
};

/**
 * The same command, fed the same bad input by its page and by its API, refuses it in both: the
 * page shows the form again (400) with the field in its error summary, the API answers 400. Nothing
 * is saved by either: `count` is read before and after.
 */
export async function expectSameVerdict(options: {
  page: (form: Record<string, string | string[]>) => Promise<LightMyRequestResponse>;
  api: (json: Record<string, unknown>) => Promise<LightMyRequestResponse>;
  cases: BadInput[];
  count: () => Promise<number>;
}): Promise<void> {
  const before = await options.count();
  for (const bad of options.cases) {
    const page = await options.page(bad.form);
    expect(page.statusCode, `page: ${bad.name}`).toBe(400);
    expect(errorFields(page.body), `page: ${bad.name}`).toContain(bad.field);
    const api = await options.api(bad.json);
    expect(api.statusCode, `API: ${bad.name} (${api.body})`).toBe(400);
  }
  expect(await options.count(), 'nothing saved').toBe(before);
}
