import fc from 'fast-check';
import { expect, test } from 'vitest';
import { paginate, readPageRequest } from './pagination.js';

test('fuzz: any per_page/page text gives a valid page request', () => {
  fc.assert(
    fc.property(fc.option(fc.string()), fc.option(fc.string()), (perPage, page) => {
      const query = new URLSearchParams();
      if (perPage !== null) query.set('per_page', perPage);
      if (page !== null) query.set('page', page);
      const request = readPageRequest(query);
      expect(request.perPage).toBeGreaterThanOrEqual(1);
      expect(request.perPage).toBeLessThanOrEqual(100);
      expect(Number.isInteger(request.page) && request.page >= 1).toBe(true);
    }),
  );
});

test('following rel="next" visits every item exactly once, in order, whatever the sizes', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 100 }), (count, perPage) => {
      const items = Array.from({ length: count }, (_, index) => index);
      const seen: number[] = [];
      let url: URL | undefined = new URL(`http://127.0.0.1/x?filter=all&per_page=${perPage}`);
      let pages = 0;
      while (url) {
        const { page, link }: { page: number[]; link?: string } = paginate(
          items,
          readPageRequest(url.searchParams),
          url,
        );
        seen.push(...page);
        pages++;
        const next: string | undefined = link ? /<([^>]+)>; rel="next"/.exec(link)?.[1] : undefined;
        url = next ? new URL(next) : undefined;
      }
      expect(seen).toEqual(items);
      expect(pages).toBe(Math.max(1, Math.ceil(count / perPage)));
    }),
    { numRuns: 200 },
  );
});

test('a page past the end is empty and links back', () => {
  const url = new URL('http://127.0.0.1/x?page=9&per_page=10');
  const { page, link } = paginate([1, 2, 3], readPageRequest(url.searchParams), url);
  expect(page).toEqual([]);
  expect(link).toBe(
    '<http://127.0.0.1/x?page=1&per_page=10>; rel="prev", <http://127.0.0.1/x?page=1&per_page=10>; rel="first"',
  );
});
