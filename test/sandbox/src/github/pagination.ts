/** GitHub's page-number pagination: `per_page` (default 30, at most 100) and `page` (from 1). */
export interface PageRequest {
  perPage: number;
  page: number;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** Reads `per_page` and `page` as GitHub does: garbage falls back to the default, too large is clamped. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const perPage = positiveInteger(query.get('per_page')) ?? DEFAULT_PER_PAGE;
  return { perPage: Math.min(perPage, MAX_PER_PAGE), page: positiveInteger(query.get('page')) ?? 1 };
}

function positiveInteger(text: string | null): number | undefined {
  if (text === null || !/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/**
 * One page of items and its `Link` header (next/last/prev/first), built from the request's own URL so that
 * a client following the links stays on the same host, prefix and query. No header when everything fits on one page.
 */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  url: URL,
): { page: T[]; link?: string } {
  const { perPage, page } = request;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const to = (target: number, rel: string) => {
    const linkUrl = new URL(url);
    linkUrl.searchParams.set('page', String(target));
    links.push(`<${linkUrl.href}>; rel="${rel}"`);
  };
  if (page > 1) to(Math.min(page - 1, lastPage), 'prev');
  if (page < lastPage) to(page + 1, 'next');
  if (page < lastPage) to(lastPage, 'last');
  if (page > 1) to(1, 'first');
  return links.length > 0 ? { page: slice, link: links.join(', ') } : { page: slice };
}
