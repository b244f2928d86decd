import { expect, test } from 'vitest';
import { sandboxScenarioSchema } from '../scenario.js';
import type { ServiceRequest } from '../service.js';
import { createGitHubFake } from './fake.js';

const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';

function fakeWith(rateLimit: Record<string, number>) {
  const world = sandboxScenarioSchema.parse({
    github: {
      org: { login: 'acme', id: 1, two_factor_requirement_enabled: true },
      repos: [{ name: 'api', classic: {} }],
      rateLimit,
      tokens: [{ value: OWNER, role: 'owner' }],
    },
  }).github;
  if (!world) throw new Error('no github world');
  return createGitHubFake(world);
}

function request(path: string): ServiceRequest {
  const url = new URL(`http://127.0.0.1/github/api${path}`);
  return {
    method: 'GET',
    path,
    query: url.searchParams,
    headers: { authorization: `token ${OWNER}` },
    url,
    baseUrl: 'http://127.0.0.1/github/api',
  };
}

test('secondary limit: past maxConcurrent requests in flight, 403 with retry-after; a settled response frees a slot', () => {
  const fake = fakeWith({ maxConcurrent: 2, retryAfterSeconds: 7 });
  const first = fake.handle(request('/v3/orgs/acme'));
  const second = fake.handle(request('/v3/orgs/acme/repos'));
  const refused = fake.handle(request('/v3/orgs/acme'));
  expect([first.status, second.status, refused.status]).toEqual([200, 200, 403]);
  expect(refused.headers['retry-after']).toBe('7');
  expect((refused.body as { message: string }).message).toMatch(/secondary rate limit/);
  fake.settled?.(first);
  fake.settled?.(first); // settling twice frees one slot only
  expect(fake.handle(request('/v3/orgs/acme')).status).toBe(200);
  expect(fake.handle(request('/v3/orgs/acme')).status).toBe(403);
});

test('primary limit with a short window: spent budget is refused until the window resets', () => {
  const fake = fakeWith({ limit: 3, windowSeconds: 3600 });
  const statuses = Array.from({ length: 4 }, () => {
    const response = fake.handle(request('/v3/orgs/acme'));
    fake.settled?.(response);
    return [response.status, response.headers['x-ratelimit-remaining']];
  });
  expect(statuses).toEqual([
    [200, '2'],
    [200, '1'],
    [200, '0'],
    [403, '0'],
  ]);
});

test('GraphQL has its own budget and resource header', () => {
  const fake = fakeWith({ limit: 1 });
  expect(fake.handle(request('/v3/orgs/acme')).headers['x-ratelimit-remaining']).toBe('0');
  const graphql = fake.handle({
    ...request('/graphql'),
    method: 'POST',
    body: JSON.stringify({
      query: 'query { organization(login: $org) { repositories(first: 100) { nodes { name } } } }',
      variables: { org: 'acme' },
    }),
  });
  expect(graphql.status).toBe(200);
  expect(graphql.headers['x-ratelimit-resource']).toBe('graphql');
  expect(
    (
      graphql.body as { data: { organization: { repositories: { nodes: { name: string }[] } } } }
    ).data.organization.repositories.nodes.map((n) => n.name),
  ).toEqual(['api']);
});
