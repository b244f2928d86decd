import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scenarioPath } from '../scenario-path.js';
import { type Sandbox, startSandbox } from '../server.js';

const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';
const MEMBER = 'ghp_sandboxMemberToken000000000000000002';

let large: Sandbox;
let small: Sandbox;

beforeAll(async () => {
  [large, small] = await Promise.all([
    startSandbox({ scenario: scenarioPath('github/large.yaml') }),
    startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([large.close(), small.close()]);
});

function get(
  sandbox: Sandbox,
  path: string,
  token: string | null = OWNER,
  headers: Record<string, string> = {},
) {
  return fetch(`${sandbox.githubBaseUrl}${path}`, {
    headers: { ...(token ? { authorization: `token ${token}` } : {}), ...headers },
  });
}

/** Follows rel="next" from the first page; returns every page's logins and the Link headers seen. */
async function walk(sandbox: Sandbox, path: string) {
  const logins: string[] = [];
  const links: string[] = [];
  let next: string | undefined = `${sandbox.githubBaseUrl}${path}`;
  while (next) {
    const response: Response = await fetch(next, { headers: { authorization: `Bearer ${OWNER}` } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { login: string }[];
    logins.push(...page.map((user) => user.login));
    const link = response.headers.get('link') ?? '';
    links.push(link);
    next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
  }
  return { logins, links };
}

describe('members pagination', () => {
  test('2,500 members in 25 pages of 100, the 2FA-disabled 230 in 3, every member once', async () => {
    const all = await walk(large, '/orgs/megacorp/members?per_page=100');
    expect(all.links).toHaveLength(25);
    expect(new Set(all.logins).size).toBe(2500);
    const without2fa = await walk(large, '/orgs/megacorp/members?filter=2fa_disabled&per_page=100');
    expect(without2fa.links).toHaveLength(3);
    expect(new Set(without2fa.logins).size).toBe(230);
    expect(without2fa.logins.every((login) => all.logins.includes(login))).toBe(true);
  });

  test('Link header carries next/last on the first page, prev/first on the last, and keeps the query', async () => {
    const first = await get(large, '/orgs/megacorp/members?filter=2fa_disabled&per_page=100');
    const base = `${large.githubBaseUrl}/orgs/megacorp/members?filter=2fa_disabled&per_page=100`;
    expect(first.headers.get('link')).toBe(`<${base}&page=2>; rel="next", <${base}&page=3>; rel="last"`);
    const last = await get(large, '/orgs/megacorp/members?filter=2fa_disabled&per_page=100&page=3');
    expect(last.headers.get('link')).toBe(`<${base}&page=2>; rel="prev", <${base}&page=1>; rel="first"`);
    expect(((await last.json()) as unknown[]).length).toBe(30);
  });

  test('per_page defaults to 30 and is clamped to 100; one page means no Link header', async () => {
    expect(((await (await get(large, '/orgs/megacorp/members')).json()) as unknown[]).length).toBe(30);
    expect(
      ((await (await get(large, '/orgs/megacorp/members?per_page=500')).json()) as unknown[]).length,
    ).toBe(100);
    const single = await get(small, '/orgs/acme/members?per_page=100');
    expect(single.headers.get('link')).toBeNull();
    expect(((await single.json()) as unknown[]).length).toBe(8);
  });

  test('role selects admins or plain members', async () => {
    const admins = (await (await get(large, '/orgs/megacorp/members?role=admin')).json()) as {
      login: string;
    }[];
    expect(admins.map((user) => user.login)).toEqual(['dev-0001', 'dev-0002', 'dev-0003', 'dev-0004']);
    const members = (await (await get(small, '/orgs/acme/members?role=member')).json()) as {
      login: string;
    }[];
    expect(members.map((user) => user.login)).toEqual(['bob', 'carol', 'dave', 'frank']);
  });

  test('members are shaped like simple-user', async () => {
    const [bob] = (await (await get(small, '/orgs/acme/members?filter=2fa_disabled')).json()) as Record<
      string,
      unknown
    >[];
    expect(bob).toMatchObject({
      login: 'bob',
      id: 1002,
      type: 'User',
      site_admin: false,
      node_id: 'MDQ6VXNlcjEwMDI=',
    });
    expect(bob?.url).toBe(`${small.githubBaseUrl}/users/bob`);
  });
});

describe('owner and member views', () => {
  test('an owner sees the owner-only fields', async () => {
    const org = (await (await get(small, '/orgs/acme')).json()) as Record<string, unknown>;
    expect(org).toMatchObject({
      login: 'acme',
      id: 9001,
      two_factor_requirement_enabled: false,
      default_repository_permission: 'write',
      members_can_create_public_repositories: true,
      public_repos: 5,
      total_private_repos: 2,
      plan: { name: 'free' },
    });
  });

  test('a member gets the public fields, and the owner-only ones are absent (not false)', async () => {
    const org = (await (await get(small, '/orgs/acme', MEMBER)).json()) as Record<string, unknown>;
    expect(org).toMatchObject({ login: 'acme', public_repos: 5, type: 'Organization' });
    for (const field of [
      'two_factor_requirement_enabled',
      'total_private_repos',
      'members_can_create_repositories',
      'members_can_create_public_repositories',
      'default_repository_permission',
      'plan',
    ]) {
      expect(org).not.toHaveProperty(field);
    }
  });

  test('a member asking for 2fa_disabled gets 422 "Only owners can use this filter."', async () => {
    const response = await get(small, '/orgs/acme/members?filter=2fa_disabled', MEMBER);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ message: 'Only owners can use this filter.' });
    expect((await get(small, '/orgs/acme/members', MEMBER)).status).toBe(200);
  });
});

describe('errors and headers', () => {
  test('unknown org is 404 with GitHub body; unknown route is 404', async () => {
    const response = await get(small, '/orgs/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.any(String),
    });
    expect((await get(small, '/orgs/nope/members')).status).toBe(404);
    expect((await get(small, '/repos/acme/x')).status).toBe(404);
  });

  test('missing or unknown token is 401 Bad credentials', async () => {
    for (const token of [null, 'ghp_wrong']) {
      const response = await get(small, '/orgs/acme', token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ message: 'Bad credentials' });
    }
  });

  test('invalid filter or role is 422 Validation Failed naming the field', async () => {
    const response = await get(small, '/orgs/acme/members?filter=everyone&role=boss');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'filter' }, { field: 'role' }],
    });
  });

  test('every response has rate-limit headers, counting down per token, plus a request id and an etag', async () => {
    const sandbox = await startSandbox({ scenario: scenarioPath('github/compliant.yaml') });
    try {
      const first = await get(sandbox, '/orgs/acme');
      const second = await get(sandbox, '/orgs/acme/members');
      const other = await get(sandbox, '/orgs/acme', MEMBER);
      expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
      expect(second.headers.get('x-ratelimit-remaining')).toBe('4998');
      expect(second.headers.get('x-ratelimit-used')).toBe('2');
      expect(other.headers.get('x-ratelimit-remaining')).toBe('4999');
      expect(first.headers.get('x-ratelimit-resource')).toBe('core');
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(first.headers.get('x-github-request-id')).not.toBe(second.headers.get('x-github-request-id'));
      expect(first.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{64}"$/);
      expect(first.headers.get('x-oauth-scopes')).toBe('admin:org, repo');
    } finally {
      await sandbox.close();
    }
  });

  test('a conditional request with a matching etag is 304 and costs no quota', async () => {
    const first = await get(small, '/orgs/acme');
    const etag = first.headers.get('etag') ?? '';
    const again = await get(small, '/orgs/acme', OWNER, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-ratelimit-remaining')).toBe(first.headers.get('x-ratelimit-remaining'));
  });
});
