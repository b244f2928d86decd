import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConnectorError, parseConfig, withProvenance } from '@annexa/core';
import { type Sandbox, type SandboxScenario, startSandbox } from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InstallationTokens, REFRESH_MARGIN_SECONDS } from './app-auth.js';
import type { GitHubClient } from './client.js';
import { type GitHubConfig, githubConfigSchema } from './config.js';
import { githubConnector } from './connector.js';

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

const APP_ID = 31337;
const INSTALLATION = 4242;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherPrivatePem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
/** A line of the key's body: if any of it reached a log or a message, this would find it. */
const keyFragment = privatePem.split('\n')[5] ?? 'unreachable';

function scenario(role: 'owner' | 'member', tokenLifetimeSeconds = 3600): SandboxScenario {
  return {
    github: {
      org: { login: 'acme', id: 9001, two_factor_requirement_enabled: true, plan: 'team' },
      members: [
        { login: 'alice', id: 1001, role: 'admin', twoFactor: true },
        { login: 'bob', id: 1002, twoFactor: false },
      ],
      repos: [{ name: 'api', classic: {}, codeowners: 'valid' }, { name: 'web' }],
      tokens: [{ value: 'ghp_sandboxOwnerToken0000000000000000001', role: 'owner' }],
      apps: [
        { id: APP_ID, publicKeyPem: publicPem, installationId: INSTALLATION, role, tokenLifetimeSeconds },
      ],
    },
  };
}

let sandbox: Sandbox;
let dir: string;
let keyFile: string;
let otherKeyFile: string;
const errorMessages: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: scenario('owner') });
  dir = await mkdtemp(join(tmpdir(), 'annexa-app-auth-'));
  keyFile = join(dir, 'app.pem');
  otherKeyFile = join(dir, 'other.pem');
  await writeFile(keyFile, privatePem);
  await writeFile(otherKeyFile, otherPrivatePem);
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
  // Nothing secret ever left the connector: not the key, not a JWT, not an installation token.
  for (const line of [...logLines, ...errorMessages]) {
    expect(line).not.toContain(keyFragment);
    expect(line).not.toContain('PRIVATE KEY');
    expect(line).not.toMatch(/ghs_[0-9a-f]{8}/);
    expect(line).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  }
});

function config(
  app: Partial<GitHubConfig['app'] & object> = {},
  baseUrl = sandbox.githubBaseUrl,
): GitHubConfig {
  return githubConfigSchema.parse({
    name: 'acme',
    type: 'github',
    org: 'acme',
    baseUrl,
    app: { appId: APP_ID, privateKeyFile: keyFile, installationId: INSTALLATION, ...app },
  });
}

