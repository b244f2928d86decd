import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseScenario } from '../scenario.js';
import { type Sandbox, startSandbox } from '../server.js';
import { mintInstallationToken } from './apps.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const APP = { id: 77, publicKeyPem, installationId: 5, role: 'owner' as const, tokenLifetimeSeconds: 3600 };

function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256' }): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), keys.privateKey).toString('base64url')}`;
}

const now = new Date('2026-11-27T12:00:00Z');
const at = Math.floor(now.getTime() / 1000);
const valid = { iat: at - 60, exp: at + 540, iss: '77' };

test('the token endpoint verifies the JWT: signature, issuer, expiry, lifetime, algorithm', () => {
  const mint = (token: string | undefined, installation = 5) =>
    mintInstallationToken([APP], token === undefined ? undefined : `Bearer ${token}`, installation, now);
  const ok = mint(jwt(valid));
  expect(ok.status).toBe(201);
  expect(ok.body).toMatchObject({ expires_at: '2026-11-27T13:00:00Z', repository_selection: 'all' });
  expect(ok.minted?.value).toMatch(/^ghs_[0-9a-f]{36}$/);
  expect(mint(jwt({ ...valid, iss: 77 })).status).toBe(201);

  const [head, body] = jwt(valid).split('.');
  const refused = [
    mint(undefined),
    mint('not-a-jwt'),
    mint(`${head}.${body}.${Buffer.from('forged').toString('base64url')}`),
    mint(jwt({ ...valid, iss: '78' })),
    mint(jwt({ ...valid, exp: at - 1 })),
    mint(jwt({ ...valid, iat: at - 700, exp: at + 60 })),
    mint(jwt({ ...valid, iat: at + 120 })),
    mint(jwt(valid, { alg: 'none' })),
  ];
  expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401]);
  expect(mint(jwt(valid), 6).status).toBe(404);
});

test('a scenario app needs an RSA public key in PEM; the message names the field, never the key', () => {
  expect(() =>
    parseScenario(
      'github:\n  org: { login: acme, id: 1, two_factor_requirement_enabled: true }\n  tokens: [{ value: t, role: owner }]\n  apps: [{ id: 1, publicKeyPem: nope, installationId: 2, role: owner }]\n',
      'apps.yaml',
    ),
  ).toThrow(/must be a PEM public key/);
});

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    scenario: {
      github: {
        org: { login: 'acme', id: 1, two_factor_requirement_enabled: true },
        tokens: [{ value: 'ghp_x', role: 'owner' }],
        apps: [{ ...APP, tokenLifetimeSeconds: 1 }],
      },
    },
  });
});
afterAll(async () => {
  await sandbox.close();
});

test('over HTTP: only POST mints, the minted token reads, and an expired one gets 401', async () => {
  const url = `${sandbox.githubBaseUrl}/app/installations/5/access_tokens`;
  const fresh = jwt({
    ...valid,
    iat: Math.floor(Date.now() / 1000) - 60,
    exp: Math.floor(Date.now() / 1000) + 540,
  });
  expect((await fetch(url, { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(404);
  const minted = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${fresh}` } });
  expect(minted.status).toBe(201);
  const { token, expires_at: expiresAt } = (await minted.json()) as { token: string; expires_at: string };
  const read = () =>
    fetch(`${sandbox.githubBaseUrl}/orgs/acme`, { headers: { authorization: `token ${token}` } });
  // A one-second token: read it while it lives, then wait for the expiry GitHub stated (not a timing assertion:
  // the fake compares against that same instant).
  const first = await read();
  if (Date.now() < Date.parse(expiresAt)) expect(first.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now()) + 20));
  expect((await read()).status).toBe(401);
  // Any other POST under the REST root is still refused as a write.
  expect((await fetch(`${sandbox.githubBaseUrl}/orgs/acme/repos`, { method: 'POST' })).status).toBe(405);
});
