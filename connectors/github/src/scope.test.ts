import fc from 'fast-check';
import { expect, test } from 'vitest';
import { githubConfigSchema } from './config.js';
import { decideScope, globToRegExp, matchesSelector, scopeSchema } from './scope.js';

const repo = (
  name: string,
  extra: Partial<{ visibility: string; archived: boolean; topics: string[] }> = {},
) => ({
  name,
  visibility: 'private',
  archived: false,
  topics: [],
  ...extra,
});

test('no scope: everything not archived is in, archived is out with the reason', () => {
  expect(decideScope(repo('api'), undefined)).toEqual({
    inScope: true,
    reason: 'not archived, no selector excludes it',
  });
  expect(decideScope(repo('old', { archived: true }), undefined)).toEqual({
    inScope: false,
    reason: 'archived (add it to scope.include to assess it)',
  });
});

test('selectors: name globs (case-insensitive), topics, visibility; exclude wins over include', () => {
  const scope = { include: ['pay-*', 'topic:pci', 'visibility:internal'], exclude: ['*-sandbox'] };
  expect(decideScope(repo('Pay-API'), scope)).toEqual({ inScope: true, reason: 'included by "pay-*"' });
  expect(decideScope(repo('ledger', { topics: ['pci'] }), scope).reason).toBe('included by "topic:pci"');
  expect(decideScope(repo('wiki', { visibility: 'internal' }), scope).inScope).toBe(true);
  expect(decideScope(repo('pay-sandbox'), scope)).toEqual({
    inScope: false,
    reason: 'excluded by "*-sandbox"',
  });
  expect(decideScope(repo('web'), scope)).toEqual({ inScope: false, reason: 'matches no include selector' });
  expect(decideScope(repo('pay-old', { archived: true }), scope).inScope).toBe(true);
  expect(matchesSelector(repo('a.b'), 'a?b')).toBe(true);
  expect(matchesSelector(repo('axb'), 'a.b')).toBe(false);
});

test('bad selectors are refused with the field named', () => {
  const result = githubConfigSchema.safeParse({
    name: 'acme',
    type: 'github',
    org: 'acme',
    token: 't',
    scope: { include: ['visibility:secret', 'topic:'], exclude: [''], other: [] },
  });
  expect(result.success).toBe(false);
  const paths = result.error?.issues.map((issue) => issue.path.join('.'));
  expect(paths).toEqual(
    expect.arrayContaining(['scope.include.0', 'scope.include.1', 'scope.exclude.0', 'scope']),
  );
});

test('fuzz: any scope input is accepted or refused by safeParse; any accepted scope decides without throwing', () => {
  fc.assert(
    fc.property(
      fc.anything(),
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.boolean(),
      (input, name, topics, archived) => {
        const parsed = scopeSchema.safeParse(input);
        if (!parsed.success) return;
        const decision = decideScope(repo(name, { topics, archived }), parsed.data);
        expect(typeof decision.reason).toBe('string');
      },
    ),
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (glob) => {
      const pattern = globToRegExp(glob);
      // A glob without wildcards matches exactly itself (any case), whatever characters it holds.
      if (!/[*?]/.test(glob)) {
        expect(pattern.test(glob)).toBe(true);
        expect(pattern.test(`${glob}x`)).toBe(false);
      }
      expect(globToRegExp(`${glob}*`).test(`${glob}anything`)).toBe(true);
    }),
  );
});