async function client(appConfig: GitHubConfig): Promise<GitHubClient> {
  return githubConnector.create(appConfig, { log, signal: new AbortController().signal });
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

describe('GitHub App installation auth, end to end through the connector', () => {
  test('mints one installation token from the App JWT and reads REST and GraphQL with it', async () => {
    sandbox.resetRequests();
    const github = await client(config());
    const { result, requests } = await withProvenance(async () => {
      const org = await github.getOrganization('acme');
      const members: string[] = [];
      for await (const member of github.listMembers('acme', { filter: '2fa_disabled' }))
        members.push(member.login);
      const branches = await github.readDefaultBranches('acme', []);
      return { org, members, branches };
    });
    // Owner-level installation: owner-only fields visible, the 2FA filter allowed, GraphQL answered.
    expect(result.org.two_factor_requirement_enabled).toBe(true);
    expect(result.members).toEqual(['bob']);
    expect(result.branches.via).toBe('graphql');
    expect(result.branches.repositories.map((repository) => repository.name).sort()).toEqual(['api', 'web']);

    const mint = `/github/api/v3/app/installations/${INSTALLATION}/access_tokens`;
    expect(sandbox.requests.filter((request) => request.method === 'POST' && request.path === mint)).toEqual([
      expect.objectContaining({ status: 201, hasAuthorization: true }),
    ]);
    expect(sandbox.requests.every((request) => request.status < 300)).toBe(true);
    // The mint is part of the provenance, like every other request.
    expect(requests[0]).toEqual({
      method: 'POST',
      path: `/app/installations/${INSTALLATION}/access_tokens`,
      status: 201,
    });
    expect(requests.slice(1).every((request) => request.status === 200)).toBe(true);
  });

  test('a member-level installation sees the public view: owner-only fields null, the 2FA filter forbidden', async () => {
    const memberSandbox = await startSandbox({ scenario: scenario('member') });
    try {
      const github = await client(config({}, memberSandbox.githubBaseUrl));
      expect((await github.getOrganization('acme')).two_factor_requirement_enabled).toBeNull();
      const error = await failure(
        (async () => {
          for await (const _ of github.listMembers('acme', { filter: '2fa_disabled' })) break;
        })(),
      );
      expect(error.code).toBe('forbidden');
    } finally {
      await memberSandbox.close();
    }
  });

  test('a token about to expire is replaced before use; an expired one would be refused', async () => {
    // Tokens of 4 minutes, inside the 5-minute margin: every request needs a fresh one, and gets it.
    const shortLived = await startSandbox({ scenario: scenario('owner', REFRESH_MARGIN_SECONDS - 60) });
    try {
      const github = await client(config({}, shortLived.githubBaseUrl));
      await github.getOrganization('acme');
      await github.getOrganization('acme');
      const mints = shortLived.requests.filter((request) => request.method === 'POST');
      expect(mints.map((request) => request.status)).toEqual([201, 201]);
      expect(shortLived.requests.filter((request) => request.method === 'GET').map((r) => r.status)).toEqual([
        200, 200,
      ]);
    } finally {
      await shortLived.close();
    }
  });

  test('the refresh follows the clock: same token until 5 minutes before expiry, then a new one', async () => {
    let now = Date.now();
    const tokens = new InstallationTokens({
      app: config().app as NonNullable<GitHubConfig['app']>,
      baseUrl: sandbox.githubBaseUrl,
      log,
      signal: new AbortController().signal,
      now: () => now,
    });
    sandbox.resetRequests();
    const [first, concurrent] = await Promise.all([tokens.token(), tokens.token()]);
    expect(concurrent).toBe(first);
    now += 54 * 60 * 1000;
    expect(await tokens.token()).toBe(first);
    expect(sandbox.requests).toHaveLength(1);
    now += 2 * 60 * 1000;
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(sandbox.requests.map((request) => `${request.method} ${request.status}`)).toEqual([
      'POST 201',
      'POST 201',
    ]);
  });

  test('a wrong key, App, installation or key file fails with a clear error that holds no secret', async () => {
    const wrongKey = await failure(
      client(config({ privateKeyFile: otherKeyFile })).then((c) => c.getOrganization('acme')),
    );
    expect(wrongKey.code).toBe('auth');
    expect(wrongKey.message).toMatch(/GitHub answered 401 to POST \/app\/installations\/4242\/access_tokens/);
    expect(wrongKey.message).toMatch(/check app.appId \(31337\)/);

    const wrongApp = await failure(client(config({ appId: 1 })).then((c) => c.getOrganization('acme')));
    expect(wrongApp.code).toBe('auth');

    const wrongInstallation = await failure(
      client(config({ installationId: 7 })).then((c) => c.getOrganization('acme')),
    );
    expect(wrongInstallation.code).toBe('not-found');
    expect(wrongInstallation.message).toMatch(/App 31337 has no installation 7/);

    const missing = await failure(
      client(config({ privateKeyFile: join(dir, 'nope.pem') })).then((c) => c.getOrganization('acme')),
    );
    expect(missing.message).toBe(
      `cannot read the GitHub App private key file ${join(dir, 'nope.pem')} (ENOENT): check app.privateKeyFile`,
    );
    const notAKey = join(dir, 'not-a-key.pem');
    await writeFile(notAKey, publicPem);
    const wrongFormat = await failure(
      client(config({ privateKeyFile: notAKey })).then((c) => c.getOrganization('acme')),
    );
    expect(wrongFormat.message).toMatch(/is not an RSA private key in PEM/);
  });
});

describe('configuration', () => {
  const base = { name: 'acme', type: 'github', org: 'acme' };
  const app = { appId: '31337', privateKeyFile: './keys/app.pem', installationId: 4242 };

  test('exactly one of token and app; ids from the environment arrive as strings and become numbers', () => {
    expect(githubConfigSchema.parse({ ...base, app }).app).toEqual({ ...app, appId: 31337 });
    expect(githubConfigSchema.safeParse({ ...base }).error?.issues[0]?.message).toMatch(/needs either token/);
    expect(githubConfigSchema.safeParse({ ...base, token: 't', app }).error?.issues[0]).toMatchObject({
      path: ['app'],
      message: 'give either token or app, not both',
    });
    expect(githubConfigSchema.safeParse({ ...base, app: { ...app, appId: 'Iv1.x' } }).success).toBe(false);
    expect(githubConfigSchema.safeParse({ ...base, app: { ...app, extra: 1 } }).success).toBe(false);
  });

  test('annexa.yaml: app.privateKeyFile is resolved against its directory', () => {
    const parsed = parseConfig(
      [
        'locker: ./evidence',
        'soa: ./soa.yaml',
        'connectors:',
        '  - name: acme',
        '    type: github',
        '    org: acme',
        '    app: { appId: 31337, privateKeyFile: ./keys/app.pem, installationId: 4242 }',
        '',
      ].join('\n'),
      '/srv/annexa/annexa.yaml',
      { connectors: [githubConnector], env: {} },
    );
    const instance = parsed.connectors[0]?.config as GitHubConfig | undefined;
    expect(instance?.app?.privateKeyFile).toBe('/srv/annexa/keys/app.pem');
  });
});
