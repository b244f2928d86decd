import { afterEach, expect, test } from 'vitest';
import type { SandboxScenario } from './scenario.js';
import { type Sandbox, startSandbox } from './server.js';

const OWNER = 'ghp_ownerSecretValue_do_not_log';
const scenario: SandboxScenario = {
  github: {
    org: { login: 'acme', id: 1, two_factor_requirement_enabled: true },
    members: [{ login: 'alice', id: 10, role: 'admin', twoFactor: true }],
    tokens: [{ value: OWNER, role: 'owner' }],
  },
};

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

async function start(options: Omit<Parameters<typeof startSandbox>[0], 'scenario'> = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ scenario, ...options });
  open.push(sandbox);
  return sandbox;
}

const auth = { authorization: `token ${OWNER}` };

test('listens on 127.0.0.1 and exposes a GHES-style GitHub base URL', async () => {
  const sandbox = await start();
  expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(sandbox.githubBaseUrl).toBe(`${sandbox.url}/github/api/v3`);
});

test('writes get 405 and are recorded; HEAD is served without a body', async () => {
  const sandbox = await start();
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    const response = await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { method, headers: auth, body: '{}' });
    expect(response.status).toBe(405);
  }
  const head = await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { method: 'HEAD', headers: auth });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
  expect(sandbox.requests.map((request) => [request.method, request.status])).toEqual([
    ['POST', 405],
    ['PUT', 405],
    ['PATCH', 405],
    ['DELETE', 405],
    ['HEAD', 200],
  ]);
});

test('the request log keeps method, path with query, status and time, never the token', async () => {
  const sandbox = await start();
  await fetch(`${sandbox.githubBaseUrl}/orgs/acme/members?filter=2fa_disabled&per_page=100`, {
    headers: auth,
  });
  await fetch(`${sandbox.githubBaseUrl}/orgs/acme`);
  await fetch(`${sandbox.url}/elsewhere`);
  expect(sandbox.requests).toEqual([
    {
      method: 'GET',
      path: '/github/api/v3/orgs/acme/members?filter=2fa_disabled&per_page=100',
      status: 200,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      hasAuthorization: true,
      userAgent: expect.any(String),
      service: 'github',
    },
    expect.objectContaining({ path: '/github/api/v3/orgs/acme', status: 401, hasAuthorization: false }),
    expect.objectContaining({ path: '/elsewhere', status: 404, service: null }),
  ]);
  expect(JSON.stringify(sandbox.requests)).not.toContain(OWNER);
  sandbox.resetRequests();
  expect(sandbox.requests).toEqual([]);
});

test('secondary rate limit: the next N requests get 403 with retry-after and the GitHub message, then service resumes', async () => {
  const sandbox = await start({
    faults: { rateLimit: { first: 2, retryAfterSeconds: 1, kind: 'secondary' } },
  });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { headers: auth });
    statuses.push(response.status);
    if (response.status === 403) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(((await response.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    }
  }
  expect(statuses).toEqual([403, 403, 200]);
});

test('primary rate limit: 429 with remaining 0 and a reset a few seconds ahead', async () => {
  const sandbox = await start({
    faults: { rateLimit: { first: 1, retryAfterSeconds: 3, kind: 'primary', status: 429 } },
  });
  const response = await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { headers: auth });
  expect(response.status).toBe(429);
  expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
  const ahead = Number(response.headers.get('x-ratelimit-reset')) - Date.now() / 1000;
  expect(ahead).toBeGreaterThan(0);
  expect(ahead).toBeLessThanOrEqual(3);
  expect(((await response.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/);
});

test('server errors: setFaults at any time; the counter restarts and then runs out', async () => {
  const sandbox = await start();
  expect((await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { headers: auth })).status).toBe(200);
  sandbox.setFaults({ serverErrors: { first: 2, status: 502 } });
  const statuses = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { headers: auth })).status);
  expect(statuses).toEqual([502, 502, 200]);
  expect(sandbox.requests.map((request) => request.status)).toEqual([200, 502, 502, 200]);
});

test('an invalid inline scenario is refused with the field named', async () => {
  await expect(
    startSandbox({ scenario: { github: { org: { login: 'acme', id: 1 }, tokens: [] } } as never }),
  ).rejects.toThrow(/invalid sandbox scenario:[\s\S]*github\.org\.two_factor_requirement_enabled/);
});

test('latency delays responses without changing them; invalid faults are refused', async () => {
  const sandbox = await start({ faults: { latencyMs: 20 } });
  expect((await fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { headers: auth })).status).toBe(200);
  expect(() => sandbox.setFaults({ serverErrors: { first: -1, status: 500 } })).toThrow(
    /invalid sandbox faults/,
  );
  expect(() => sandbox.setFaults({ serverErrors: { first: 1, status: 418 as 500 } })).toThrow(
    /serverErrors\.status/,
  );
});

test('the primary limit is real: once a token has used its 5,000 requests, GitHub answers 403 remaining 0', async () => {
  // Spends the budget in-process through the fake rather than with 5,000 HTTP requests.
  const { createGitHubFake } = await import('./github/fake.js');
  const { sandboxScenarioSchema } = await import('./scenario.js');
  const world = sandboxScenarioSchema.parse(scenario).github;
  if (!world) throw new Error('scenario has no github');
  const fake = createGitHubFake(world);
  const url = new URL('http://127.0.0.1/github/api/v3/orgs/acme');
  const request = {
    method: 'GET' as const,
    path: '/orgs/acme',
    query: url.searchParams,
    headers: auth,
    url,
    baseUrl: 'http://127.0.0.1/github/api/v3',
  };
  for (let i = 0; i < 5000; i++) expect(fake.handle(request).status).toBe(200);
  const refused = fake.handle(request);
  expect(refused.status).toBe(403);
  expect(refused.headers['x-ratelimit-remaining']).toBe('0');
});
