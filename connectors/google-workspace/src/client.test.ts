import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConnectorError, withProvenanceSettled } from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGoogleWorkspaceClient, type GoogleWorkspaceClient } from './client.js';
import { googleWorkspaceConfigSchema } from './config.js';
import { createRecordingFetch } from './recording-fetch.js';

const ADMIN = 'ya29.sandbox-admin-token-0001';
const USER = 'ya29.sandbox-user-token-0002';
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
const FAST = { backoff: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } };

let compliant: Sandbox;
let paged: Sandbox;
beforeAll(async () => {
  [compliant, paged] = await Promise.all([
    startSandbox({ scenario: scenarioPath('google/compliant.yaml') }),
    startSandbox({
      scenario: {
        google: {
          customerId: 'C01page00',
          domain: 'paged.example',
          generate: { users: 1201, loginEvents: 2500 },
          tokens: [{ value: ADMIN }],
        },
      },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([compliant.close(), paged.close()]);
});

function client(sandbox: Sandbox, extra: Record<string, unknown> = {}): Promise<GoogleWorkspaceClient> {
  const config = googleWorkspaceConfigSchema.parse({
    name: 'acme',
    type: 'google-workspace',
    domain: 'acme.example',
    accessToken: ADMIN,
    rootUrl: `${sandbox.url}/`,
    ...extra,
  });
  return createGoogleWorkspaceClient(config, { log, signal: new AbortController().signal }, FAST);
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('reading through @googleapis/admin against the sandbox', () => {
  test('users.list: every user in one request at maxResults=500, recorded as provenance', async () => {
    const workspace = await client(compliant);
    const outcome = await withProvenanceSettled(() => all(workspace.listUsers()));
    expect(outcome.ok).toBe(true);
    const users = outcome.ok ? outcome.result : [];
    expect(users.map((user) => user.primaryEmail)).toContain('oscar@acme.example');
    expect(users.find((user) => user.primaryEmail === 'alice@acme.example')).toMatchObject({
      isAdmin: true,
      isEnrolledIn2Sv: true,
      isEnforcedIn2Sv: true,
      suspended: false,
    });
    expect(outcome.requests).toHaveLength(1);
    expect(outcome.requests[0]?.method).toBe('GET');
    expect(outcome.requests[0]?.status).toBe(200);
    expect(outcome.requests[0]?.path).toMatch(/^\/admin\/directory\/v1\/users\?.*maxResults=500/);
  });

  test('paging: 1,201 users in ⌈1201/500⌉ = 3 requests, 2,500 events in 3 requests of 1,000', async () => {
    const workspace = await client(paged, { domain: 'paged.example' });
    const users = await withProvenanceSettled(() => all(workspace.listUsers()));
    expect(users.ok && users.result.length).toBe(1201);
    expect(users.requests).toHaveLength(3);
    const window = { startTime: '2026-10-28T00:00:00.000Z', endTime: '2026-11-27T00:00:00.000Z' };
    const events = await withProvenanceSettled(() => all(workspace.listActivities('login', window)));
    expect(events.ok && events.result.length).toBe(2500);
    expect(events.requests.map((r) => r.path.includes('maxResults=1000'))).toEqual([true, true, true]);
  });

  test('roles and role assignments', async () => {
    const workspace = await client(compliant);
    const roles = await all(workspace.listRoles());
    expect(roles.filter((role) => role.isSuperAdminRole).map((role) => role.roleName)).toEqual([
      '_SEED_ADMIN_ROLE',
    ]);
    const assignments = await all(workspace.listRoleAssignments());
    expect(assignments).toHaveLength(4);
  });

  test('backoff: 403 userRateLimitExceeded, 429 and 503 are waited out; each attempt is provenance', async () => {
    const workspace = await client(compliant);
    for (const faults of [
      { rateLimit: { first: 2, retryAfterSeconds: 0, kind: 'primary' as const, status: 403 as const } },
      { rateLimit: { first: 1, retryAfterSeconds: 0, kind: 'primary' as const, status: 429 as const } },
      { serverErrors: { first: 2, status: 503 as const } },
    ]) {
      compliant.setFaults(faults);
      const outcome = await withProvenanceSettled(() => all(workspace.listRoles()));
      expect(outcome.ok).toBe(true);
      const statuses = outcome.requests.map((r) => r.status);
      expect(statuses.at(-1)).toBe(200);
      expect(
        statuses.slice(0, -1).every((status) => status === 403 || status === 429 || status === 503),
      ).toBe(true);
      expect(statuses.length).toBeGreaterThan(1);
    }
    compliant.setFaults({});
  });

  test('quota never frees: rate-limited after the retries, saying so', async () => {
    const workspace = await client(compliant);
    compliant.setFaults({ rateLimit: { first: 10, retryAfterSeconds: 0, kind: 'primary', status: 403 } });
    const outcome = await withProvenanceSettled(() => all(workspace.listRoles()));
    compliant.setFaults({});
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? undefined : (outcome.error as ConnectorError);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error?.code).toBe('rate-limited');
    expect(error?.message).toMatch(/userRateLimitExceeded.*after backing off/);
    expect(outcome.requests).toHaveLength(4);
  });

  test('a refused token is auth, a non-admin subject is forbidden; neither message holds the token', async () => {
    const bad = await client(compliant, { accessToken: 'ya29.not-a-valid-token' });
    const refused = await withProvenanceSettled(() => all(bad.listUsers()));
    const authError = refused.ok ? undefined : (refused.error as ConnectorError);
    expect(authError?.code).toBe('auth');
    expect(authError?.message).not.toContain('ya29');
    const user = await client(compliant, { accessToken: USER });
    const forbidden = await withProvenanceSettled(() => all(user.listUsers()));
    const forbiddenError = forbidden.ok ? undefined : (forbidden.error as ConnectorError);
    expect(forbiddenError?.code).toBe('forbidden');
    expect(forbiddenError?.message).toMatch(/403.*Not Authorized/);
    expect(forbiddenError?.message).not.toContain(USER);
  });

  test('an unreachable root is upstream', async () => {
    const workspace = await client(compliant, { rootUrl: 'http://127.0.0.1:1/' });
    const outcome = await withProvenanceSettled(() => all(workspace.listRoles()));
    expect(outcome.ok ? undefined : (outcome.error as ConnectorError).code).toBe('upstream');
  });

  test('only GET reaches the sandbox', () => {
    expect(compliant.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('service account with domain-wide delegation', () => {
  let tokenServer: Server;
  let tokenUrl: string;
  let dir: string;
  const grants: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'annexa-gws-'));
    // The OAuth token endpoint is a POST, which the read-only sandbox refuses: a tiny loopback one stands in.
    tokenServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        grants.push(`${request.method} ${new URLSearchParams(body).get('grant_type')}`);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: ADMIN, token_type: 'Bearer', expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
  });
  afterAll(async () => {
    await new Promise((resolve) => tokenServer.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  test('a JWT signed with the key file is exchanged at its token_uri, then the Directory API is read', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'sa.json');
    await writeFile(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        client_email: 'annexa@acme-project.iam.gserviceaccount.com',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        token_uri: tokenUrl,
      }),
    );
    const config = googleWorkspaceConfigSchema.parse({
      name: 'acme',
      type: 'google-workspace',
      domain: 'acme.example',
      serviceAccountKeyFile: keyFile,
      subject: 'alice@acme.example',
      rootUrl: `${compliant.url}/`,
    });
    const workspace = await createGoogleWorkspaceClient(
      config,
      { log, signal: new AbortController().signal },
      FAST,
    );
    const outcome = await withProvenanceSettled(() => all(workspace.listRoles()));
    expect(outcome.ok).toBe(true);
    expect(grants).toEqual(['POST urn:ietf:params:oauth:grant-type:jwt-bearer']);
    expect(outcome.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`)).toEqual([
      'POST /token 200',
      'GET /admin/directory/v1/customer/my_customer/roles 200',
    ]);
  });

  test('a missing or malformed key file is an auth error naming the file, never its content', async () => {
    const missing = googleWorkspaceConfigSchema.parse({
      name: 'acme',
      type: 'google-workspace',
      domain: 'acme.example',
      serviceAccountKeyFile: join(dir, 'nope.json'),
      subject: 'alice@acme.example',
    });
    await expect(
      createGoogleWorkspaceClient(missing, { log, signal: new AbortController().signal }),
    ).rejects.toThrow(/cannot read the service account key file .*nope\.json \(ENOENT\)/);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ type: 'service_account', client_email: 'x@y', private_key: '' }));
    await expect(
      createGoogleWorkspaceClient(
        { ...missing, serviceAccountKeyFile: bad },
        { log, signal: new AbortController().signal },
      ),
    ).rejects.toThrow(/not a service account JSON key \(check private_key\)/);
  });
});

test('the recording fetch refuses every write but the token exchange', async () => {
  const recording = createRecordingFetch();
  await expect(
    recording('http://127.0.0.1:1/admin/directory/v1/users', { method: 'DELETE' }),
  ).rejects.toThrow(/refusing to send DELETE \/admin\/directory\/v1\/users: Annexa only reads/);
  await expect(recording('http://127.0.0.1:1/admin/directory/v1/users', { method: 'POST' })).rejects.toThrow(
    /Annexa only reads/,
  );
});
