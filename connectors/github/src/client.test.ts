import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ConnectorError, withProvenance, withProvenanceSettled } from '@annexa/core';
import { type RecordedRequest, type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGitHubClient, type GitHubClient, OWNER_FILTER_HINT } from './client.js';
import type { GitHubConfig } from './config.js';
import { githubConnector } from './connector.js';
import type { OctokitTuning } from './octokit.js';

const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';
const MEMBER = 'ghp_sandboxMemberToken000000000000000002';

/** Every log line any client in this file writes, to prove no token ever reaches one. */
const logLines: string[] = [];
const log = pino(
  { level: 'trace' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  }),
);
const errorMessages: string[] = [];

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

/** Every request any sandbox of this file saw, kept before a sandbox is reset or closed. */
const seenRequests: RecordedRequest[] = [];
function keep(sandbox: Sandbox): void {
  seenRequests.push(...sandbox.requests);
  sandbox.resetRequests();
}

function client(
  sandbox: Sandbox,
  options: { token?: string; org?: string; tuning?: Partial<OctokitTuning> } = {},
) {
  const config: GitHubConfig = {
    name: 'acme',
    type: 'github',
    org: options.org ?? 'acme',
    token: options.token ?? OWNER,
    baseUrl: sandbox.githubBaseUrl,
  };
  return createGitHubClient(config, { log, signal: new AbortController().signal }, options.tuning);
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    errorMessages.push((error as Error).message);
    return error as ConnectorError;
  }
  throw new Error('expected a ConnectorError');
}

const memberRequests = (sandbox: Sandbox) =>
  sandbox.requests.filter((request) => request.path.includes('/members'));

