// Real responses GitHub sent, recorded by @octokit/fixtures, served from a loopback server and parsed by the
// connector: proof that the client reads GitHub's actual shapes, not only the sandbox's.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createGitHubClient } from './client.js';

interface RecordedEntry {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, unknown>;
}

const fixturesRoot = dirname(createRequire(import.meta.url).resolve('@octokit/fixtures'));
const recorded = (scenario: string): RecordedEntry[] =>
  JSON.parse(
    readFileSync(join(fixturesRoot, 'scenarios/api.github.com', scenario, 'normalized-fixture.json'), 'utf8'),
  ) as RecordedEntry[];

const organization = recorded('get-organization')[0];
const repository = recorded('get-repository')[0];
const [unprotected, protectedAfterPut] = recorded('branch-protection');

/** Path (below /api/v3) → the recorded status, body and headers to answer with. */
const routes = new Map<string, { status: number; body: unknown; headers: Record<string, unknown> }>();
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
let base = '';
const server = createServer((request, response) => {
  request.resume();
  const route = routes.get((request.url ?? '').replace(/^\/api\/v3/, ''));
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  for (const [name, value] of Object.entries(route?.headers ?? {})) {
    if (/^x-(ratelimit|oauth|accepted|github)/.test(name)) headers[name] = String(value);
  }
  response.writeHead(route?.status ?? 404, headers);
  response.end(JSON.stringify(route?.body ?? { message: 'Not Found' }));
});

beforeAll(async () => {
  if (!organization || !repository || !unprotected || !protectedAfterPut) throw new Error('fixtures missing');
  routes.set(organization.path, { status: 200, body: organization.response, headers: organization.headers });
  // The recorded `full-repository` body as the one item of a repository listing.
  routes.set('/orgs/octokit-fixture-org/repos?type=all&per_page=100', {
    status: 200,
    body: [repository.response],
    headers: repository.headers,
  });
  // "Branch not protected" exactly as GitHub recorded it, then the protection body GitHub sent after a PUT.
  routes.set(unprotected.path, {
    status: unprotected.status,
    body: unprotected.response,
    headers: unprotected.headers,
  });
  routes.set('/repos/octokit-fixture-org/hello-world/branches/main/protection', {
    status: 200,
    body: protectedAfterPut.response,
    headers: protectedAfterPut.headers,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = () =>
  createGitHubClient(
    {
      name: 'fixtures',
      type: 'github',
      org: 'octokit-fixture-org',
      token: 'ghp_fixture',
      baseUrl: base,
      api: 'rest',
    },
    { log, signal: new AbortController().signal },
  );

test('GET /orgs/{org} as GitHub recorded it', async () => {
  const org = await client().getOrganization('octokit-fixture-org');
  expect(org).toMatchObject({
    login: 'octokit-fixture-org',
    two_factor_requirement_enabled: false,
    default_repository_permission: 'read',
    members_can_create_public_repositories: true,
    plan: 'team',
  });
});

test('a recorded repository body parses as a listing item', async () => {
  const repositories = [];
  for await (const item of client().listRepositories('octokit-fixture-org')) repositories.push(item);
  expect(repositories).toHaveLength(1);
  expect(repositories[0]).toMatchObject({ name: 'hello-world', fork: false, default_branch: 'master' });
});

test('recorded branch protection: 404 "Branch not protected" is no protection; the recorded body is read', async () => {
  const report = await client().readDefaultBranches('octokit-fixture-org', [
    { name: 'branch-protection', defaultBranch: 'main' },
    { name: 'hello-world', defaultBranch: 'main' },
  ]);
  expect(report.via).toBe('rest');
  const [none, some] = report.repositories;
  expect(none?.classic).toBeNull();
  expect(some?.classic).toEqual({
    requiredApprovals: null,
    dismissStaleReviews: false,
    codeOwnerReviews: false,
    statusChecks: false,
    adminsEnforced: false,
    forcePushesAllowed: false,
    deletionsAllowed: false,
  });
});
