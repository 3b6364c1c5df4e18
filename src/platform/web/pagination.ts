/** `?page=N` for long lists: which rows a page shows, and the GOV.UK pagination component's links. */
import { Type } from 'typebox';

/** Rows on one page of a full list. */
export const PAGE_SIZE = 25;

/** `?page=N`; anything else (or other keys) shows the first page. */
export const PAGE_QUERY = Type.Object({
  page: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
});

type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/** Page links for the GOV.UK pagination component: first, last, and the pages around the current one. */
export function paginationItems(
  current: number,
  pages: number,
  href: (page: number) => string,
): PaginationItem[] {
  const items: PaginationItem[] = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 1) {
      if (n - last > 1) items.push({ ellipsis: true });
      items.push({ number: n, href: href(n), current: n === current });
      last = n;
    }
  }
  return items;
}

export type Paged = {
  /** The page shown, 1 to `pages`: a page past the end shows the last. */
  current: number;
  pages: number;
  offset: number;
  limit: number;
  /** The GOV.UK pagination component's parameters, or undefined when everything fits on one page. */
  pagination:
    { items: PaginationItem[]; previous?: { href: string }; next?: { href: string } } | undefined;
};

/**
 * The page asked for (`?page=N`, anything else the first) of `total` rows at `path`: the rows to
 * read and the links to the others.
 */
export function pageOf(
  asked: string | string[] | undefined,
  total: number,
  path: string,
  size = PAGE_SIZE,
): Paged {
  const n = typeof asked === 'string' && /^\d{1,6}$/.test(asked) ? +asked : 1;
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(n, 1), pages);
  const href = (p: number) => (p === 1 ? path : `${path}?page=${p}`);
  return {
    current,
    pages,
    offset: (current - 1) * size,
    limit: size,
    pagination:
      pages > 1
        ? {
            items: paginationItems(current, pages, href),
            ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
            ...(current < pages ? { next: { href: href(current + 1) } } : {}),
          }
        : undefined,
  };
}

/** A page's title with "(page 2 of 3)" after it when the list runs to more than one page. */
export const pagedTitle = (title: string, paged: Pick<Paged, 'current' | 'pages'>): string =>
  paged.pages > 1 ? `${title} (page ${paged.current} of ${paged.pages})` : title;
