import fc from 'fast-check';
import { expect, test } from 'vitest';
import { describeGitHub, githubConfigSchema } from './config.js';
import { githubConnector } from './connector.js';

test('accepts github.com and GHES instances, and describes them by host and org', () => {
  const cloud = githubConfigSchema.parse({ name: 'acme', type: 'github', org: 'acme', token: 't' });
  expect(githubConnector.describe(cloud)).toBe('github.com/orgs/acme');
  const ghes = githubConfigSchema.parse({
    name: 'acme',
    type: 'github',
    org: 'acme',
    token: 't',
    baseUrl: 'https://ghe.acme.example/api/v3',
  });
  expect(githubConnector.describe(ghes)).toBe('ghe.acme.example/orgs/acme');
  expect(describeGitHub({ org: 'acme', baseUrl: 'https://api.github.com' })).toBe('github.com/orgs/acme');
  expect(githubConnector.secretKeys).toEqual(['token']);
});

test('refuses unknown keys, bad org names and non-http URLs, naming the field', () => {
  const result = githubConfigSchema.safeParse({
    name: 'acme',
    type: 'github',
    org: 'not an org',
    token: 't',
    baseUrl: 'ftp://x',
    tokne: 'typo',
  });
  expect(result.success).toBe(false);
  const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.code);
  expect(paths).toEqual(expect.arrayContaining(['org', 'baseUrl', 'unrecognized_keys']));
});

test('fuzz: any input is accepted or refused by safeParse, and a refusal never echoes the token', () => {
  const secret = 'ghp_fuzzSecret0123456789';
  fc.assert(
    fc.property(
      fc.record(
        {
          name: fc.oneof(fc.string(), fc.integer()),
          type: fc.oneof(fc.constant('github'), fc.string()),
          org: fc.string(),
          token: fc.constantFrom(secret, ''),
          baseUrl: fc.oneof(fc.webUrl(), fc.string()),
        },
        { requiredKeys: [] },
      ),
      (input) => {
        const result = githubConfigSchema.safeParse(input);
        if (!result.success) expect(JSON.stringify(result.error.issues)).not.toContain(secret);
      },
    ),
  );
});
