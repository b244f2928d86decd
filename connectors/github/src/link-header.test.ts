import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseLinkHeader } from './link-header.js';

test('reads GitHub Link headers', () => {
  const links = parseLinkHeader(
    '<https://api.github.com/orgs/acme/members?page=2>; rel="next", <https://api.github.com/orgs/acme/members?page=9>; rel="last"',
  );
  expect(Object.fromEntries(links)).toEqual({
    next: 'https://api.github.com/orgs/acme/members?page=2',
    last: 'https://api.github.com/orgs/acme/members?page=9',
  });
  expect(parseLinkHeader(undefined).size).toBe(0);
  expect(parseLinkHeader('<a>; rel=next').get('next')).toBe('a');
  expect(parseLinkHeader('<a>; title="x"').size).toBe(0);
});

test('fuzz: never throws, and a header built from links reads back to them', () => {
  fc.assert(
    fc.property(fc.string(), (header) => {
      expect(() => parseLinkHeader(header)).not.toThrow();
    }),
    { numRuns: 500 },
  );
  const rel = fc.constantFrom('next', 'prev', 'last', 'first');
  const target = fc.webUrl().filter((url) => !/[<>,;\s"]/.test(url));
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(rel, target), { selector: ([name]) => name }), (pairs) => {
      const header = pairs.map(([name, url]) => `<${url}>; rel="${name}"`).join(', ');
      expect(Object.fromEntries(parseLinkHeader(header))).toEqual(Object.fromEntries(pairs));
    }),
  );
});