describe('pagination', () => {
  test('230 members without 2FA among 2,500 cost exactly ceil(230/100) = 3 requests, per_page=100', async () => {
    keep(large);
    const members = await all(client(large).listMembers('megacorp', { filter: '2fa_disabled' }));
    expect(members).toHaveLength(230);
    expect(new Set(members.map((member) => member.login)).size).toBe(230);
    expect(memberRequests(large).map((request) => request.path)).toEqual([
      '/github/api/v3/orgs/megacorp/members?filter=2fa_disabled&per_page=100',
      '/github/api/v3/orgs/megacorp/members?filter=2fa_disabled&per_page=100&page=2',
      '/github/api/v3/orgs/megacorp/members?filter=2fa_disabled&per_page=100&page=3',
    ]);
  });

  test('all 2,500 members cost 25 requests; role=admin finds the 4 admins in one', async () => {
    keep(large);
    expect(await all(client(large).listMembers('megacorp'))).toHaveLength(2500);
    expect(memberRequests(large)).toHaveLength(25);
    const admins = await all(client(large).listMembers('megacorp', { role: 'admin' }));
    expect(admins.map((admin) => admin.login)).toEqual(['dev-0001', 'dev-0002', 'dev-0003', 'dev-0004']);
    expect(memberRequests(large)).toHaveLength(26);
  });

  test('pages are fetched only as the caller reads them', async () => {
    keep(large);
    for await (const member of client(large).listMembers('megacorp')) {
      expect(member.login).toBe('dev-0001');
      break;
    }
    expect(memberRequests(large)).toHaveLength(1);
  });

  test('a next link to another origin is not followed (the token would go with it)', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        link: '<http://127.0.0.2:1/steal?page=2>; rel="next"',
      });
      response.end(JSON.stringify([{ login: 'a', id: 1, type: 'User', site_admin: false }]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const config: GitHubConfig = {
        name: 'x',
        type: 'github',
        org: 'acme',
        token: OWNER,
        baseUrl: `http://127.0.0.1:${port}/api/v3`,
      };
      const lister = createGitHubClient(config, { log, signal: new AbortController().signal });
      const error = await failure(all(lister.listMembers('acme')));
      expect(error.code).toBe('upstream');
      expect(error.message).toMatch(
        /next-page link .* leaves http:\/\/127\.0\.0\.1:\d+\/api\/v3: not followed/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('owner and member tokens', () => {
  test('an owner sees the organisation settings', async () => {
    const org = await client(small).getOrganization('acme');
    expect(org).toMatchObject({
      login: 'acme',
      two_factor_requirement_enabled: false,
      default_repository_permission: 'write',
      public_repos: 5,
      total_private_repos: 2,
      plan: 'free',
    });
  });

  test('for a member, owner-only fields are null (unknown), never false', async () => {
    const org = await client(small, { token: MEMBER }).getOrganization('acme');
    expect(org.public_repos).toBe(5);
    expect(org.two_factor_requirement_enabled).toBeNull();
    expect(org.total_private_repos).toBeNull();
    expect(org.members_can_create_public_repositories).toBeNull();
    expect(org.plan).toBeNull();
  });

  test('a member listing members without 2FA is forbidden, with what to do about it', async () => {
    const error = await failure(
      all(client(small, { token: MEMBER }).listMembers('acme', { filter: '2fa_disabled' })),
    );
    expect(error.code).toBe('forbidden');
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      `GitHub answered 422 to GET /orgs/acme/members?filter=2fa_disabled&per_page=100: Only owners can use this filter.: ${OWNER_FILTER_HINT}`,
    );
  });
});

describe('errors', () => {
  test('401 → auth, 404 → not-found, 422 → invalid-request, unreachable → upstream', async () => {
    const bad = await failure(client(small, { token: 'ghp_not_a_real_token_123' }).getOrganization('acme'));
    expect([bad.code, bad.status]).toEqual(['auth', 401]);
    expect(bad.message).toMatch(
      /^GitHub answered 401 to GET \/orgs\/acme: Bad credentials: the token is invalid/,
    );
    expect(bad.message).not.toContain('ghp_not_a_real_token_123');

    const missing = await failure(client(small).getOrganization('nope'));
    expect([missing.code, missing.status]).toEqual(['not-found', 404]);

    const invalid = await failure(all(client(small).listMembers('acme', { role: 'boss' as 'admin' })));
    expect([invalid.code, invalid.status]).toEqual(['invalid-request', 422]);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const config: GitHubConfig = {
      name: 'x',
      type: 'github',
      org: 'acme',
      token: OWNER,
      baseUrl: `http://127.0.0.1:${port}/api/v3`,
    };
    const offline = createGitHubClient(
      config,
      { log, signal: new AbortController().signal },
      { serverErrorBackoffMs: 1 },
    );
    const unreachable = await failure(offline.getOrganization('acme'));
    expect(unreachable.code).toBe('upstream');
    expect(unreachable.message).toMatch(/^GitHub could not be reached for GET \/orgs\/acme: .*ECONNREFUSED/);
  });

  test('5xx is retried (default backoff) and the result is what a clean run gives', async () => {
    const sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
    try {
      const clean = await all(client(sandbox).listMembers('acme', { filter: '2fa_disabled' }));
      keep(sandbox);
      sandbox.setFaults({ serverErrors: { first: 1, status: 502 } });
      const viaConnector = await githubConnector.create(
        { name: 'acme', type: 'github', org: 'acme', token: OWNER, baseUrl: sandbox.githubBaseUrl },
        { log, signal: new AbortController().signal },
      );
      expect(await all(viaConnector.listMembers('acme', { filter: '2fa_disabled' }))).toEqual(clean);
      expect(sandbox.requests.map((request) => request.status)).toEqual([502, 200]);
    } finally {
      keep(sandbox);
      await sandbox.close();
    }
  });

  test('5xx past the retries is upstream, after 1 + retries attempts', async () => {
    const sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
    try {
      sandbox.setFaults({ serverErrors: { first: 10, status: 503 } });
      const error = await failure(
        client(sandbox, { tuning: { serverErrorBackoffMs: 1 } }).getOrganization('acme'),
      );
      expect([error.code, error.status]).toEqual(['upstream', 503]);
      expect(sandbox.requests).toHaveLength(4);
    } finally {
      keep(sandbox);
      await sandbox.close();
    }
  });
});

describe('rate limits', () => {
  async function limited(fault: Parameters<Sandbox['setFaults']>[0], tuning: Partial<OctokitTuning> = {}) {
    const sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
    try {
      const clean = await all(client(sandbox).listMembers('acme'));
      keep(sandbox);
      sandbox.setFaults(fault);
      const linesBefore = logLines.length;
      const outcome = await all(client(sandbox, { tuning }).listMembers('acme')).then(
        (members) => ({ members }),
        (error: unknown) => ({ error }),
      );
      return {
        clean,
        outcome,
        statuses: sandbox.requests.map((r) => r.status),
        logs: logLines.slice(linesBefore),
      };
    } finally {
      keep(sandbox);
      await sandbox.close();
    }
  }

  test('403 secondary with retry-after is waited out (logged) and the result equals a clean run', async () => {
    const run = await limited({ rateLimit: { first: 1, retryAfterSeconds: 1, kind: 'secondary' } });
    expect(run.outcome).toEqual({ members: run.clean });
    expect(run.statuses).toEqual([403, 200]);
    const waits = run.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.kind);
    expect(waits).toEqual([
      expect.objectContaining({
        kind: 'secondary',
        retryAfterSeconds: 1,
        attempt: 1,
        connector: 'acme',
        level: 40,
      }),
    ]);
  });

  test('429 secondary is waited out too', async () => {
    const run = await limited({
      rateLimit: { first: 1, retryAfterSeconds: 1, kind: 'secondary', status: 429 },
    });
    expect(run.outcome).toEqual({ members: run.clean });
    expect(run.statuses).toEqual([429, 200]);
  });

  test('primary (remaining 0, reset ahead) waits until the reset', async () => {
    const run = await limited({ rateLimit: { first: 1, retryAfterSeconds: 1, kind: 'primary' } });
    expect(run.outcome).toEqual({ members: run.clean });
    expect(run.statuses).toEqual([403, 200]);
  });

  test('a wait longer than allowed, or too many, gives up as rate-limited', async () => {
    const tooLong = await limited(
      { rateLimit: { first: 1, retryAfterSeconds: 120, kind: 'secondary' } },
      { maxRateLimitWaitSeconds: 60 },
    );
    const error = (tooLong.outcome as { error: ConnectorError }).error;
    expect(error).toBeInstanceOf(ConnectorError);
    errorMessages.push(error.message);
    expect([error.code, error.status]).toEqual(['rate-limited', 403]);
    expect(tooLong.statuses).toEqual([403]);

    const tooMany = await limited(
      { rateLimit: { first: 5, retryAfterSeconds: 1, kind: 'secondary', status: 429 } },
      { rateLimitRetries: 1 },
    );
    expect((tooMany.outcome as { error: ConnectorError }).error.code).toBe('rate-limited');
    expect(tooMany.statuses).toEqual([429, 429]);
  });
});

describe('provenance', () => {
  test('each collector gets its own requests, retries included, paths relative to the API root', async () => {
    const sandbox = await startSandbox({ scenario: scenarioPath('github/large.yaml') });
    try {
      const shared: GitHubClient = client(sandbox, { tuning: { serverErrorBackoffMs: 1 } });
      sandbox.setFaults({ serverErrors: { first: 1, status: 500 } });
      const [settings, members] = await Promise.all([
        withProvenance(() => shared.getOrganization('megacorp')),
        withProvenance(() => all(shared.listMembers('megacorp', { filter: '2fa_disabled' }))),
      ]);
      expect(members.result).toHaveLength(230);
      // One of the two first requests got the 500; whichever it was, it is recorded with its collector.
      const all500 = [...settings.requests, ...members.requests].filter((request) => request.status === 500);
      expect(all500).toHaveLength(1);
      expect(settings.requests.filter((r) => r.status === 200)).toEqual([
        { method: 'GET', path: '/orgs/megacorp', status: 200 },
      ]);
      expect(members.requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
        '/orgs/megacorp/members?filter=2fa_disabled&per_page=100',
        '/orgs/megacorp/members?filter=2fa_disabled&per_page=100&page=2',
        '/orgs/megacorp/members?filter=2fa_disabled&per_page=100&page=3',
      ]);
    } finally {
      keep(sandbox);
      await sandbox.close();
    }
  });

  test('a failing call keeps its failed request in provenance', async () => {
    const outcome = await withProvenanceSettled(() =>
      client(small, { token: MEMBER }).getOrganization('nope'),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.requests).toEqual([{ method: 'GET', path: '/orgs/nope', status: 404 }]);
  });

  test('requests carry the annexa user agent', async () => {
    keep(small);
    await client(small).getOrganization('acme');
    expect(small.requests[0]?.userAgent).toMatch(/^annexa\/\d+\.\d+\.\d+ /);
  });
});

describe('read-only and secret-free (runs last)', () => {
  test('every request any sandbox saw in this file was a GET', () => {
    keep(large);
    keep(small);
    expect(seenRequests.length).toBeGreaterThan(50);
    expect(new Set(seenRequests.map((request) => request.method))).toEqual(new Set(['GET']));
  });

  test('no token in any log line or error message', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(errorMessages.length).toBeGreaterThan(5);
    for (const text of [...logLines, ...errorMessages]) {
      expect(text).not.toContain(OWNER);
      expect(text).not.toContain(MEMBER);
      expect(text).not.toContain('ghp_');
    }
  });

  test('the recording fetch refuses to send anything but GET or HEAD', async () => {
    const { createRecordingFetch } = await import('./recording-fetch.js');
    const guarded = createRecordingFetch(small.githubBaseUrl);
    await expect(guarded(`${small.githubBaseUrl}/orgs/acme`, { method: 'POST' })).rejects.toThrow(
      'refusing to send POST /orgs/acme: Annexa only reads',
    );
    keep(small);
    expect(seenRequests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
